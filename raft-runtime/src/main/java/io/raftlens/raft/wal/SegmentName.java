package io.raftlens.raft.wal;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** etcd's segment file name: {@code %016x-%016x.wal} = sequence number and index of the first entry it may hold. */
record SegmentName(long seq, long firstIndex) implements Comparable<SegmentName> {
    private static final Pattern NAME = Pattern.compile("([0-9a-f]{16})-([0-9a-f]{16})\\.wal");

    static Optional<SegmentName> parse(String fileName) {
        Matcher m = NAME.matcher(fileName);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new SegmentName(Long.parseUnsignedLong(m.group(1), 16),
                Long.parseUnsignedLong(m.group(2), 16)));
    }

    String fileName() {
        return String.format("%016x-%016x.wal", seq, firstIndex);
    }

    @Override
    public int compareTo(SegmentName o) {
        return Long.compareUnsigned(seq, o.seq);
    }
}
