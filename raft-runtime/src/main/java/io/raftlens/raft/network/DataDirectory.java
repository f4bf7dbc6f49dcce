package io.raftlens.raft.network;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.raftlens.raft.orderer.LedgerDirectory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
 * instead of mixing WALs, and whose presence is what lets {@code --fresh} empty it: RaftLens never deletes files in a
 * folder it did not make. The directory is locked ({@link DataDirLock}) from {@link #prepare} to {@link #close()}.
 */
public final class DataDirectory implements AutoCloseable {

    static final String MARKER = "network.json";
    /** Written into the marker: --fresh empties only a folder whose marker says this. */
    static final String MADE_BY = "raftlens";

    private final Path root;
    private final DataDirLock lock;

    private DataDirectory(Path root, DataDirLock lock) {
        this.root = root;
        this.lock = lock;
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
     * Prepares {@code root} for a launch (or the editor) of {@code plan}, holding the data dir's lock
     * exclusively until {@link #close()} (or the process ends): see {@link #prepare(Path, NetworkPlan, boolean, boolean)}.
     */
    public static DataDirectory prepare(Path root, NetworkPlan plan, boolean fresh) {
        return prepare(root, plan, fresh, false);
    }

    /**
     * Prepares {@code root} for one {@code raftlens node} process: the lock is shared with the other nodes'
     * processes, never with a launch.
     */
    public static DataDirectory prepareForNode(Path root, NetworkPlan plan) {
        return prepare(root, plan, false, true);
    }

    /**
     * Prepares {@code root} for {@code plan}: refuses a folder RaftLens did not make (files but no {@value #MARKER}
     * it wrote) whatever {@code fresh} says, takes the data dir's lock before anything in it is deleted or written,
     * empties it with {@code fresh}, and refuses a directory that holds another network's data.
     *
     * @throws IllegalStateException with a one-line reason (also when a consenter Host cannot name a folder or
     *                               WALDir/SnapDir would leave the data dir)
     */
    public static DataDirectory prepare(Path root, NetworkPlan plan, boolean fresh, boolean shared) {
        DataDirectory checked = new DataDirectory(root, null);
        for (ConsenterPlan c : plan.consenters()) { // before anything is written
            checked.consensusDir(c, "Consensus.WALDir", plan.walDir(), LedgerDirectory.WAL);
            checked.consensusDir(c, "Consensus.SnapDir", plan.snapDir(), LedgerDirectory.SNAP);
        }
        DataDirLock lock = null;
        try {
            refuseForeign(root); // before the lock file is written into it
            Files.createDirectories(root);
            lock = DataDirLock.acquire(root, shared);
            refuseForeign(root); // again under the lock: the folder may have changed meanwhile
            if (fresh) {
                deleteContents(root);
            }
            Path marker = root.resolve(MARKER);
            List<String> consenters = plan.consenters().stream().map(ConsenterPlan::address).toList();
            ObjectMapper json = new ObjectMapper();
            if (Files.exists(marker, LinkOption.NOFOLLOW_LINKS)) {
                Object had = readMarker(root).get("consenters");
                if (!consenters.equals(had)) {
                    throw new IllegalStateException("data dir " + root + " belongs to another network (consenters "
                            + had + ", this one has " + consenters + "); use --fresh to empty it or --data-dir to choose another");
                }
            } else {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("madeBy", MADE_BY);
                m.put("configtx", plan.configtx().toAbsolutePath().normalize().toString());
                m.put("profile", plan.profile());
                m.put("consenters", consenters);
                Files.writeString(marker, json.writerWithDefaultPrettyPrinter().writeValueAsString(m), StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            }
            return new DataDirectory(root, lock);
        } catch (IOException e) {
            if (lock != null) {
                lock.close();
            }
            throw new IllegalStateException("cannot use data dir " + root + ": " + e.getMessage()
                    + " (check permissions and free space, or pass --data-dir)");
        } catch (RuntimeException e) {
            if (lock != null) {
                lock.close();
            }
            throw e;
        }
    }

    /** Releases the data dir's lock (the nodes' own WAL and ledger locks are released when they stop). */
    @Override
    public void close() {
        if (lock != null) {
            lock.close();
        }
    }

    /**
     * Refuses a folder that is not RaftLens's: a symlink, a file, or a non-empty folder without a marker RaftLens
     * wrote. Such a folder is never emptied, not even with --fresh: it may hold a user's files (a mistyped
     * --data-dir).
     */
    private static void refuseForeign(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalStateException("data dir " + root + " is " + (Files.isSymbolicLink(root) ? "a symbolic link" : "not a folder")
                    + "; pass --data-dir with a new or empty folder (RaftLens uses only folders it made)");
        }
        if (Files.isRegularFile(root.resolve(MARKER), LinkOption.NOFOLLOW_LINKS)) {
            readMarker(root); // throws when it is not one RaftLens wrote
            return;
        }
        try (Stream<Path> s = Files.list(root)) {
            if (s.anyMatch(p -> !p.getFileName().toString().equals(DataDirLock.FILE))) {
                throw new IllegalStateException("data dir " + root + " is not empty and was not made by raftlens (no " + MARKER
                        + "); RaftLens never empties a folder it did not make, not even with --fresh: pass --data-dir with a "
                        + "new or empty folder");
            }
        }
    }

    /** The marker's content, if RaftLens wrote it (an object naming the consenters). */
    private static Map<?, ?> readMarker(Path root) {
        Path marker = root.resolve(MARKER);
        Map<?, ?> m;
        try {
            m = new ObjectMapper().readValue(io.raftlens.config.files.SafeFiles.read(marker, 1024 * 1024), Map.class);
        } catch (IOException | RuntimeException e) {
            m = null;
        }
        // markers written before "madeBy" existed are known by their consenter list
        boolean ours = m != null && m.get("consenters") instanceof List<?>
                && (MADE_BY.equals(m.get("madeBy")) || !m.containsKey("madeBy"));
        if (!ours) {
            throw new IllegalStateException("data dir " + root + " has a " + MARKER + " that raftlens did not write; RaftLens "
                    + "never empties a folder it did not make, not even with --fresh: pass --data-dir with a new or empty folder");
        }
        return m;
    }

    private static void deleteContents(Path root) throws IOException {
        // Files.walk does not follow symbolic links: a link is deleted, never what it points to
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(root) && !p.equals(root.resolve(DataDirLock.FILE))) {
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
