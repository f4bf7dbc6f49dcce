package io.raftlens.raft.logs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes the envelope off one raw log line. Knows the formats orderers are actually read in:
 * <ul>
 *   <li>Fabric 2.x/3.x console ({@code common/flogging} default format):
 *       {@code 2023-08-03 05:41:47.040 UTC 0023 INFO [orderer.consensus.etcdraft] becomeLeader -> 1 became leader at term 2 channel=mychannel node=1}</li>
 *   <li>Fabric 1.4 console: {@code 2019-08-21 17:05:52.540 UTC [orderer.consensus.etcdraft] Step -> INFO 048 3 is starting …}</li>
 *   <li>both without the timestamp (as pasted in issues and docs), and {@code INFO 087 raft.node: …}</li>
 *   <li>{@code FABRIC_LOGGING_FORMAT=json} ({@code {"level","ts","name","caller","msg","channel","node"}}) and
 *       {@code logfmt}; etcd's zap JSON ({@code "logger":"raft"}) and zap console; etcd's capnslog
 *       ({@code 2021-09-11 14:45:21.864213 I | raft: …}); Go's default logger ({@code raft2016/03/24 17:52:12 INFO: …})</li>
 *   <li>envelopes: ANSI colours, {@code docker compose logs} ({@code orderer2.example.com  | …}), {@code kubectl logs
 *       --prefix} ({@code [pod/orderer0-0/orderer] …}), {@code --timestamps} (RFC 3339 first), Docker Desktop's
 *       copied log (local time first), docker's json-file ({@code {"log":…,"stream":…,"time":…}}), journald
 *       ({@code Apr 29 14:15:09 host etcd[1167]: …})</li>
 * </ul>
 * Lines that cannot concern an election are rejected by a cheap substring test before any regular expression runs:
 * that is what makes the reader fast on real logs, which are mostly block and gRPC lines.
 */
public final class LineDecoder {

    private static final JsonFactory JSON = new JsonFactory();

