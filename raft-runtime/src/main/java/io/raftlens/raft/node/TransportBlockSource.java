package io.raftlens.raft.node;

import com.google.protobuf.InvalidProtocolBufferException;
import io.raftlens.raft.orderer.Blocks;
import io.raftlens.raft.transport.Transport;
import org.hyperledger.fabric.protos.common.Block;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Pulls a missed block from the channel's other consenters over this node's cluster transport, as Fabric's block
 * puller does over Deliver: each consenter is asked in turn with a short timeout, and an answer is accepted only if
 * it is the requested block with intact data (its header's data hash). The ledger then checks the hash chain.
 * The consenter that served the previous block is asked first. Blocks the calling chain thread for at most
 * (consenters - 1) × timeout per block; never an event loop.
 */
public final class TransportBlockSource implements BlockSource {
    /** Long enough for a 100 MB block on a LAN, short enough to move on from a dead consenter quickly. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger("orderer.common.cluster.puller");

    private final long self;
    private final java.util.function.Function<String, List<Long>> consenters;
    private final Supplier<Transport> transport;
    private final Duration timeout;
    /** Per channel, the consenter that served the last block: asked first, so a dead one costs a timeout once. */
    private final Map<String, Long> lastServer = new ConcurrentHashMap<>();

    /**
     * @param consenters the consenter ids of each channel
     * @param transport  the node's running transport, or null while it is stopped
     */
    public TransportBlockSource(long self, Map<String, List<Long>> consenters, Supplier<Transport> transport,
                                Duration timeout) {
        this(self, Map.copyOf(consenters)::get, transport, timeout);
    }

    /** @param consenters the consenter ids of a channel (null or empty when unknown), asked at each pull */
    public TransportBlockSource(long self, java.util.function.Function<String, List<Long>> consenters,
                                Supplier<Transport> transport, Duration timeout) {
        this.self = self;
        this.consenters = consenters;
        this.transport = transport;
        this.timeout = timeout;
    }

    @Override
    public Optional<Block> block(String channel, long number) {
        return Optional.ofNullable(pull(channel, number).block());
    }

    @Override
    public Pulled pull(String channel, long number) {
        Transport t = transport.get();
        List<Long> ids = consenters.apply(channel);
        if (ids == null) {
            ids = List.of();
        }
        if (t == null) {
            return new Pulled(null, false);
        }
        int asked = 0;
        int refused = 0;
        List<Long> order = new ArrayList<>(ids);
        Long preferred = lastServer.get(channel);
        if (preferred != null && order.remove(preferred)) {
            order.add(0, preferred);
        }
        for (long peer : order) {
            if (peer == self) {
                continue;
            }
            asked++;
            boolean[] refusal = new boolean[1];
            Optional<Block> b = ask(t, channel, peer, number, refusal);
            if (b.isPresent()) {
                lastServer.put(channel, peer);
                return new Pulled(b.get(), false);
            }
            if (refusal[0]) {
                refused++;
            }
        }
        return new Pulled(null, asked > 0 && refused == asked);
    }

    private Optional<Block> ask(Transport t, String channel, long peer, long number, boolean[] refusal) {
        Optional<byte[]> bytes;
        try {
            // the transport enforces the timeout; the margin only guards against a lost completion
            bytes = t.requestBlock(channel, peer, number, timeout).get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            log.debug("[channel: {}] {}", channel, e.getCause().getMessage());
            refusal[0] = e.getCause() instanceof io.raftlens.raft.transport.BlockRequestException bre && bre.refused();
            return Optional.empty();
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        if (bytes.isEmpty()) {
            log.debug("[channel: {}] node {} does not have block [{}]", channel, peer, number);
            return Optional.empty();
        }
        try {
            Block b = Block.parseFrom(bytes.get());
            if (b.getHeader().getNumber() != number) {
                log.warn("[channel: {}] node {} answered block [{}] when asked for block [{}]; ignoring it", channel,
                        peer, b.getHeader().getNumber(), number);
                return Optional.empty();
            }
            if (!Arrays.equals(Blocks.dataHash(b.getData()), b.getHeader().getDataHash().toByteArray())) {
                log.warn("[channel: {}] block [{}] from node {} has a data hash that does not match its data; "
                        + "ignoring it", channel, number, peer);
                return Optional.empty();
            }
            return Optional.of(b);
        } catch (InvalidProtocolBufferException e) {
            log.warn("[channel: {}] block [{}] from node {} is not a valid block: {}", channel, number, peer,
                    e.getMessage());
            return Optional.empty();
        }
    }
}
