package io.raftlens.raft.node;

import com.google.protobuf.ByteString;
import io.raftlens.raft.orderer.Blocks;
import io.raftlens.raft.orderer.FileLedger;
import io.raftlens.raft.orderer.LedgerDirectory;
import io.raftlens.raft.wal.RaftDisk;
import io.raftlens.raft.wal.WalOptions;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.orderer.etcdraft.BlockMetadata;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A node's channels on disk, in the layout {@code raftlens ledger} reads ({@link LedgerDirectory}): the WAL and
 * snapshots under Consensus.WALDir/SnapDir (or the node folder) per channel, the block ledger under
 * {@code ledger/<channel>}, starting with the channel's genesis block.
 */
public final class FileChainStorage implements ChainStorage {

    private final NodeSpec spec;
    private final LedgerDirectory layout;
    private final UnaryOperator<WalOptions> walOptions;
    /** Adds this node's orderer signature to each block it writes (Fabric's block writer); identity when unsigned. */
    private volatile UnaryOperator<Block> blockSigner = UnaryOperator.identity();

    public FileChainStorage(NodeSpec spec) {
        this(spec, UnaryOperator.identity());
    }

    /** With adjusted WAL options (segment size, or a file opener that injects disk faults in tests). */
    public FileChainStorage(NodeSpec spec, UnaryOperator<WalOptions> walOptions) {
        this.spec = spec;
        this.layout = new LedgerDirectory(spec.dataDir(), spec.walDir(), spec.snapDir());
        this.walOptions = walOptions;
    }

    /** Signs every block this node writes from now on (its orderer identity), as Fabric's addBlockSignature. */
    public FileChainStorage signingBlocksWith(UnaryOperator<Block> signer) {
        this.blockSigner = signer;
        return this;
    }

    @Override
    public RaftDisk openWal(String channel) {
        String owner = "channel=" + channel + " node=" + spec.id();
        ByteString identity = ByteString.copyFromUtf8("raftlens channel=" + channel + " node=" + spec.id()
                + " consenter=" + spec.address());
        return RaftDisk.open(layout.walDir(channel), layout.snapDir(channel), identity,
                walOptions.apply(WalOptions.defaults(owner)));
    }

    @Override
    public void discardRaftState(String channel) {
        delete(channel, List.of(layout.walDir(channel), layout.snapDir(channel)));
    }

    @Override
    public void removeChannel(String channel) {
        delete(channel, List.of(layout.walDir(channel), layout.snapDir(channel), layout.ledgerDir(channel)));
    }

    private static void delete(String channel, List<java.nio.file.Path> dirs) {
        for (java.nio.file.Path dir : dirs) {
            if (!java.nio.file.Files.exists(dir)) {
                continue;
            }
            try (java.util.stream.Stream<java.nio.file.Path> walk = java.nio.file.Files.walk(dir)) {
                for (java.nio.file.Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    java.nio.file.Files.delete(p);
                }
            } catch (java.io.IOException e) {
                throw new IllegalStateException("cannot delete the files of channel " + channel + " in " + dir
                        + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public ChainLedger openLedger(String channel) {
        return openLedger(channel, spec.genesisBlocks().get(channel));
    }

    @Override
    public ChainLedger openLedger(String channel, Block genesis) {
        FileLedger ledger = FileLedger.open(layout.ledgerDir(channel));
        if (ledger.height() == 0) {
            if (genesis == null) {
                ledger.close();
                throw new IllegalStateException("no genesis block for channel " + channel);
            }
            ledger.append(genesis);
        }
        return new Ledger(ledger, blockSigner);
    }

    /** {@link ChainLedger} over the file ledger; committed blocks carry etcdraft metadata with their Raft index. */
    private static final class Ledger implements ChainLedger {
        private final FileLedger ledger;
        private final UnaryOperator<Block> signer;

        Ledger(FileLedger ledger, UnaryOperator<Block> signer) {
            this.ledger = ledger;
            this.signer = signer;
        }

        @Override
        public long height() {
            return ledger.height();
        }

        @Override
        public Block lastBlock() {
            return ledger.lastBlock().orElseThrow();
        }

        @Override
        public long raftIndex(Block block) {
            return Blocks.raftIndex(block).orElse(0);
        }

        @Override
        public void append(Block block, BlockMetadata raft, long lastConfig) {
            ledger.append(signer.apply(Blocks.withOrdererMetadata(block, lastConfig, raft)), false);
        }

        @Override
        public void sync() {
            ledger.sync();
        }

        @Override
        public void appendPulled(Block block) {
            ledger.append(block);
        }

        @Override
        public Optional<Block> block(long number) {
            if (number < 0 || number >= ledger.height()) {
                return Optional.empty();
            }
            return Optional.of(ledger.block(number));
        }

        @Override
        public void close() {
            ledger.close();
        }
    }
}
