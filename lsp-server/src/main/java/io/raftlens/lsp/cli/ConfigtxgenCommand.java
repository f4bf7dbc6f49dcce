package io.raftlens.lsp.cli;

import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.model.configtx.Profile;
import io.raftlens.raft.configtxgen.AnchorPeersUpdate;
import io.raftlens.raft.configtxgen.BlockJson;
import io.raftlens.raft.configtxgen.ChannelConfigEncoder;
import io.raftlens.raft.configtxgen.ConfigtxFiles;
import io.raftlens.raft.configtxgen.ConfigtxgenException;
import io.raftlens.raft.configtxgen.OrganizationPrinter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.hyperledger.fabric.protos.common.Block;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code raftlens configtxgen}: Fabric's configtxgen with its single-dash flags, its configtx.yaml search
 * ({@code -configPath}, else {@code FABRIC_CFG_PATH}, {@code .}, {@code /etc/hyperledger/fabric}) and its messages,
 * so that a script can switch by name. A refused profile is reported as {@code FILE:LINE:COL: error: MESSAGE}
 * (configtxgen's message, located in configtx.yaml) and exit status 1, as configtxgen exits 1.
 */
@Command(name = "configtxgen", sortOptions = false,
        description = {"Generate a channel genesis block, inspect a block, or print an organization, exactly as "
                + "Fabric's configtxgen does (flags, FABRIC_CFG_PATH, output); no Fabric binaries needed."})
public final class ConfigtxgenCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-profile", "--profile"}, paramLabel = "PROFILE", description = "The profile from configtx.yaml to use for generation.")
    String profile;

    @Option(names = {"-channelID", "--channelID"}, paramLabel = "ID", description = "The channel ID to use in the configtx.")
    String channelId;

    @Option(names = {"-outputBlock", "--outputBlock"}, paramLabel = "FILE", description = "The path to write the genesis block to (if set).")
    Path outputBlock;

    @Option(names = {"-configPath", "--configPath"}, paramLabel = "DIR", description = "The path containing the configuration to use (if set).")
    String configPath;

    @Option(names = {"-inspectBlock", "--inspectBlock"}, paramLabel = "FILE", description = "Prints the configuration contained in the block at the specified path.")
    Path inspectBlock;

    @Option(names = {"-printOrg", "--printOrg"}, paramLabel = "ORG", description = "Prints the definition of an organization as JSON.")
    String printOrg;

    @Option(names = {"-asOrg", "--asOrg"}, paramLabel = "ORG", description = "Performs the config generation as a particular organization (with -outputAnchorPeersUpdate).")
    String asOrg;

    @Option(names = {"-outputAnchorPeersUpdate", "--outputAnchorPeersUpdate"}, paramLabel = "FILE",
            description = "[Fabric 2.x, DEPRECATED] Creates a config update to update an anchor peer.")
    Path outputAnchorPeersUpdate;

    @Option(names = {"-version", "--version"}, description = "Show version information.")
    boolean version;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    /** Fabric's {@code logger.Fatalf}: one line, exit 1. */
    private static final class Fatal extends Exception {
        Fatal(String message) {
            super(message);
        }
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            run(spec.commandLine().getOut(), err);
            return 0;
        } catch (Fatal e) {
            err.println(e.getMessage());
            err.flush();
            return 1;
        }
    }

    private void run(PrintWriter out, PrintWriter err) throws Fatal {
        if ((channelId == null || channelId.isEmpty()) && (outputBlock != null || outputAnchorPeersUpdate != null)) {
            throw new Fatal("Missing channelID, please specify it with '-channelID'");
        }
        if (version) {
            out.println("configtxgen (raftlens " + Main.VERSION + "):\n Version: 3.1 compatible\n Fabric config: configtx.yaml");
            out.flush();
            return;
        }
        ChannelConfigEncoder encoder = ChannelConfigEncoder.defaults();
        Profile p = null;
        Path file = null;
        if (outputBlock != null || outputAnchorPeersUpdate != null) {
            if (profile == null || profile.isEmpty()) {
                throw new Fatal(outputAnchorPeersUpdate != null
                        ? "The '-profile' is required when '-outputBlock', '-outputChannelCreateTx', or '-outputAnchorPeersUpdate' is specified"
                        : "The '-profile' is required when '-outputBlock', '-outputChannelCreateTx' is specified");
            }
            file = configtxFile();
            Configtx configtx = read(file);
            Optional<Profile> found = configtx.profile(profile);
            if (found.isEmpty()) {
                throw new Fatal("Could not find profile: " + profile + ". Please make sure that FABRIC_CFG_PATH or -configPath is set to a path "
                        + "which contains configtx.yaml with the specified profile");
            }
            p = found.get();
        }
        if (outputBlock != null) {
            Profile chosen = p;
            output(outputBlock, file, "outputBlock", "error writing genesis block",
                    () -> encoder.genesisBlock(chosen, channelId).toByteArray());
        }
        if (outputAnchorPeersUpdate != null) {
            Profile chosen = p;
            output(outputAnchorPeersUpdate, file, "outputAnchorPeersUpdate", "Error writing channel anchor peer update",
                    () -> AnchorPeersUpdate.envelope(encoder, chosen, channelId, asOrg).toByteArray());
        }
        if (inspectBlock != null) {
            Block block;
            try {
                block = Block.parseFrom(io.raftlens.config.files.SafeFiles.read(inspectBlock, 256 * 1024 * 1024));
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                throw new Fatal("Error on inspectBlock: error unmarshalling to block: " + e.getMessage());
            } catch (IOException e) {
                throw new Fatal("Error on inspectBlock: could not read block " + inspectBlock);
            }
            out.println(BlockJson.text(BlockJson.block(block)));
            out.flush();
        }
        if (printOrg != null) {
            Path f = file != null ? file : configtxFile();
            try {
                out.println(BlockJson.text(OrganizationPrinter.print(read(f), printOrg, encoder)));
                out.flush();
            } catch (ConfigtxgenException e) {
                throw located(f, "Error on printOrg: ", e);
            }
        }
    }

    /** Encodes what an -output flag asks for and writes it; configtxgen's "Error on FLAG: …" when either fails. */
    private static void output(Path target, Path configtx, String flag, String writeError, Encoding encoding) throws Fatal {
        try {
            write(target, encoding.bytes());
        } catch (ConfigtxgenException e) {
            throw located(configtx, "Error on " + flag + ": ", e);
        } catch (IOException e) {
            throw new Fatal("Error on " + flag + ": " + writeError + ": " + e.getMessage());
        }
    }

    /** An artifact of the profile, as bytes. */
    @FunctionalInterface
    private interface Encoding {
        byte[] bytes() throws ConfigtxgenException;
    }

    private Path configtxFile() throws Fatal {
        return ConfigtxFiles.find(ConfigtxFiles.searchPath(configPath, System.getenv("FABRIC_CFG_PATH")))
                .orElseThrow(() -> new Fatal("Could not find configtx.yaml. Please make sure that FABRIC_CFG_PATH or -configPath "
                        + "is set to a path which contains configtx.yaml"));
    }

    private static Configtx read(Path file) throws Fatal {
        try {
            return ConfigtxFiles.read(file);
        } catch (IOException e) {
            throw new Fatal("Error reading configuration: " + file + ": " + e.getMessage());
        }
    }

    /** configtxgen's message, in front of it where in configtx.yaml it is about (validator style). */
    private static Fatal located(Path file, String prefix, ConfigtxgenException e) {
        String where = e.range().map(r -> file + ":" + (r.start().line() + 1) + ":" + (r.start().column() + 1) + ": error: ").orElse("");
        return new Fatal(where + prefix + e.getMessage());
    }

    /** Written as configtxgen writes it: mode 0640. */
    private static void write(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system
        }
    }
}
