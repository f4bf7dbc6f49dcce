package io.raftlens.raft.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A parsed Prometheus text exposition: TYPE per family and every sample line, for assertions. */
final class Exposition {
    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})? (\\S+)");

    final Map<String, String> types = new LinkedHashMap<>();
    final Map<String, String> samples = new LinkedHashMap<>();
    final String text;

    Exposition(String text) {
        this.text = text;
        for (String line : text.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.split(" ");
                types.put(parts[2], parts[3]);
            } else if (!line.startsWith("#") && !line.isEmpty()) {
                Matcher m = SAMPLE.matcher(line);
                if (!m.matches()) {
                    fail("not a valid sample line: " + line);
                }
                samples.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), m.group(3));
            }
        }
    }

    void assertType(String family, String type) {
        assertEquals(type, types.get(family), "TYPE of " + family + " in\n" + text);
    }

    void assertSample(String series, String value) {
        assertTrue(samples.containsKey(series), "missing series " + series + " in\n" + text);
        assertEquals(value, samples.get(series), series);
    }
}
