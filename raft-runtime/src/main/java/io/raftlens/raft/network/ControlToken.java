package io.raftlens.raft.network;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The per-launch secret every state-changing control API request must carry ({@code X-RaftLens-Token: <token>} or
 * {@code Authorization: Bearer <token>}). Loopback binding and the Origin/Host checks stop browser pages; the token
 * also stops any other local process or browser extension that did not read it from the launch output or the
 * data dir's {@value #FILE_NAME} file.
 */
public final class ControlToken {

    /** The file, in the launch's data dir, that holds the token for scripts. */
    public static final String FILE_NAME = "control-token";
    public static final String HEADER = "X-RaftLens-Token";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String value;

    private ControlToken(String value) {
        this.value = value;
    }

    /** 128 random bits, URL-safe base64 without padding (22 characters). */
    public static ControlToken generate() {
        byte[] bits = new byte[16];
        RANDOM.nextBytes(bits);
        return new ControlToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bits));
    }

    public String value() {
        return value;
    }

    /** Whether a request's token header values match, compared in constant time. */
    public boolean accepts(String tokenHeader, String authorization) {
        String given = tokenHeader;
        if (given == null && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            given = authorization.substring(7).trim();
        }
        return given != null && MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8),
                given.trim().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes the token to {@code dataDir/control-token}, readable by the owner only where the file system is POSIX
     * (created with mode 0600, so it is never readable by others, not even briefly).
     */
    public Path writeTo(Path dataDir) throws IOException {
        return writeToFile(dataDir.resolve(FILE_NAME));
    }

    /** Writes the token to {@code file} (its folder created), owner-only as {@link #writeTo}. */
    public Path writeToFile(Path file) throws IOException {
        Path dataDir = file.toAbsolutePath().getParent();
        Files.createDirectories(dataDir);
        Files.deleteIfExists(file);
        if (Files.getFileStore(dataDir).supportsFileAttributeView("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
        Files.writeString(file, value + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        return file;
    }

    /** The token saved in {@code dataDir}, if a launch wrote one. */
    public static java.util.Optional<String> readFrom(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return java.util.Optional.empty();
        }
        String s = new String(io.raftlens.config.files.SafeFiles.read(file, 4096), StandardCharsets.UTF_8).trim();
        return s.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(s);
    }
}
