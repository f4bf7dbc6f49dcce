package io.raftlens.raft.transport;

import io.netty.channel.EventLoopGroup;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of one node's cluster transport (orderer.yaml General.Cluster.* where Fabric has an equivalent).
 * Build with {@link #builder(long, TlsMaterial)}.
 */
public final class TransportConfig {
    /** Fabric's General.Cluster.SendBufferSize default. */
    public static final int DEFAULT_SEND_BUFFER_SIZE = 100;
    /** Fabric's General.MaxRecvMsgSize default (100 MiB). */
    public static final int DEFAULT_MAX_FRAME_BYTES = 100 * 1024 * 1024;

    private final long nodeId;
    private final String listenHost;
    private final int listenPort;
    private final TlsMaterial tls;
    private final int sendBufferSize;
    private final int maxFrameBytes;
    private final Backoff backoff;
    private final Duration dialTimeout;
    private final Duration handshakeTimeout;
    private final int ioThreads;
    private final EventLoopGroup sharedEventLoopGroup;
    private final TransportObserver observer;
    private final Map<String, Map<Long, X509Certificate>> initialChannelMembers;
    private final BlockProvider blockProvider;
    private final int maxOutstandingBlockRequests;

    private TransportConfig(Builder b) {
        this.blockProvider = b.blockProvider;
        this.maxOutstandingBlockRequests = b.maxOutstandingBlockRequests;
        this.initialChannelMembers = Map.copyOf(b.channelMembers);
        this.nodeId = b.nodeId;
        this.listenHost = b.listenHost;
        this.listenPort = b.listenPort;
        this.tls = b.tls;
        this.sendBufferSize = b.sendBufferSize;
        this.maxFrameBytes = b.maxFrameBytes;
        this.backoff = b.backoff;
        this.dialTimeout = b.dialTimeout;
        this.handshakeTimeout = b.handshakeTimeout;
        this.ioThreads = b.ioThreads;
        this.sharedEventLoopGroup = b.sharedEventLoopGroup;
        this.observer = b.observer;
    }

    public static Builder builder(long nodeId, TlsMaterial tls) {
        return new Builder(nodeId, tls);
    }

    public long nodeId() { return nodeId; }
    public String listenHost() { return listenHost; }
    public int listenPort() { return listenPort; }
    public TlsMaterial tls() { return tls; }
    public int sendBufferSize() { return sendBufferSize; }
    public int maxFrameBytes() { return maxFrameBytes; }
    public Backoff backoff() { return backoff; }
    public Duration dialTimeout() { return dialTimeout; }
    public Duration handshakeTimeout() { return handshakeTimeout; }
    public int ioThreads() { return ioThreads; }
    /** An event loop group owned by the caller (shared by the nodes of a launch), or null for a private one. */
    public EventLoopGroup sharedEventLoopGroup() { return sharedEventLoopGroup; }
    public TransportObserver observer() { return observer; }
    /** Consenters per channel known at start (see {@link Transport#setChannelMembers}). */
    public Map<String, Map<Long, X509Certificate>> initialChannelMembers() { return initialChannelMembers; }
    /** Serves this node's blocks to consenters that ask for them ({@link BlockProvider#NONE} by default). */
    public BlockProvider blockProvider() { return blockProvider; }
    /** Block requests this node may have in flight at once; more fail at once rather than queue. */
    public int maxOutstandingBlockRequests() { return maxOutstandingBlockRequests; }

    public static final class Builder {
        private final long nodeId;
        private final TlsMaterial tls;
        private String listenHost = "127.0.0.1";
        private int listenPort;
        private int sendBufferSize = DEFAULT_SEND_BUFFER_SIZE;
        private int maxFrameBytes = DEFAULT_MAX_FRAME_BYTES;
        private Backoff backoff = Backoff.defaults();
        private Duration dialTimeout = Duration.ofSeconds(5);
        private Duration handshakeTimeout = Duration.ofSeconds(10);
        private int ioThreads = Math.min(2, Runtime.getRuntime().availableProcessors());
        private EventLoopGroup sharedEventLoopGroup;
        private TransportObserver observer = TransportObserver.NONE;
        private final Map<String, Map<Long, X509Certificate>> channelMembers = new LinkedHashMap<>();
        private BlockProvider blockProvider = BlockProvider.NONE;
        private int maxOutstandingBlockRequests = 16;

        private Builder(long nodeId, TlsMaterial tls) {
            if (nodeId <= 0) {
                throw new IllegalArgumentException("Raft node ids start at 1, got " + nodeId);
            }
            this.nodeId = nodeId;
            this.tls = Objects.requireNonNull(tls, "tls");
        }

        /** Address to listen on (default 127.0.0.1). */
        public Builder listenHost(String host) { this.listenHost = Objects.requireNonNull(host); return this; }

        /** Port to listen on; 0 picks an ephemeral port (tests). */
        public Builder listenPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("listen port must be 0..65535, got " + port);
            }
            this.listenPort = port;
            return this;
        }

        /** Capacity of each per-peer, per-channel egress queue (General.Cluster.SendBufferSize). */
        public Builder sendBufferSize(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("General.Cluster.SendBufferSize must be at least 1, got " + size);
            }
            this.sendBufferSize = size;
            return this;
        }

        public Builder maxFrameBytes(int bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("max frame size must be at least 1 KiB, got " + bytes);
            }
            this.maxFrameBytes = bytes;
            return this;
        }

        public Builder backoff(Backoff backoff) { this.backoff = Objects.requireNonNull(backoff); return this; }

        /** TCP connect timeout (General.Cluster.DialTimeout). */
        public Builder dialTimeout(Duration timeout) { this.dialTimeout = positive(timeout); return this; }

        /** Time allowed for the TLS handshake plus the Hello/HelloAck exchange. */
        public Builder handshakeTimeout(Duration timeout) { this.handshakeTimeout = positive(timeout); return this; }

        public Builder ioThreads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("need at least one I/O thread");
            }
            this.ioThreads = threads;
            return this;
        }

        public Builder sharedEventLoopGroup(EventLoopGroup group) { this.sharedEventLoopGroup = group; return this; }

        public Builder observer(TransportObserver observer) { this.observer = Objects.requireNonNull(observer); return this; }

        /** The consenters of {@code channel} with their ClientTLSCert, in force from the moment the port opens. */
        public Builder channelMembers(String channel, Map<Long, X509Certificate> consenters) {
            channelMembers.put(Objects.requireNonNull(channel), Map.copyOf(consenters));
            return this;
        }

        public Builder blockProvider(BlockProvider provider) {
            this.blockProvider = Objects.requireNonNull(provider, "provider");
            return this;
        }

        public Builder maxOutstandingBlockRequests(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("need at least one outstanding block request, got " + max);
            }
            this.maxOutstandingBlockRequests = max;
            return this;
        }

        public TransportConfig build() {
            return new TransportConfig(this);
        }

        private static Duration positive(Duration d) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, got " + d);
            }
            return d;
        }
    }
}
