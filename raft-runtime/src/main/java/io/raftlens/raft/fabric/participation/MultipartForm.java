package io.raftlens.raft.fabric.participation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code multipart/form-data} body read the way Go's {@code multipart.Reader.ReadForm} sorts it: parts with a
 * file name are files, the others values. Only what a join request needs (osnadmin's
 * {@code CreateFormFile("config-block", "config.block")}); malformed bodies are refused with a reason.
 */
public final class MultipartForm {

    private final Map<String, List<byte[]>> files;
    private final Map<String, List<String>> values;

    private MultipartForm(Map<String, List<byte[]>> files, Map<String, List<String>> values) {
        this.files = files;
        this.values = values;
    }

    public Map<String, List<byte[]>> files() {
        return files;
    }

    public Map<String, List<String>> values() {
        return values;
    }

    /** The {@code boundary} parameter of a Content-Type, if any. */
    public static Optional<String> boundary(String contentType) {
        for (String param : contentType.split(";")) {
            String p = param.trim();
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase("boundary")) {
                String v = p.substring(eq + 1).trim();
                if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                    v = v.substring(1, v.length() - 1);
                }
                return v.isEmpty() ? Optional.empty() : Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /** @throws IllegalArgumentException what is malformed (Go's multipart reader words where it has one) */
    public static MultipartForm parse(byte[] body, String boundary) {
        if (boundary == null || boundary.isEmpty()) {
            throw new IllegalArgumentException("no multipart boundary param in Content-Type");
        }
        byte[] dash = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        byte[] delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        Map<String, List<byte[]>> files = new LinkedHashMap<>();
        Map<String, List<String>> values = new LinkedHashMap<>();
        int at = indexOf(body, dash, 0);
        if (at < 0) {
            throw new IllegalArgumentException("multipart: NextPart: EOF");
        }
        int pos = at + dash.length;
        while (true) {
            if (startsWith(body, pos, "--")) {
                break; // the closing delimiter
            }
            pos = skipLineEnd(body, pos);
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), pos);
            if (headersEnd < 0) {
                throw new IllegalArgumentException("multipart: NextPart: EOF");
            }
            String headers = new String(body, pos, headersEnd - pos, StandardCharsets.UTF_8);
            int contentStart = headersEnd + 4;
            int end = indexOf(body, delimiter, contentStart);
            if (end < 0) {
                throw new IllegalArgumentException("multipart: NextPart: EOF");
            }
            byte[] content = java.util.Arrays.copyOfRange(body, contentStart, end);
            Disposition d = disposition(headers);
            if (d.name != null) {
                if (d.filename != null) {
                    files.computeIfAbsent(d.name, k -> new ArrayList<>()).add(content);
                } else {
                    values.computeIfAbsent(d.name, k -> new ArrayList<>()).add(new String(content, StandardCharsets.UTF_8));
                }
            }
            pos = end + delimiter.length;
        }
        return new MultipartForm(files, values);
    }

    private record Disposition(String name, String filename) {
    }

    private static Disposition disposition(String headers) {
        String name = null;
        String filename = null;
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon < 0 || !line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("content-disposition")) {
                continue;
            }
            for (String param : line.substring(colon + 1).split(";")) {
                String p = param.trim();
                int eq = p.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String key = p.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                String v = p.substring(eq + 1).trim();
                if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                    v = v.substring(1, v.length() - 1);
                }
                if (key.equals("name")) {
                    name = v;
                } else if (key.equals("filename")) {
                    filename = v;
                }
            }
        }
        return new Disposition(name, filename);
    }

    private static int skipLineEnd(byte[] b, int pos) {
        while (pos < b.length && (b[pos] == ' ' || b[pos] == '\t')) {
            pos++;
        }
        if (startsWith(b, pos, "\r\n")) {
            return pos + 2;
        }
        if (pos < b.length && b[pos] == '\n') {
            return pos + 1;
        }
        throw new IllegalArgumentException("multipart: boundary is not followed by a line end");
    }

    private static boolean startsWith(byte[] b, int pos, String s) {
        if (pos + s.length() > b.length) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (b[pos + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] b, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= b.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (b[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
