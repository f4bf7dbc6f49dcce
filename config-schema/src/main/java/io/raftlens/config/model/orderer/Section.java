package io.raftlens.config.model.orderer;

import io.raftlens.config.value.ByteSize;
import io.raftlens.config.value.GoDuration;
import io.raftlens.config.yaml.YamlEntry;
import io.raftlens.config.yaml.YamlMapping;
import io.raftlens.config.yaml.YamlNode;
import io.raftlens.config.yaml.YamlScalar;
import io.raftlens.config.yaml.YamlSequence;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A mapping of orderer.yaml read the way the orderer reads it: keys matched case-insensitively, an
 * empty value meaning "unset" (Go's zero value), numbers and booleans with mapstructure's weak typing.
 * Values that Fabric would reject read as unset here; the rules in validate.orderer report them.
 */
public class Section {

    private final Optional<YamlMapping> mapping;
    private final String path;
    private final Path folder;

    Section(Optional<YamlMapping> mapping, String path, Path folder) {
        this.mapping = mapping;
        this.path = path;
        this.folder = folder;
    }

    /** The mapping, empty when the section is absent (or not a mapping). */
    public Optional<YamlMapping> mapping() {
        return mapping;
    }

    /** Fabric's name of the section, e.g. {@code General.Cluster}. */
    public String path() {
        return path;
    }

    /** The entry of {@code key} (case-insensitive; the first one, as Fabric's decoder keeps it). */
    public Optional<YamlEntry> entry(String key) {
        return mapping.flatMap(m -> m.entriesIgnoreCase(key).stream().findFirst());
    }

    /** The value of {@code key} unless it is absent or empty. */
    public Optional<YamlNode> value(String key) {
        return entry(key).map(YamlEntry::value).filter(v -> !(v instanceof YamlScalar s && s.isNull()));
    }

    /** True when {@code key} has a non-empty value. */
    public boolean isSet(String key) {
        return value(key).filter(v -> !(v instanceof YamlScalar s && s.value().isEmpty())).isPresent();
    }

    /** A nested mapping as a section, e.g. {@code general.section("Profile")}. */
    public Section section(String key) {
        return new Section(child(key), path.isEmpty() ? key : path + "." + key, folder);
    }

    Optional<YamlMapping> child(String key) {
        return value(key).filter(YamlMapping.class::isInstance).map(YamlMapping.class::cast);
    }

    Path folder() {
        return folder;
    }

    /** A scalar's text (numbers and booleans as written), or empty. */
    public Optional<String> text(String key) {
        return value(key).filter(YamlScalar.class::isInstance).map(v -> ((YamlScalar) v).value())
                .filter(s -> !s.isEmpty());
    }

    /** An integer the way mapstructure's weak typing reads it (decimal, 0x hex, 0 octal, a numeric string). */
    public OptionalLong integer(String key) {
        Optional<String> text = text(key);
        if (text.isEmpty()) {
            return OptionalLong.empty();
        }
        return parseInteger(text.get());
    }

    static OptionalLong parseInteger(String raw) {
        String t = raw.trim().replace("_", "");
        boolean negative = t.startsWith("-");
        if (negative || t.startsWith("+")) {
            t = t.substring(1);
        }
        try {
            long v;
            if (t.startsWith("0x") || t.startsWith("0X")) {
                v = Long.parseLong(t.substring(2), 16);
            } else if (t.startsWith("0o") || t.startsWith("0O")) {
                v = Long.parseLong(t.substring(2), 8);
            } else if (t.length() > 1 && t.startsWith("0")) {
                v = Long.parseLong(t.substring(1), 8);
            } else {
                v = Long.parseLong(t);
            }
            return OptionalLong.of(negative ? -v : v);
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** A boolean: YAML true/false, or what Go's strconv.ParseBool accepts in a string (1, t, TRUE …). */
    public Optional<Boolean> bool(String key) {
        return text(key).flatMap(Section::parseBool);
    }

    static Optional<Boolean> parseBool(String raw) {
        return switch (raw.trim()) {
            case "true", "True", "TRUE", "t", "T", "1" -> Optional.of(true);
            case "false", "False", "FALSE", "f", "F", "0" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    /** A Go duration ({@code 5s}); a bare integer is nanoseconds, as for Fabric's time.Duration fields. */
    public Optional<Duration> duration(String key) {
        Optional<String> text = text(key);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        OptionalLong nanos = parseInteger(text.get());
        if (nanos.isPresent() && value(key).map(v -> ((YamlScalar) v).kind() == YamlScalar.Kind.INT).orElse(false)) {
            return Optional.of(Duration.ofNanos(nanos.getAsLong()));
        }
        GoDuration.Parsed parsed = GoDuration.parse(text.get().trim());
        return parsed.ok() ? Optional.of(parsed.value()) : Optional.empty();
    }

    /** A byte count: a plain number or a Fabric size ({@code 1 MB} = 1024²). */
    public OptionalLong byteSize(String key) {
        Optional<String> text = text(key);
        if (text.isEmpty()) {
            return OptionalLong.empty();
        }
        Optional<Long> size = ByteSize.parse(text.get());
        return size.isPresent() ? OptionalLong.of(size.get()) : parseInteger(text.get());
    }

    /**
     * A path. Fabric resolves some orderer.yaml paths against the folder of the file
     * ({@code translated}) and leaves others relative to the orderer's working directory.
     */
    public Optional<Path> path(String key, boolean translated) {
        return text(key).flatMap(raw -> toPath(raw, translated));
    }

    /** Resolves a path written in this section the way Fabric resolves it (see {@link #path(String, boolean)}). */
    public Optional<Path> resolve(String raw, boolean translated) {
        return toPath(raw, translated);
    }

    /** A list of strings: a YAML list, or one string such as {@code [a, b]} (environment-override style). */
    public List<String> strings(String key) {
        List<String> out = new ArrayList<>();
        Optional<YamlNode> v = value(key);
        if (v.isPresent() && v.get() instanceof YamlSequence seq) {
            for (YamlNode item : seq.items()) {
                if (item instanceof YamlScalar s && !s.isNull() && !s.value().isEmpty()) {
                    out.add(s.value());
                }
            }
        } else if (v.isPresent() && v.get() instanceof YamlScalar s && !s.value().isBlank()) {
            String t = s.value().trim();
            if (t.startsWith("[") && t.endsWith("]")) {
                for (String part : t.substring(1, t.length() - 1).split(",")) {
                    if (!part.isBlank()) {
                        out.add(part.trim());
                    }
                }
            } else {
                out.add(t);
            }
        }
        return out;
    }

    public List<Path> paths(String key, boolean translated) {
        List<Path> out = new ArrayList<>();
        for (String s : strings(key)) {
            toPath(s, translated).ifPresent(out::add);
        }
        return out;
    }

    private Optional<Path> toPath(String raw, boolean translated) {
        try {
            Path p = Path.of(raw.trim());
            return Optional.of(translated && !p.isAbsolute() ? folder.resolve(p).normalize() : p);
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }
}
