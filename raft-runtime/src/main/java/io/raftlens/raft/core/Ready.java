package io.raftlens.raft.core;

import io.raftlens.raft.core.pb.Entry;
import io.raftlens.raft.core.pb.HardState;
import io.raftlens.raft.core.pb.Message;
import io.raftlens.raft.core.pb.Snapshot;
import java.util.List;

/**
 * A batch of work for the driver, as etcd's {@code Ready}. Handle it in this order: persist the snapshot,
 * the entries and the hard state (fsync if {@link #mustSync()}); then send the messages; then apply the
 * committed entries (calling {@link RawNode#applyConfChange} for conf-change entries); then
 * {@link RawNode#advance(Ready)}.
 */
public final class Ready {
    private final SoftState softState;
    private final HardState hardState;
    private final List<Entry> entries;
    private final Snapshot snapshot;
    private final List<Entry> committedEntries;
    private final List<Message> messages;
    private final boolean mustSync;

    Ready(SoftState softState, HardState hardState, List<Entry> entries, Snapshot snapshot,
          List<Entry> committedEntries, List<Message> messages, boolean mustSync) {
        this.softState = softState;
        this.hardState = hardState;
        this.entries = entries;
        this.snapshot = snapshot;
        this.committedEntries = committedEntries;
        this.messages = messages;
        this.mustSync = mustSync;
    }

    /** The leader and role, or null when unchanged since the last Ready. */
    public SoftState softState() {
        return softState;
    }

    /** Term, vote and commit to persist, or null when unchanged. */
    public HardState hardState() {
        return hardState;
    }

    /** Entries to persist before sending {@link #messages()}; an entry at index i replaces persisted entries from i on. */
    public List<Entry> entries() {
        return entries;
    }

    /** A snapshot to persist and apply before the entries, or null. */
    public Snapshot snapshot() {
        return snapshot;
    }

    /** Entries to apply to the state machine after persisting. */
    public List<Entry> committedEntries() {
        return committedEntries;
    }

    /** Messages to send after the entries and hard state are durable. */
    public List<Message> messages() {
        return messages;
    }

    /** Whether the hard state and entries must be synced to disk (entries, or a term/vote change). */
    public boolean mustSync() {
        return mustSync;
    }

    @Override
    public String toString() {
        return "Ready{softState=" + softState + ", hardState=" + (hardState == null ? null
                : "{term=" + hardState.getTerm() + " vote=" + hardState.getVote() + " commit=" + hardState.getCommit() + "}")
                + ", entries=" + entries.size() + ", snapshot=" + (snapshot == null ? null : snapshot.getMetadata().getIndex())
                + ", committedEntries=" + committedEntries.size() + ", messages=" + messages.size()
                + ", mustSync=" + mustSync + "}";
    }
}
