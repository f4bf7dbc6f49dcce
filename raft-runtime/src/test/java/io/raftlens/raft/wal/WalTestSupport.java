package io.raftlens.raft.wal;

import com.google.protobuf.ByteString;
import io.raftlens.raft.core.pb.Entry;
import io.raftlens.raft.core.pb.HardState;
import java.util.ArrayList;
import java.util.List;

final class WalTestSupport {
    static final ByteString ID = ByteString.copyFromUtf8("network test channel mychannel node 1");

    private WalTestSupport() {
    }

    static Entry entry(long index, long term) {
        return Entry.newBuilder().setIndex(index).setTerm(term)
                .setData(ByteString.copyFromUtf8("tx-" + index + "-" + term)).build();
    }

    static List<Entry> entries(long from, long to, long term) {
        List<Entry> out = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            out.add(entry(i, term));
        }
        return out;
    }

    static HardState hs(long term, long vote, long commit) {
        return HardState.newBuilder().setTerm(term).setVote(vote).setCommit(commit).build();
    }

    static WalOptions options() {
        return WalOptions.defaults("channel mychannel node 1");
    }
}
