package io.raftlens.lsp.cli;

import io.raftlens.raft.network.NetworkSnapshot;
import io.raftlens.raft.network.NetworkEvent;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/** Launch's live view of the network: network events mark it stale; {@link #refresh} (a timer) shows it again. */
final class LiveTable {

    /** Where the state goes: {@link PinnedTable} on a terminal, {@link ChangeLines} otherwise. */
    interface View {
        /** Shows the network; true when part of it is held back to show later. */
        boolean show(NetworkSnapshot network);
    }

    private final Supplier<NetworkSnapshot> network;
    private final View view;
    private final AtomicBoolean stale = new AtomicBoolean(true);

    LiveTable(Supplier<NetworkSnapshot> network, View view) {
        this.network = network;
        this.view = view;
    }

    void onEvent(NetworkEvent e) {
        stale.set(true);
    }

    void refresh() {
        if (stale.getAndSet(false) && view.show(network.get())) {
            stale.set(true);
        }
    }
}