    private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;]*[A-Za-z]");
    private static final Pattern COMPOSE = Pattern.compile("^([A-Za-z0-9][\\w.\\-]*)\\s+\\| ?");
    private static final Pattern KUBECTL = Pattern.compile("^\\[pod/([^/\\]]+)/[^\\]]*\\] ");
    private static final Pattern JOURNALD = Pattern.compile(
            "^[A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d \\S+ ([\\w.\\-]+)(?:\\[\\d+\\])?: ");
    private static final Pattern RFC3339_FIRST = Pattern.compile(
            "^(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?(?:Z|[+-]\\d\\d:?\\d\\d)?)\\s+");
    private static final Pattern LOCAL_TIME_FIRST = Pattern.compile(
            "^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d (?=\\d{4}-\\d\\d-\\d\\d )");
    /** Fabric 2.x/3.x: time zone id level [module] func -> message. */
    private static final Pattern FABRIC2 = Pattern.compile(
            "^(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d+) (\\S+) [0-9a-f]{3,} [A-Z]{4} \\[[^\\]]*\\] \\S+ -> ");
    /** Fabric 1.4: time zone [module] func -> level id message. */
    private static final Pattern FABRIC14 = Pattern.compile(
            "^(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d+) (\\S+) \\[[^\\]]*\\] \\S+ -> [A-Z]{4} [0-9a-f]{3,} ");
    private static final Pattern FABRIC2_NO_TIME = Pattern.compile("^(?:[0-9a-f]{4} )?[A-Z]{4} \\[[^\\]]*\\] \\S+ -> ");
    private static final Pattern FABRIC14_NO_TIME = Pattern.compile("^(?:\\[[^\\]]*\\] )?\\S+ -> [A-Z]{4} [0-9a-f]{3,} ");
    private static final Pattern LEVEL_ID = Pattern.compile("^(?:INFO|WARN|ERRO|DEBU|PANI|FATA) [0-9a-f]{3,4} ");
    private static final Pattern CAPNSLOG = Pattern.compile(
            "^(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d+) [A-Z] \\| [\\w.\\-]+: ");
    private static final Pattern GO_LOGGER = Pattern.compile(
            "^[a-z]*(\\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?) (?:[A-Z]+: )?");
    private static final Pattern ZAP_CONSOLE = Pattern.compile("^(?:debug|info|warn|error|DEBUG|INFO|WARN|ERROR)\\t[^\\t]*\\t[^\\t]*\\t");
    private static final Pattern LOGFMT_MSG = Pattern.compile("(?:^| )msg=(\"(?:[^\"\\\\]|\\\\.)*\"|\\S+)");
    private static final Pattern LOGFMT_TS = Pattern.compile("(?:^| )ts=(\\S+)");

    private static final DateTimeFormatter SPACE_TIME = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss").optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd().toFormatter(Locale.ROOT);
    private static final DateTimeFormatter SLASH_TIME = new DateTimeFormatterBuilder()
            .appendPattern("yyyy/MM/dd HH:mm:ss").optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd().toFormatter(Locale.ROOT);

    private LineDecoder() {
    }

    /**
     * Whether a raw line can hold anything the timeline uses. Every message {@link RaftLogMessages} knows contains
     * one of these words; most orderer lines (blocks, gRPC, broadcast) contain none.
     */
    public static boolean mayMatter(String raw) {
        return raw.contains("term") || raw.contains("eader") || raw.contains("evict") || raw.contains("Failed to send")
                || raw.contains("quorum") || raw.contains("replica set") || raw.contains("vote rejections");
    }

    /** The line without its envelope, or {@code null} when it cannot concern the timeline. */
    public static DecodedLine decode(String raw, String source) {
        return mayMatter(raw) ? decodeCandidate(raw, source) : null;
    }

    /** {@link #decode} for a line already known to {@link #mayMatter}. */
    static DecodedLine decodeCandidate(String raw, String source) {
        String line = raw;
        if (line.indexOf('\u001b') >= 0) {
            line = ANSI.matcher(line).replaceAll("");
        }
        line = line.strip();
        DecodedLine fast = fabricConsole(line, source);
        return fast != null ? fast : decodeStripped(line, source, DecodedLine.NO_TIME, 0);
    }

    /**
     * The common case without regular expressions: a line that starts with Fabric's
     * {@code 2006-01-02 15:04:05.000 MST} and has {@code " -> "} (2.x/3.x: {@code id LEVL [module] func -> msg};
     * 1.4: {@code [module] func -> LEVL id msg}). Anything else goes the general way.
     */
    static DecodedLine fabricConsole(String line, String source) {
        int n = line.length();
        if (n < 30 || line.charAt(4) != '-' || line.charAt(7) != '-' || line.charAt(10) != ' ' || line.charAt(13) != ':'
                || line.charAt(16) != ':' || line.charAt(19) != '.' || !Character.isDigit(line.charAt(0))) {
            return null;
        }
        int zoneStart = line.indexOf(' ', 20);
        if (zoneStart < 0) {
            return null;
        }
        int zoneEnd = line.indexOf(' ', zoneStart + 1);
        int arrow = line.indexOf(" -> ", zoneStart);
        if (zoneEnd < 0 || arrow < 0) {
            return null;
        }
        int msg = arrow + 4;
        if (line.charAt(zoneEnd + 1) == '[') {
            // 1.4: the level and sequence number follow the arrow.
            int level = line.indexOf(' ', msg);
            int id = level < 0 ? -1 : line.indexOf(' ', level + 1);
            if (level - msg != 4 || id < 0) {
                return null;
            }
            msg = id + 1;
        }
        long time = parseSpaceTime(line.substring(0, zoneStart), line.substring(zoneStart + 1, zoneEnd));
        return withFields(line.substring(msg), source, time);
    }

    private static DecodedLine decodeStripped(String line, String source, long outerTime, int depth) {
        if (depth > 3) {
            return null;
        }
        long time = outerTime;
        // Envelopes added by the tool that collected the log, outermost first.
        for (boolean again = true; again; ) {
            again = false;
            Matcher m;
            if ((m = KUBECTL.matcher(line)).find()) {
                source = m.group(1);
                line = line.substring(m.end());
                again = true;
            } else if ((m = JOURNALD.matcher(line)).find()) {
                source = m.group(1);
                line = line.substring(m.end());
                again = true;
            } else if ((m = RFC3339_FIRST.matcher(line)).find() && !line.startsWith("{")) {
                long t = parseRfc3339(m.group(1));
                if (t != DecodedLine.NO_TIME) {
                    time = t;
                }
                line = line.substring(m.end());
                again = true;
            } else if ((m = LOCAL_TIME_FIRST.matcher(line)).find()) {
                line = line.substring(m.end());
                again = true;
            } else if (!line.startsWith("20") && (m = COMPOSE.matcher(line)).find()) {
                source = m.group(1);
                line = line.substring(m.end());
                again = true;
            }
        }
        if (line.startsWith("{")) {
            return decodeJson(line, source, time, depth);
        }
        Matcher m;
        if ((m = FABRIC2.matcher(line)).find() || (m = FABRIC14.matcher(line)).find()) {
            time = parseSpaceTime(m.group(1), m.group(2));
            return withFields(line.substring(m.end()), source, time);
        }
        if ((m = CAPNSLOG.matcher(line)).find()) {
            return withFields(line.substring(m.end()), source, parseSpaceTime(m.group(1), null));
        }
        if ((m = GO_LOGGER.matcher(line)).find()) {
            return withFields(line.substring(m.end()), source, parseSlashTime(m.group(1)));
        }
        if ((m = ZAP_CONSOLE.matcher(line)).find()) {
            return withFields(line.substring(m.end()), source, time);
        }
        if ((m = FABRIC2_NO_TIME.matcher(line)).find() || (m = FABRIC14_NO_TIME.matcher(line)).find()
                || (m = LEVEL_ID.matcher(line)).find()) {
            return withFields(line.substring(m.end()), source, time);
        }
        if (line.contains("msg=")) {
            Matcher msg = LOGFMT_MSG.matcher(line);
            if (msg.find()) {
                Matcher ts = LOGFMT_TS.matcher(line);
                long t = ts.find() ? parseTs(ts.group(1)) : time;
                String text = msg.group(1);
                if (text.startsWith("\"")) {
                    text = text.substring(1, text.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
                }
                return new DecodedLine(t == DecodedLine.NO_TIME ? time : t, field(line, "channel"), field(line, "node"),
                        text, source);
            }
        }
        // An unknown envelope: the messages are still recognised by their wording.
        return withFields(line, source, time);
    }

    /** Fabric's console encoder appends the logger's fields as {@code " key=value"} after the message. */
    private static DecodedLine withFields(String message, String source, long time) {
        String channel = null;
        String node = null;
        int end = message.length();
        // Walk the trailing " key=value" pairs from the right; stop at the first word that is not one.
        while (true) {
            int space = message.lastIndexOf(' ', end - 1);
            String pair = message.substring(space + 1, end);
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                break;
            }
            String key = pair.substring(0, eq);
            String value = pair.substring(eq + 1);
            if (key.equals("channel")) {
                channel = value;
            } else if (key.equals("node")) {
                node = value;
            } else if (!isKey(key)) {
                break;
            }
            end = space < 0 ? 0 : space;
            if (space < 0) {
                break;
            }
        }
        if (channel == null && node == null) {
            return new DecodedLine(time, null, null, message, source);
        }
        return new DecodedLine(time, channel, node, message.substring(0, end), source);
    }

    private static boolean isKey(String key) {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!Character.isLetterOrDigit(c) && c != '.' && c != '_') {
                return false;
            }
        }
        return true;
    }

    private static String field(String logfmt, String key) {
        Matcher m = Pattern.compile("(?:^| )" + key + "=(\\S+)").matcher(logfmt);
        return m.find() ? m.group(1).replace("\"", "") : null;
    }

    private static DecodedLine decodeJson(String line, String source, long outerTime, int depth) {
        String msg = null;
        String log = null;
        String channel = null;
        String node = null;
        long time = DecodedLine.NO_TIME;
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return withFields(line, source, outerTime);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    p.skipChildren();
                    continue;
                }
                switch (name) {
                    case "msg", "message" -> msg = p.getValueAsString();
                    case "log" -> log = p.getValueAsString();
                    case "channel" -> channel = p.getValueAsString();
                    case "node" -> node = p.getValueAsString();
                    case "ts", "time", "timestamp" -> {
                        long t = value.isNumeric() ? (long) (p.getDoubleValue() * 1000) : parseTs(p.getValueAsString());
                        if (t != DecodedLine.NO_TIME) {
                            time = t;
                        }
                    }
                    default -> {
                    }
                }
            }
        } catch (IOException e) {
            // Not JSON after all (or cut off): read it as text.
            if (msg == null && log == null) {
                return withFields(line, source, outerTime);
            }
        }
        if (log != null) {
            // docker's json-file driver: the orderer's own line is inside "log"; its "time" is when docker read it.
            String inner = log.strip();
            if (inner.indexOf('\u001b') >= 0) {
                inner = ANSI.matcher(inner).replaceAll("");
            }
            return decodeStripped(inner, source, time == DecodedLine.NO_TIME ? outerTime : time, depth + 1);
        }
        if (msg == null) {
            return null;
        }
        return new DecodedLine(time == DecodedLine.NO_TIME ? outerTime : time, channel, node, msg, source);
    }

    private static long parseTs(String s) {
        if (s == null || s.isEmpty()) {
            return DecodedLine.NO_TIME;
        }
        char c = s.charAt(0);
        if (Character.isDigit(c) && s.indexOf('-') < 0) {
            try {
                return (long) (Double.parseDouble(s) * 1000);
            } catch (NumberFormatException e) {
                return DecodedLine.NO_TIME;
            }
        }
        return parseRfc3339(s);
    }

    static long parseRfc3339(String s) {
        try {
            return java.time.OffsetDateTime.parse(s).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            try {
                // etcd's zap console writes local time without an offset: read it as UTC.
                return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC).toEpochMilli();
            } catch (DateTimeParseException e2) {
                try {
                    return java.time.OffsetDateTime.parse(s, DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSSSSSSSS][.SSSSSS][.SSS]Z"))
                            .toInstant().toEpochMilli();
                } catch (DateTimeParseException e3) {
                    return DecodedLine.NO_TIME;
                }
            }
        }
    }

    /**
     * Fabric prints {@code 2006-01-02 15:04:05.000 MST}: a zone abbreviation. UTC/GMT and zone ids are honoured;
     * other abbreviations (IST, CST, PDT: ambiguous) are read as UTC, which keeps durations within one log right.
     */
    private static long parseSpaceTime(String dateTime, String zone) {
        try {
            LocalDateTime local = digits(dateTime) ? fastLocal(dateTime) : LocalDateTime.parse(dateTime, SPACE_TIME);
            ZoneId id = zone == null ? ZoneOffset.UTC : ZONES.computeIfAbsent(zone, LineDecoder::zone);
            return id == ZoneOffset.UTC ? local.toInstant(ZoneOffset.UTC).toEpochMilli() : local.atZone(id).toInstant().toEpochMilli();
        } catch (java.time.DateTimeException | NumberFormatException e) {
            return DecodedLine.NO_TIME;
        }
    }

    private static final java.util.concurrent.ConcurrentHashMap<String, ZoneId> ZONES = new java.util.concurrent.ConcurrentHashMap<>();

    private static ZoneId zone(String zone) {
        if (zone.equals("UTC") || zone.equals("GMT") || zone.equals("Z")) {
            return ZoneOffset.UTC;
        }
        try {
            return zone.startsWith("+") || zone.startsWith("-") ? ZoneOffset.of(zone) : ZoneId.of(zone);
        } catch (RuntimeException e) {
            return ZoneOffset.UTC;
        }
    }

    /** {@code yyyy-MM-dd HH:mm:ss.SSS} exactly (Fabric's layout): parsed by position. */
    private static boolean digits(String s) {
        return s.length() == 23 && s.charAt(19) == '.';
    }

    private static LocalDateTime fastLocal(String s) {
        return LocalDateTime.of(Integer.parseInt(s, 0, 4, 10), Integer.parseInt(s, 5, 7, 10), Integer.parseInt(s, 8, 10, 10),
                Integer.parseInt(s, 11, 13, 10), Integer.parseInt(s, 14, 16, 10), Integer.parseInt(s, 17, 19, 10),
                Integer.parseInt(s, 20, 23, 10) * 1_000_000);
    }

    private static long parseSlashTime(String dateTime) {
        try {
            return LocalDateTime.parse(dateTime, SLASH_TIME).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            return DecodedLine.NO_TIME;
        }
    }
}
