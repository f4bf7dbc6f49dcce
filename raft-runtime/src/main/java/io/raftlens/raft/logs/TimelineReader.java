package io.raftlens.raft.logs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Streams logs into a {@link Timeline} line by line: nothing of the log is kept but the events it states.
 * Undecodable bytes are replaced, not fatal (logs get cut and concatenated).
 */
public final class TimelineReader {

    private static final int BUFFER = 1 << 16;

    private TimelineReader() {
    }

    /** Reads a file; the file name (without {@code .log}) is the source of lines that name no node. */
    public static void read(Path file, Timeline into) throws IOException {
        if (Files.exists(file)) {
            io.raftlens.config.files.SafeFiles.regular(file); // a FIFO or device would block or never end
        }
        try (InputStream in = Files.newInputStream(file)) {
            read(in, sourceName(file), into);
        }
    }

    /**
     * Reads bytes, splits lines itself and tests each line for the words that can matter on the bytes, before any
     * String exists: most lines of a real orderer log (blocks, gRPC, broadcast) never become Strings. Lines longer
     * than {@link #MAX_LINE} bytes are cut there (a certificate dump, not a Raft line).
     */
    public static void read(InputStream in, String source, Timeline into) throws IOException {
        byte[] buf = new byte[BUFFER * 4];
        int start = 0;
        int end = 0;
        boolean skipping = false;
        while (true) {
            if (end == buf.length) {
                if (start > 0) {
                    System.arraycopy(buf, start, buf, 0, end - start);
                    end -= start;
                    start = 0;
                } else if (buf.length < MAX_LINE) {
                    buf = java.util.Arrays.copyOf(buf, buf.length * 2);
                } else {
                    // An over-long line: keep its head, drop the rest up to the next newline.
                    line(buf, 0, end, source, into);
                    start = end = 0;
                    skipping = true;
                }
            }
            int n = in.read(buf, end, buf.length - end);
            if (n < 0) {
                break;
            }
            int scan = end;
            end += n;
            for (int i = scan; i < end; i++) {
                if (buf[i] == '\n') {
                    if (skipping) {
                        skipping = false;
                        into.countSkipped(i - start + 1);
                    } else {
                        line(buf, start, i, source, into);
                    }
                    start = i + 1;
                }
            }
            if (start == end) {
                start = end = 0;
            }
        }
        if (end > start && !skipping) {
            line(buf, start, end, source, into);
        }
    }

    /** The longest line kept whole. */
    public static final int MAX_LINE = 1 << 22;

    private static void line(byte[] b, int s, int e, String source, Timeline into) {
        if (e > s && b[e - 1] == '\r') {
            e--;
        }
        if (!mayMatter(b, s, e)) {
            into.countSkipped(e - s + 1);
            return;
        }
        into.candidateLine(new String(b, s, e - s, StandardCharsets.UTF_8), source);
    }

    /** {@link LineDecoder#mayMatter} on bytes, in one pass. */
    static boolean mayMatter(byte[] b, int s, int e) {
        for (int i = s; i < e - 3; i++) {
            switch (b[i]) {
                case 't' -> {
                    if (b[i + 1] == 'e' && b[i + 2] == 'r' && b[i + 3] == 'm') {
                        return true;
                    }
                }
                case 'e' -> {
                    if (at(b, i, e, "eader") || at(b, i, e, "evict")) {
                        return true;
                    }
                }
                case 'F' -> {
                    if (at(b, i, e, "Failed to send")) {
                        return true;
                    }
                }
                case 'q' -> {
                    if (at(b, i, e, "quorum")) {
                        return true;
                    }
                }
                case 'r' -> {
                    if (at(b, i, e, "replica set")) {
                        return true;
                    }
                }
                case 'v' -> {
                    if (at(b, i, e, "vote rejections")) {
                        return true;
                    }
                }
                default -> {
                }
            }
        }
        return false;
    }

    private static boolean at(byte[] b, int i, int e, String word) {
        if (i + word.length() > e) {
            return false;
        }
        for (int k = 1; k < word.length(); k++) {
            if (b[i + k] != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    public static void read(Reader reader, String source, Timeline into) throws IOException {
        BufferedReader r = reader instanceof BufferedReader b ? b : new BufferedReader(reader, BUFFER);
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            into.line(line, source);
        }
    }

    static String sourceName(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".log") ? name.substring(0, name.length() - 4) : name;
    }
}
