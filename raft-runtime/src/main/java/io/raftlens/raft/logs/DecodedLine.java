package io.raftlens.raft.logs;

/**
 * One log line with its envelope taken off: when it was written (if the line says), the {@code channel=} and
 * {@code node=} fields Fabric's chain logger appends (if present), the message itself, and where it came from.
 *
 * @param timeMillis epoch milliseconds, or {@link #NO_TIME} when the line carries no timestamp
 * @param channel    the {@code channel} field, or {@code null}
 * @param node       the {@code node} field (a decimal Raft id), or {@code null}
 * @param message    the message text as the program logged it
 * @param source     the container/pod/file the line came from (a docker compose or kubectl prefix, else the file)
 */
public record DecodedLine(long timeMillis, String channel, String node, String message, String source) {
    public static final long NO_TIME = Long.MIN_VALUE;

    /** Fabric's chain logger adds {@code node=}; then ids inside etcd raft's messages are printed {@code %x}. */
    public boolean fabricFields() {
        return node != null;
    }
}
