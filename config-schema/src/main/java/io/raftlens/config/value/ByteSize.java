package io.raftlens.config.value;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fabric's byte sizes ({@code byteSizeDecodeHook}), accepted only by uint32 fields:
 * {@code ^[0-9]+\s*(k|m|g)b?$}, case-insensitive, binary multiples: {@code 16 MB} = 16·1024².
 */
public final class ByteSize {

    private static final Pattern SIZE = Pattern.compile("^(?<size>[0-9]+)\\s*(?<unit>[kmgKMG])[bB]?$");
    /** Things people write that look like sizes but Fabric rejects: 16 MiB, 1.5 MB, 512 B, 16 TB. */
    private static final Pattern SIZE_LIKE = Pattern.compile("^[0-9]+(\\.[0-9]+)?\\s*([a-zA-Z]{1,3})$");

    private ByteSize() {
    }

    /** The number of bytes, if the text is a Fabric byte size (may exceed uint32; the caller checks). */
    public static Optional<Long> parse(String text) {
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        String digits = m.group("size");
        if (digits.length() > 12) {
            return Optional.of(Long.MAX_VALUE);
        }
        long n = Long.parseLong(digits);
        long mult = switch (m.group("unit").toLowerCase(Locale.ROOT)) {
            case "k" -> 1024L;
            case "m" -> 1024L * 1024;
            default -> 1024L * 1024 * 1024;
        };
        return Optional.of(n * mult);
    }

    /** True for text that looks like a size with a unit Fabric does not accept. */
    public static boolean looksLikeSize(String text) {
        return SIZE_LIKE.matcher(text.trim()).matches();
    }

    /** "16777216 bytes (16 MB)" style description, binary units. */
    public static String describe(long bytes) {
        String[] units = {"KB", "MB", "GB"};
        long v = bytes;
        String unit = null;
        for (String u : units) {
            if (v >= 1024 && v % 1024 == 0) {
                v /= 1024;
                unit = u;
            } else {
                break;
            }
        }
        return unit == null ? bytes + " bytes" : bytes + " bytes (" + v + " " + unit + ")";
    }
}
