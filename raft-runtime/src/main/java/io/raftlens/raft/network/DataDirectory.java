package io.raftlens.raft.network;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.raftlens.raft.orderer.LedgerDirectory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A launch's data directory: {@code DATA_DIR/<consenter host>/} per node. It records which network it belongs to
 * ({@code network.json}: the consenters' host:port list) so that a directory of another network is refused
 * instead of mixing WALs.
 */
public final class DataDirectory {

    static final String MARKER = "network.json";

    private final Path root;

    private DataDirectory(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /**
     * {@code DATA_DIR/<host>}: the consenter's folder.
     *
     * @throws IllegalStateException when the Host is not a host name usable as a folder name
     */
    public Path nodeDir(ConsenterPlan c) {
        checkHost(c);
        return root.resolve(c.host());
    }

    /**
     * Where a node keeps Consensus.WALDir / SnapDir ({@code key}): the {@code fallback} folder of the node when
     * unset or absolute, else the configured relative path resolved under the node's folder. All node data stays
     * under the data dir: a relative path that leaves it ({@code ..} segments) is refused.
     *
     * @throws IllegalStateException with a one-line reason naming the key and the fix
     */
    public Path consensusDir(ConsenterPlan c, String key, String configured, String fallback) {
        Path nodeDir = nodeDir(c);
        if (configured == null || configured.isBlank() || isAbsolute(configured)) {
            // An absolute WALDir/SnapDir names a production orderer's disk (Fabric's stock orderer.yaml says
            // /var/hyperledger/production/...): the local network keeps its own copy under the node's folder.
            return nodeDir.resolve(fallback);
        }
        Path resolved;
        try {
            resolved = nodeDir.resolve(configured).toAbsolutePath().normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw new IllegalStateException("orderer.yaml " + key + " \"" + configured + "\" is not a valid path; use a "
                    + "relative folder such as etcdraft/" + fallback);
        }
        if (!resolved.startsWith(nodeDir.toAbsolutePath().normalize())) {
            throw new IllegalStateException("orderer.yaml " + key + " \"" + configured + "\" would put consenter "
                    + c.address() + "'s data outside the data dir " + root + "; raftlens launch keeps every node's data under "
                    + "it: use a relative path without '..' (e.g. etcdraft/" + fallback + ", kept per node under "
                    + nodeDir + ") or remove " + key);
        }
        return resolved;
    }

    /** A consenter Host names its node's folder: only a DNS name or IPv4 address can (no '/', '..', or leading '.'). */
    static void checkHost(ConsenterPlan c) {
        String host = c.host();
        if (host == null || host.isEmpty() || host.length() > 253 || !HOST.matcher(host).matches()) {
            throw new IllegalStateException("consenter " + c.address() + " (" + c.source() + "): Host \"" + host
                    + "\" is not a valid host name (letters, digits, '-' and '.'-separated labels, e.g. "
                    + "orderer1.example.com); raftlens launch uses it as the node's folder under the data dir");
        }
    }

    private static final java.util.regex.Pattern HOST =
            java.util.regex.Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9_-]{0,62})?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9_-]{0,62})?)*");

    /** The default: a folder per config file and profile under the user's cache directory. */
    public static Path defaultFor(Path configtx, String profile) {
        Path abs = configtx.toAbsolutePath().normalize();
        String base = System.getenv("XDG_CACHE_HOME");
        Path cache = base != null && !base.isBlank() ? Path.of(base) : Path.of(System.getProperty("user.home"), ".cache");
        String parent = abs.getParent() == null ? "root" : abs.getParent().getFileName() == null ? "root"
                : abs.getParent().getFileName().toString();
        String name = sanitize(parent + "-" + abs.getFileName()) + "-" + shortHash(abs.toString());
        return cache.resolve("raftlens").resolve(name).resolve(sanitize(profile));
    }

    /**
     * Prepares {@code root} for {@code plan}: empties it with {@code fresh}, creates it, and refuses a directory
     * that holds another network's data.
     *
     * @throws IllegalStateException with a one-line reason (also when a consenter Host cannot name a folder or
     *                               WALDir/SnapDir would leave the data dir)
     */
    public static DataDirectory prepare(Path root, NetworkPlan plan, boolean fresh) {
        DataDirectory checked = new DataDirectory(root);
        for (ConsenterPlan c : plan.consenters()) { // before anything is written
            checked.consensusDir(c, "Consensus.WALDir", plan.walDir(), LedgerDirectory.WAL);
            checked.consensusDir(c, "Consensus.SnapDir", plan.snapDir(), LedgerDirectory.SNAP);
        }
        try {
            if (fresh && Files.exists(root)) {
                deleteContents(root);
            }
            Files.createDirectories(root);
            Path marker = root.resolve(MARKER);
            List<String> consenters = plan.consenters().stream().map(ConsenterPlan::address).toList();
            ObjectMapper json = new ObjectMapper();
            if (Files.exists(marker)) {
                Map<?, ?> m = json.readValue(marker.toFile(), Map.class);
                Object had = m.get("consenters");
                if (!consenters.equals(had)) {
                    throw new IllegalStateException("data dir " + root + " belongs to another network (consenters "
                            + had + ", this one has " + consenters + "); use --fresh to empty it or --data-dir to choose another");
                }
            } else {
                try (Stream<Path> s = Files.list(root)) {
                    if (s.findAny().isPresent()) {
                        throw new IllegalStateException("data dir " + root + " is not empty and was not made by raftlens launch "
                                + "(no " + MARKER + "); use --fresh to empty it or --data-dir to choose another");
                    }
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("configtx", plan.configtx().toAbsolutePath().normalize().toString());
                m.put("profile", plan.profile());
                m.put("consenters", consenters);
                Files.writeString(marker, json.writerWithDefaultPrettyPrinter().writeValueAsString(m), StandardCharsets.UTF_8);
            }
            return new DataDirectory(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot use data dir " + root + ": " + e.getMessage()
                    + " (check permissions and free space, or pass --data-dir)");
        }
    }

    private static void deleteContents(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(root)) {
                    Files.delete(p);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static String sanitize(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static String shortHash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 4);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isAbsolute(String configured) {
        try {
            return Path.of(configured).isAbsolute();
        } catch (java.nio.file.InvalidPathException e) {
            return false; // reported with its reason by consensusDir
        }
    }
}
