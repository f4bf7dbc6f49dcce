package io.raftlens.raft.orderer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where a node keeps its data (see package documentation): {@code NODE_DIR/wal/<channel>},
 * {@code NODE_DIR/snap/<channel>} and {@code NODE_DIR/ledger/<channel>}. When orderer.yaml sets
 * {@code Consensus.WALDir}/{@code SnapDir}, those replace the first two roots, with the same per-channel
 * sub-folders as Fabric's ({@code WALDir/<channel>}).
 */
public final class LedgerDirectory {
    public static final String WAL = "wal";
    public static final String SNAP = "snap";
    public static final String LEDGER = "ledger";

    private final Path nodeDir;
    private final Path walRoot;
    private final Path snapRoot;

    public LedgerDirectory(Path nodeDir) {
        this(nodeDir, nodeDir.resolve(WAL), nodeDir.resolve(SNAP));
    }

    /** With orderer.yaml's Consensus.WALDir / SnapDir as the WAL and snapshot roots. */
    public LedgerDirectory(Path nodeDir, Path walRoot, Path snapRoot) {
        this.nodeDir = nodeDir;
        this.walRoot = walRoot;
        this.snapRoot = snapRoot;
    }

    public Path nodeDir() {
        return nodeDir;
    }

    public Path walDir(String channel) {
        return walRoot.resolve(channel);
    }

    public Path snapDir(String channel) {
        return snapRoot.resolve(channel);
    }

    public Path ledgerDir(String channel) {
        return nodeDir.resolve(LEDGER).resolve(channel);
    }

    /** Channels with a ledger in this node dir, sorted by name. */
    public List<String> channels() {
        Path root = nodeDir.resolve(LEDGER);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> Files.isRegularFile(p.resolve(BlockFiles.name(0))))
                    .map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new LedgerException("cannot list " + root + ": " + e.getMessage(), e);
        }
    }

    /** True when {@code dir} holds at least one channel ledger. */
    public static boolean isNodeDir(Path dir) {
        return !new LedgerDirectory(dir).channels().isEmpty();
    }

    /** Node dirs directly under a network data dir ({@code DATA_DIR/<consenter host>}), sorted. */
    public static List<Path> nodeDirsUnder(Path dataDir) {
        if (!Files.isDirectory(dataDir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dataDir)) {
            return s.filter(Files::isDirectory).filter(LedgerDirectory::isNodeDir).sorted().toList();
        } catch (IOException e) {
            throw new LedgerException("cannot list " + dataDir + ": " + e.getMessage(), e);
        }
    }
}
