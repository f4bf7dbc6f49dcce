package io.raftlens.lsp.live;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which consenter of the open configtx.yaml a node of an orderer log is. A Fabric line names its node by
 * {@code node=N}, the Raft id Fabric gives the N-th consenter of the channel's first config (list order, from 1);
 * a line without it is named by where it came from: the docker/kubectl prefix or the file name
 * ({@code orderer3.example.com}, {@code orderer3}, {@code byfn-orderer3.log}).
 */
final class LogNodes {

    private LogNodes() {
    }

    static Optional<ConsenterLayout.Entry> consenter(ConsenterLayout layout, String node) {
        if (node == null || node.isBlank()) {
            return Optional.empty();
        }
        String n = node.trim();
        if (n.matches("\\d{1,9}")) {
            long id = Long.parseLong(n);
            return layout.consenters().stream().filter(c -> c.id() == id).findFirst();
        }
        String lower = n.toLowerCase(Locale.ROOT);
        List<ConsenterLayout.Entry> exact = layout.consenters().stream()
                .filter(c -> lower.equals(c.host().toLowerCase(Locale.ROOT)) || lower.equals(c.address().toLowerCase(Locale.ROOT)))
                .toList();
        if (exact.size() == 1) {
            return Optional.of(exact.get(0));
        }
        // the host's first label as a whole word of the name: "orderer3" in "byfn-orderer3", not "orderer" in "orderer3"
        List<String> words = List.of(lower.split("[^a-z0-9]+"));
        List<ConsenterLayout.Entry> byLabel = layout.consenters().stream().filter(c -> {
            String host = c.host().toLowerCase(Locale.ROOT);
            if (host.isEmpty()) {
                return false;
            }
            if (lower.contains(host)) {
                return true;
            }
            String label = host.split("\\.", 2)[0];
            return words.contains(label);
        }).toList();
        return byLabel.size() == 1 ? Optional.of(byLabel.get(0)) : Optional.empty();
    }
}
