package io.raftlens.raft.logs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
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
        try (InputStream in = Files.newInputStream(file)) {
            read(in, sourceName(file), into);
        }
    }

    public static void read(InputStream in, String source, Timeline into) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        read(new InputStreamReader(in, decoder), source, into);
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
