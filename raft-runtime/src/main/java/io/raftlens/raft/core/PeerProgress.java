package io.raftlens.raft.core;

/**
 * The leader's mutable view of one follower's log (etcd tracker.Progress). {@code next} is the next index
 * to send; {@code match} the highest index known to be replicated.
 */
final class PeerProgress {
    long match;
    long next;
    ProgressState state = ProgressState.PROBE;
    /** Index of the snapshot being sent while in {@link ProgressState#SNAPSHOT}. */
    long pendingSnapshot;
    /** Heard from since the last CheckQuorum; new peers start active so that adding one cannot depose the leader. */
    boolean recentActive;
    /** In PROBE: a probe is outstanding; in REPLICATE: the inflight window is full. */
    boolean msgAppFlowPaused;
    final Inflights inflights;
    final boolean isLearner;

    PeerProgress(long match, long next, int maxInflight, boolean isLearner, boolean recentActive) {
        this.match = match;
        this.next = next;
        this.inflights = new Inflights(maxInflight);
        this.isLearner = isLearner;
        this.recentActive = recentActive;
    }

    private void resetState(ProgressState newState) {
        msgAppFlowPaused = false;
        pendingSnapshot = 0;
        state = newState;
        inflights.reset();
    }

    void becomeProbe() {
        // After a snapshot, resume from the snapshot index if it is ahead of what we know is matched.
        if (state == ProgressState.SNAPSHOT) {
            long pending = pendingSnapshot;
            resetState(ProgressState.PROBE);
            next = Math.max(match + 1, pending + 1);
        } else {
            resetState(ProgressState.PROBE);
            next = match + 1;
        }
    }

    void becomeReplicate() {
        resetState(ProgressState.REPLICATE);
        next = match + 1;
    }

    void becomeSnapshot(long snapshotIndex) {
        resetState(ProgressState.SNAPSHOT);
        pendingSnapshot = snapshotIndex;
        // As etcd's BecomeSnapshot: the follower will be at the snapshot once it applies it.
        next = snapshotIndex + 1;
    }

    /** Accounts for a MsgApp carrying {@code entries} entries starting at {@code nextIndex}. */
    void updateOnEntriesSend(int entries, long nextIndex) {
        switch (state) {
            case REPLICATE -> {
                if (entries > 0) {
                    long last = nextIndex + entries - 1;
                    next = last + 1; // optimistic: assume it arrives
                    inflights.add(last);
                }
                msgAppFlowPaused = inflights.full();
            }
            case PROBE -> {
                if (entries > 0) {
                    msgAppFlowPaused = true;
                }
            }
            default -> throw new IllegalStateException("sending append in unhandled state " + state);
        }
    }

    /** An acknowledgement up to n arrived; returns whether match advanced. */
    boolean maybeUpdate(long n) {
        boolean updated = false;
        if (match < n) {
            match = n;
            updated = true;
            msgAppFlowPaused = false;
        }
        next = Math.max(next, n + 1);
        return updated;
    }

    /**
     * The follower rejected an append at index {@code rejected}; back off towards {@code matchHint}.
     * Returns false for a stale rejection.
     */
    boolean maybeDecrTo(long rejected, long matchHint) {
        if (state == ProgressState.REPLICATE) {
            if (rejected <= match) {
                return false;
            }
            next = match + 1;
            return true;
        }
        if (next - 1 != rejected) {
            return false;
        }
        next = Math.max(Math.min(rejected, matchHint + 1), match + 1);
        msgAppFlowPaused = false;
        return true;
    }

    boolean isPaused() {
        return switch (state) {
            case PROBE, REPLICATE -> msgAppFlowPaused;
            case SNAPSHOT -> true;
        };
    }

    Progress view() {
        return new Progress(match, next, state, recentActive, inflights.count(), isPaused());
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        b.append("State").append(stateName()).append(" match=").append(match).append(" next=").append(next);
        if (isLearner) {
            b.append(" learner");
        }
        if (isPaused()) {
            b.append(" paused");
        }
        if (pendingSnapshot > 0) {
            b.append(" pendingSnap=").append(pendingSnapshot);
        }
        if (!recentActive) {
            b.append(" inactive");
        }
        if (inflights.count() > 0) {
            b.append(" inflight=").append(inflights.count());
            if (inflights.full()) {
                b.append("[full]");
            }
        }
        return b.toString();
    }

    private String stateName() {
        return switch (state) {
            case PROBE -> "Probe";
            case REPLICATE -> "Replicate";
            case SNAPSHOT -> "Snapshot";
        };
    }
}
