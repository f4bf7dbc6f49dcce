package io.raftlens.raft.core;

import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Immutable node configuration, etcd's {@code raft.Config}. Defaults follow etcd where etcd has one,
 * otherwise Fabric's etcdraft settings (MaxSizePerMsg 1 MiB).
 */
public final class RaftConfig {
    /** etcd's {@code noLimit}. */
    public static final long NO_LIMIT = Long.MAX_VALUE;

    private final long id;
    private final int electionTick;
    private final int heartbeatTick;
    private final Storage storage;
    private final long applied;
    private final long maxSizePerMsg;
    private final int maxInflightMsgs;
    private final long maxUncommittedEntriesSize;
    private final boolean checkQuorum;
    private final boolean preVote;
    private final boolean disableProposalForwarding;
    private final boolean pipelineReadies;
    private final boolean stepDownOnRemoval;
    private final EtcdRaftVersion etcdRaftVersion;
    private final RandomGenerator random;
    private final RaftLogger logger;

    private RaftConfig(Builder b) {
        this.id = b.id;
        this.electionTick = b.electionTick;
        this.heartbeatTick = b.heartbeatTick;
        this.storage = b.storage;
        this.applied = b.applied;
        this.maxSizePerMsg = b.maxSizePerMsg;
        this.maxInflightMsgs = b.maxInflightMsgs;
        this.maxUncommittedEntriesSize = b.maxUncommittedEntriesSize == 0 ? NO_LIMIT : b.maxUncommittedEntriesSize;
        this.checkQuorum = b.checkQuorum;
        this.preVote = b.preVote;
        this.disableProposalForwarding = b.disableProposalForwarding;
        this.pipelineReadies = b.pipelineReadies;
        this.stepDownOnRemoval = b.stepDownOnRemoval;
        this.etcdRaftVersion = b.etcdRaftVersion;
        this.random = b.random != null ? b.random : new SplittableRandom(b.id);
        this.logger = b.logger != null ? b.logger : new Slf4jRaftLogger(null, b.id);
    }

    public static Builder builder(long id, Storage storage) {
        return new Builder(id, storage);
    }

    public long id() {
        return id;
    }

    public int electionTick() {
        return electionTick;
    }

    public int heartbeatTick() {
        return heartbeatTick;
    }

    public Storage storage() {
        return storage;
    }

    /** The last applied index on restart; 0 means "everything committed is still to apply". */
    public long applied() {
        return applied;
    }

    public long maxSizePerMsg() {
        return maxSizePerMsg;
    }

    public int maxInflightMsgs() {
        return maxInflightMsgs;
    }

    /** Limit on the total payload of uncommitted entries on a leader; {@link #NO_LIMIT} when unset. */
    public long maxUncommittedEntriesSize() {
        return maxUncommittedEntriesSize;
    }

    public boolean checkQuorum() {
        return checkQuorum;
    }

    public boolean preVote() {
        return preVote;
    }

    public boolean disableProposalForwarding() {
        return disableProposalForwarding;
    }

    /** Whether {@link RawNode#ready()} may hand out a Ready while earlier ones are not advanced yet. */
    public boolean pipelineReadies() {
        return pipelineReadies;
    }

    /**
     * etcd's {@code StepDownOnRemoval} (default off, as etcd and Fabric leave it): a leader that applies its own
     * removal steps down at once; otherwise it keeps leading, refuses new proposals, and the application stops it.
     */
    public boolean stepDownOnRemoval() {
        return stepDownOnRemoval;
    }

    /** The etcd raft release whose self-vote / self-ack timing and log lines the core reproduces (default 3.6). */
    public EtcdRaftVersion etcdRaftVersion() {
        return etcdRaftVersion;
    }

    /** Source of randomized election timeouts: exactly one {@code nextInt(electionTick)} per timeout reset. */
    public RandomGenerator random() {
        return random;
    }

    public RaftLogger logger() {
        return logger;
    }

