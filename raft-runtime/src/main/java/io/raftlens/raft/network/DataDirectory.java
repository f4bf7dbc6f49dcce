package io.raftlens.raft.network;

import com.fasterxml.jackson.databind.ObjectMapper;

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

    public Path nodeDir(ConsenterPlan c) {
        return root.resolve(c.host());
    }

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
     * @throws IllegalStateException with a one-line reason
     */
    public static DataDirectory prepare(Path root, NetworkPlan plan, boolean fresh) {
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
}
