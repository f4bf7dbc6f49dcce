package io.raftlens.lsp.live;

import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.CodeLens;

/** Reads the live lenses the way a user does: the network header and each consenter's status line. */
public final class LensReading {

    private LensReading() {
    }

    /** The status lens (no command) of each consenter, in file order. */
    public static List<String> statuses(List<? extends CodeLens> lenses) {
        return lenses.stream().filter(l -> l.getCommand().getCommand().isEmpty()).map(l -> l.getCommand().getTitle()).toList();
    }

    /** How many consenter status lenses start with {@code role}. */
    public static long count(List<String> statuses, String role) {
        return statuses.stream().filter(s -> s.startsWith(role + " ")).count();
    }

    /** "■ Stop · leader orderer3.example.com · term 2 · height 12". */
    public static Optional<String> header(List<? extends CodeLens> lenses) {
        return lenses.stream().map(l -> l.getCommand().getTitle()).filter(t -> t.startsWith("■ Stop")).findFirst();
    }

    /** The leader named by the header lens (single channel). */
    public static String leaderHost(List<? extends CodeLens> lenses) {
        String h = header(lenses).orElseThrow(() -> new AssertionError("no running-network lens in " + titles(lenses)));
        String rest = h.substring(h.indexOf("leader ") + 7);
        return rest.substring(0, rest.indexOf(' '));
    }

    /** The first "term N" of a lens title. */
    public static long term(String title) {
        String rest = title.substring(title.indexOf("term ") + 5);
        int end = rest.indexOf(' ');
        return Long.parseLong(end < 0 ? rest : rest.substring(0, end));
    }

    public static List<String> titles(List<? extends CodeLens> lenses) {
        return lenses.stream().map(l -> l.getCommand().getTitle()).toList();
    }

    /** One leader, the other four following it, all running. */
    public static boolean settled(List<? extends CodeLens> lenses) {
        List<String> s = statuses(lenses);
        return s.size() == 5 && count(s, "leader") == 1 && count(s, "follower") == 4;
    }
}