    public static final class Builder {
        private final long id;
        private final Storage storage;
        private int electionTick = 10;
        private int heartbeatTick = 1;
        private long applied;
        private long maxSizePerMsg = 1024 * 1024;
        private int maxInflightMsgs = 256;
        private long maxUncommittedEntriesSize;
        private boolean checkQuorum;
        private boolean preVote;
        private boolean disableProposalForwarding;
        private boolean pipelineReadies;
        private boolean stepDownOnRemoval;
        private EtcdRaftVersion etcdRaftVersion = EtcdRaftVersion.V3_6;
        private RandomGenerator random;
        private RaftLogger logger;

        private Builder(long id, Storage storage) {
            this.id = id;
            this.storage = storage;
        }

        public Builder electionTick(int ticks) {
            this.electionTick = ticks;
            return this;
        }

        public Builder heartbeatTick(int ticks) {
            this.heartbeatTick = ticks;
            return this;
        }

        public Builder applied(long index) {
            this.applied = index;
            return this;
        }

        public Builder maxSizePerMsg(long bytes) {
            this.maxSizePerMsg = bytes;
            return this;
        }

        public Builder maxInflightMsgs(int count) {
            this.maxInflightMsgs = count;
            return this;
        }

        /** 0 means no limit, as in etcd. */
        public Builder maxUncommittedEntriesSize(long bytes) {
            this.maxUncommittedEntriesSize = bytes;
            return this;
        }

        public Builder checkQuorum(boolean on) {
            this.checkQuorum = on;
            return this;
        }

        public Builder preVote(boolean on) {
            this.preVote = on;
            return this;
        }

        public Builder disableProposalForwarding(boolean on) {
            this.disableProposalForwarding = on;
            return this;
        }

        /**
         * Lets the driver take the next Ready while earlier ones are still being persisted (etcd's asynchronous
         * storage writes): a slow fsync then no longer holds back the leader's next appends. The driver must
         * persist Readys in the order it took them and advance them in that order once each is durable; a
         * Ready's committed entries may include entries of earlier Readys still in flight, so they are applied
         * only when that Ready is durable (all earlier ones are then too).
         */
        public Builder pipelineReadies(boolean on) {
            this.pipelineReadies = on;
            return this;
        }

        public Builder stepDownOnRemoval(boolean on) {
            this.stepDownOnRemoval = on;
            return this;
        }

        /** The etcd raft release to behave like: 3.5 for Fabric 2.5 to 3.1.4, 3.6 (the default) for 3.1.5 and later. */
        public Builder etcdRaftVersion(EtcdRaftVersion version) {
            this.etcdRaftVersion = Objects.requireNonNull(version, "etcdRaftVersion");
            return this;
        }

        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        public Builder logger(RaftLogger logger) {
            this.logger = Objects.requireNonNull(logger, "logger");
            return this;
        }

        /** Validates like etcd's {@code Config.validate()}, with etcd's messages. */
        public RaftConfig build() {
            if (id == 0) {
                throw new IllegalArgumentException("cannot use none as id");
            }
            if (heartbeatTick <= 0) {
                throw new IllegalArgumentException("heartbeat tick must be greater than 0");
            }
            if (electionTick <= heartbeatTick) {
                throw new IllegalArgumentException("election tick must be greater than heartbeat tick");
            }
            if (storage == null) {
                throw new IllegalArgumentException("storage cannot be nil");
            }
            if (maxInflightMsgs <= 0) {
                throw new IllegalArgumentException("max inflight messages must be greater than 0");
            }
            if (maxSizePerMsg < 0) {
                throw new IllegalArgumentException("max size per message must not be negative");
            }
            if (maxUncommittedEntriesSize < 0) {
                throw new IllegalArgumentException("max uncommitted entries size must not be negative");
            }
            if (applied < 0) {
                throw new IllegalArgumentException("applied index must not be negative");
            }
            if (pipelineReadies && etcdRaftVersion == EtcdRaftVersion.V3_5) {
                // 3.5 counts the leader's own appends before they are durable; sending before persisting on top of
                // that lets a quorum "hold" an entry only the leader's lost write had.
                throw new IllegalArgumentException("pipelined Readys need etcd raft 3.6 (3.5 counts the leader's own "
                        + "appends before they are durable): use 3.6 or persist each Ready before sending its messages");
            }
            return new RaftConfig(this);
        }
    }
}
