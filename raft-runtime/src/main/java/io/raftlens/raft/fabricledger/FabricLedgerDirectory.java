package io.raftlens.raft.fabricledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where a Fabric orderer keeps its blocks: {@code <FileLedger.Location>/chains/<channel>/blockfile_NNNNNN}
 * ({@code blkstorage.ChainsDir}, {@code blockfile_helper.go}). Accepts the production directory itself
 * ({@code /var/hyperledger/production/orderer}), its {@code chains} directory, or one channel's directory.
 */
public final class FabricLedgerDirectory {

    public static final String CHAINS = "chains";

    private final Path chains;
    private final Path singleChannel;

    private FabricLedgerDirectory(Path chains, Path singleChannel) {
        this.chains = chains;
        this.singleChannel = singleChannel;
    }

    /** The Fabric ledger at {@code dir}, or empty when {@code dir} does not look like one. */
    public static Optional<FabricLedgerDirectory> detect(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        if (Files.isDirectory(dir.resolve(CHAINS)) && !channelsIn(dir.resolve(CHAINS)).isEmpty()) {
            return Optional.of(new FabricLedgerDirectory(dir.resolve(CHAINS), null));
        }
        if (dir.getFileName() != null && dir.getFileName().toString().equals(CHAINS) && !channelsIn(dir).isEmpty()) {
            return Optional.of(new FabricLedgerDirectory(dir, null));
        }
        if (!FabricChainReader.files(dir).isEmpty() && dir.getParent() != null
                && dir.getParent().getFileName() != null && dir.getParent().getFileName().toString().equals(CHAINS)) {
            return Optional.of(new FabricLedgerDirectory(dir.getParent(), dir));
        }
        return Optional.empty();
    }

    private static List<String> channelsIn(Path chains) {
        try (Stream<Path> s = Files.list(chains)) {
            return s.filter(Files::isDirectory).filter(p -> Files.exists(p.resolve("blockfile_000000")))
                    .map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Channel names (directories under {@code chains/} holding {@code blockfile_000000}). */
    public List<String> channels() {
        return singleChannel != null ? List.of(singleChannel.getFileName().toString()) : channelsIn(chains);
    }

    public Path channelDir(String channel) {
        return chains.resolve(channel);
    }

    public Path chains() {
        return chains;
    }
}
