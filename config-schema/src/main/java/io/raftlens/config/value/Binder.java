package io.raftlens.config.value;

import io.raftlens.config.fabric.FabricVersion;
import io.raftlens.config.files.SafeFiles;
import io.raftlens.config.files.UnreadableFileException;
import io.raftlens.config.value.Bound.BoundField;
import io.raftlens.config.value.Bound.BoundMapEntry;
import io.raftlens.config.yaml.Range;
import io.raftlens.config.yaml.YamlEntry;
import io.raftlens.config.yaml.YamlMapping;
import io.raftlens.config.yaml.YamlNode;
import io.raftlens.config.yaml.YamlScalar;
import io.raftlens.config.yaml.YamlSequence;
import java.math.BigInteger;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads YAML into {@link Bound} values following Fabric's {@code EnhancedExactUnmarshal}: field names
 * matched case-insensitively, unknown keys fatal, mapstructure's weak typing, the duration, byte-size and
 * {@code File:} decode hooks. Problems are collected as {@link ValueIssue}s; binding never stops early.
 */
public final class Binder {

    private final FabricVersion version;
    private final boolean readFiles;
    private final Path folder;
    private final List<ValueIssue> issues = new ArrayList<>();
    private final Set<String> seenIssues = new HashSet<>();
    private final Map<String, String> keyHints;
    private final Map<Object, List<Object>> memo = new IdentityHashMap<>(1024);
    /** How many lists the value being bound is inside: Fabric drops null values only outside lists. */
    private int listDepth;

    /**
     * @param folder   relative {@code File:} references are resolved against it
     * @param keyHints extra advice for unknown keys, by lower-case key ("consenters.identity" or "identity")
     */
    public Binder(FabricVersion version, Path folder, Map<String, String> keyHints) {
        this(version, folder, keyHints, true);
    }

    /** @param readFiles whether {@code File:} references are read; without, they are left unchecked (--no-files) */
    public Binder(FabricVersion version, Path folder, Map<String, String> keyHints, boolean readFiles) {
        this.readFiles = readFiles;
        this.version = version;
        this.folder = folder;
        this.keyHints = keyHints;
    }

    /** The issues found, each reported once even when a value is reached through several aliases. */
    public List<ValueIssue> issues() {
        return List.copyOf(issues);
    }

    public Bound bind(YamlNode node, FieldType type, String path) {
        // A subtree reached through several aliases/merges (an &OrdererDefaults used by ten profiles) is read once;
        // alias views share their content list with the anchored node, so that list identifies the subtree.
        Object content = node instanceof YamlMapping m ? m.entries() : node instanceof YamlSequence s ? s.items() : null;
        if (content == null || type instanceof FieldType.Scalar) {
            return bindFresh(node, type, path);
        }
        // almost every subtree is read as one type: a tiny list per subtree, compared by identity
        List<Object> byType = memo.computeIfAbsent(content, k -> new ArrayList<>(2));
        for (int i = 0; i < byType.size(); i += 2) {
            if (byType.get(i) == type) {
                return (Bound) byType.get(i + 1);
            }
        }
        Bound bound = bindFresh(node, type, path);
        byType.add(type);
        byType.add(bound);
        return bound;
    }

    private Bound bindFresh(YamlNode node, FieldType type, String path) {
        if (type instanceof FieldType.Any) {
            return new Bound.BoundAny(node, path);
        }
        if (type instanceof FieldType.Scalar s) {
            return scalar(node, s.type(), path);
        }
        if (node instanceof YamlScalar sc && sc.isNull()) {
            return empty(node, type, path);
        }
        if (type instanceof FieldType.Struct st) {
            return struct(node, st, path);
        }
        if (type instanceof FieldType.ListOf l) {
            return list(node, l, path);
        }
        return map(node, (FieldType.MapOf) type, path);
    }

    /** The zero value of a type, located at {@code node}. */
    public static Bound empty(YamlNode node, FieldType type, String path) {
        if (type instanceof FieldType.Struct st) {
            return new Bound.BoundStruct(st, node, path, Map.of());
        }
        if (type instanceof FieldType.ListOf) {
            return new Bound.BoundList(node, path, List.of());
        }
        if (type instanceof FieldType.MapOf) {
            return new Bound.BoundMap(node, path, List.of());
        }
        if (type instanceof FieldType.Scalar s) {
            return new Bound.BoundScalar(s.type(), node, path, null, true, false);
        }
        return new Bound.BoundAny(node, path);
    }

    private Bound struct(YamlNode node, FieldType.Struct type, String path) {
        if (!(node instanceof YamlMapping m)) {
            issue(ValueIssue.Kind.WRONG_SHAPE, true, path, node.range(), label(path) + " must be a mapping of keys ("
                    + type.goName() + "), not " + node.describe() + "; Fabric fails with \"'" + path
                    + "' expected a map, got '" + goKind(node) + "'\"");
            return new Bound.BoundStruct(type, node, path, Map.of());
        }
        Map<String, BoundField> fields = new LinkedHashMap<>();
        // mapstructure: a field takes the key spelled exactly like it, else the first case-insensitive match
        List<YamlEntry> entries = m.entries();
        boolean[] used = new boolean[entries.size()];
        for (Field f : type.fields()) {
            if (!f.existsIn(version)) {
                continue;
            }
            int chosen = -1;
            for (int i = 0; i < entries.size(); i++) {
                if (f.name().equals(entries.get(i).keyText())) {
                    chosen = i;
                    break;
                }
            }
            if (chosen < 0) {
                for (int i = 0; i < entries.size(); i++) {
                    String k = entries.get(i).keyText();
                    if (k != null && k.equalsIgnoreCase(f.name())) {
                        chosen = i;
                        break;
                    }
                }
            }
            if (chosen >= 0) {
                used[chosen] = true;
                YamlEntry e = entries.get(chosen);
                fields.put(f.name(), new BoundField(f, e, bind(e.value(), f.type(), child(path, f.name()))));
            }
        }
        for (int i = 0; i < entries.size(); i++) {
            // a key written twice exactly is a duplicate key (reported by the YAML rules), not an unknown one;
            // a key without a value outside a list is dropped before Fabric's unknown-key check
            if (!used[i] && !usedKey(entries, used, entries.get(i).keyText()) && !droppedByFabric(entries.get(i))) {
                unknownKey(entries.get(i), type, path);
            }
        }
        return new Bound.BoundStruct(type, node, path, fields);
    }

    /**
     * Whether Fabric drops the entry before decoding: its config parser (viperutil getKeysRecursively)
     * leaves keys whose value is null out of the maps it hands to mapstructure, so a null-valued unknown
     * key is not an error; list items are passed through whole, so inside a list it still is.
     */
    private boolean droppedByFabric(YamlEntry e) {
        return listDepth == 0 && e.value() instanceof YamlScalar v && v.isNull();
    }

    /** Whether a used entry has exactly this key text (structs have a handful of entries: a scan beats hashing). */
    private static boolean usedKey(List<YamlEntry> entries, boolean[] used, String key) {
        for (int i = 0; i < entries.size(); i++) {
            if (used[i] && java.util.Objects.equals(entries.get(i).keyText(), key)) {
                return true;
            }
        }
        return false;
    }

    private void unknownKey(YamlEntry e, FieldType.Struct type, String path) {
        String key = e.keyText() == null ? "?" : e.keyText();
        String fabricError = "'" + path + "' has invalid keys: " + key;
        Optional<Field> sameName = type.fields().stream().filter(f -> f.name().equalsIgnoreCase(key)).findFirst();
        String message;
        ValueIssue.Kind kind = ValueIssue.Kind.UNKNOWN_KEY;
        if (sameName.isPresent() && !sameName.get().existsIn(version)) {
            kind = ValueIssue.Kind.VERSION_KEY;
            message = "\"" + key + "\" is not a key of " + type.goName() + " in Fabric " + version.label()
                    + " (it exists in Fabric " + otherVersions(sameName.get()) + "); Fabric " + version.label()
                    + " fails with \"" + fabricError + "\"";
        } else if (sameName.isPresent()) {
            message = "\"" + key + "\" repeats the key " + sameName.get().name() + " (Fabric matches keys case-insensitively); "
                    + "Fabric fails with \"" + fabricError + "\"";
        } else {
            message = "unknown key \"" + key + "\" in " + label(path) + "; Fabric fails with \"" + fabricError + "\"";
            String hint = keyHints.get(type.goName().toLowerCase(Locale.ROOT) + "." + key.toLowerCase(Locale.ROOT));
            if (hint == null) {
                hint = keyHints.get(key.toLowerCase(Locale.ROOT));
            }
            if (hint != null) {
                message += ". " + hint;
            } else {
                String near = nearest(key, type);
                if (near != null) {
                    message += ". Did you mean " + near + "?";
                }
            }
        }
        issue(kind, true, path, e.key().range(), message);
    }

    private Bound list(YamlNode node, FieldType.ListOf type, String path) {
        List<Bound> items = new ArrayList<>();
        if (node instanceof YamlSequence s) {
            listDepth++;
            try {
                for (int i = 0; i < s.items().size(); i++) {
                    items.add(bind(s.items().get(i), type.element(), path + "[" + i + "]"));
                }
            } finally {
                listDepth--;
            }
        } else if (node instanceof YamlMapping m && type.element() instanceof FieldType.Scalar el
                && fileEntry(m).isPresent()) {
            // pemBlocksFromFileDecodeHook: the list is the file's PEM certificates, known only when Fabric loads it
            items.add(fileReference(node, (YamlScalar) fileEntry(m).get().value(), el.type(), path + "[0]"));
        } else if (node instanceof YamlScalar sc && type.element() instanceof FieldType.Scalar) {
            // Fabric's hooks: "[a, b]" is split into a list; a single value becomes a one-element list
            String text = sc.value().trim();
            if (text.startsWith("[") && text.endsWith("]") && sc.style() != YamlScalar.Style.PLAIN) {
                for (String part : text.substring(1, text.length() - 1).split(",")) {
                    if (!part.isBlank()) {
                        items.add(new Bound.BoundScalar(((FieldType.Scalar) type.element()).type(), node, path,
                                part.trim(), true, Placeholders.contains(part)));
                    }
                }
            } else {
                items.add(bind(node, type.element(), path + "[0]"));
            }
        } else {
            issue(ValueIssue.Kind.WRONG_SHAPE, true, path, node.range(), label(path) + " must be a list ("
                    + type.goName() + "), not " + node.describe() + "; Fabric fails with \"'" + path
                    + "': source data must be an array or slice, got " + goKind(node) + "\"");
        }
        return new Bound.BoundList(node, path, items);
    }

    private Bound map(YamlNode node, FieldType.MapOf type, String path) {
        List<BoundMapEntry> entries = new ArrayList<>();
        if (node instanceof YamlMapping m) {
            for (YamlEntry e : m.entries()) {
                String key = e.keyText() == null ? "" : e.keyText();
                entries.add(new BoundMapEntry(key, e, bind(e.value(), type.value(), path + "[" + key + "]")));
            }
        } else {
            issue(ValueIssue.Kind.WRONG_SHAPE, true, path, node.range(), label(path) + " must be a mapping ("
                    + type.goName() + "), not " + node.describe() + "; Fabric fails with \"'" + path
                    + "' expected a map, got '" + goKind(node) + "'\"");
        }
        return new Bound.BoundMap(node, path, entries);
    }

    private Bound scalar(YamlNode node, ScalarType type, String path) {
        if (node instanceof YamlMapping m && (type == ScalarType.STRING || type == ScalarType.PATH)) {
            Optional<YamlEntry> file = fileEntry(m);
            if (file.isPresent()) {
                return fileReference(node, (YamlScalar) file.get().value(), type, path);
            }
        }
        if (!(node instanceof YamlScalar s)) {
            issue(ValueIssue.Kind.WRONG_SHAPE, true, path, node.range(), label(path) + " must be a single value ("
                    + type.goName() + "), not " + node.describe() + "; Fabric fails with \"'" + path
                    + "' expected type '" + type.goName() + "', got unconvertible type '" + goKind(node) + "'\"");
            return new Bound.BoundScalar(type, node, path, null, false, false);
        }
        if (s.isNull()) {
            return new Bound.BoundScalar(type, node, path, null, true, false);
        }
        if (s.kind() == YamlScalar.Kind.STRING && Placeholders.contains(s.value())) {
            issue(ValueIssue.Kind.PLACEHOLDER, false, path, s.range(), label(path) + " is the placeholder \""
                    + s.value() + "\": it is not checked until it is substituted");
            return new Bound.BoundScalar(type, node, path, s.value(), true, true);
        }
        return switch (type) {
            case STRING, PATH, DURATION_STRING -> string(s, type, path);
            case BOOL -> bool(s, path);
            case DURATION -> duration(s, path);
            case FLOAT64 -> floating(s, path);
            default -> integer(s, type, path);
        };
    }

    private Bound string(YamlScalar s, ScalarType type, String path) {
        String value = s.value();
        switch (s.kind()) {
            case INT -> {
                BigInteger n = goInt(s.value());
                if (n != null && !n.toString().equals(s.value().replace("+", ""))) {
                    issue(ValueIssue.Kind.WEAK_CONVERSION, false, path, s.range(), label(path) + ": " + s.value()
                            + " is read as the number " + n + ", so Fabric sees the text \"" + n + "\"; quote it to keep \""
                            + s.value() + "\"");
                    value = n.toString();
                }
            }
            case BOOL -> value = Boolean.parseBoolean(s.value().toLowerCase(Locale.ROOT)) ? "1" : "0";
            default -> { }
        }
        return new Bound.BoundScalar(type, s, path, value, true, false);
    }

    private Bound bool(YamlScalar s, String path) {
        String v = s.value();
        switch (s.kind()) {
            case BOOL:
                return new Bound.BoundScalar(ScalarType.BOOL, s, path, v.equalsIgnoreCase("true"), true, false);
            case INT:
            case FLOAT:
                issue(ValueIssue.Kind.WEAK_CONVERSION, false, path, s.range(), label(path) + ": the number " + v
                        + " is read as " + !isZero(v) + "; write true or false");
                return new Bound.BoundScalar(ScalarType.BOOL, s, path, !isZero(v), true, false);
            default:
                switch (v) {
                    case "1", "t", "T", "TRUE", "true", "True":
                        return new Bound.BoundScalar(ScalarType.BOOL, s, path, true, true, false);
                    case "0", "f", "F", "FALSE", "false", "False", "":
                        return new Bound.BoundScalar(ScalarType.BOOL, s, path, false, true, false);
                    default:
                        issue(ValueIssue.Kind.BAD_VALUE, true, path, s.range(), label(path) + " must be true or false, not \""
                                + v + "\"; Fabric fails with \"cannot parse '" + path + "' as bool: strconv.ParseBool: parsing "
                                + GoDuration.quote(v) + ": invalid syntax\"");
                        return new Bound.BoundScalar(ScalarType.BOOL, s, path, null, false, false);
                }
        }
    }

    private Bound duration(YamlScalar s, String path) {
        switch (s.kind()) {
            case INT -> {
                BigInteger n = goInt(s.value());
                long ns = n == null ? 0 : n.longValue();
                if (ns != 0) {
                    issue(ValueIssue.Kind.BARE_DURATION, false, path, s.range(), label(path) + ": " + s.value()
                            + " has no unit, so Fabric reads it as " + ns + " nanoseconds; write it with a unit, e.g. "
                            + s.value() + "s");
                }
                return new Bound.BoundScalar(ScalarType.DURATION, s, path, Duration.ofNanos(ns), true, false);
            }
            case FLOAT, BOOL -> {
                issue(ValueIssue.Kind.BARE_DURATION, false, path, s.range(), label(path) + ": " + s.value()
                        + " is not a duration; Fabric reads it as a number of nanoseconds. Write it with a unit, e.g. 2s");
                return new Bound.BoundScalar(ScalarType.DURATION, s, path, Duration.ZERO, true, false);
            }
            default -> {
                GoDuration.Parsed p = GoDuration.parse(s.value());
                if (!p.ok()) {
                    issue(ValueIssue.Kind.BAD_DURATION, true, path, s.range(), label(path) + " must be a duration such as "
                            + "2s, 500ms or 1m30s; Fabric fails with \"" + p.error() + "\"");
                    return new Bound.BoundScalar(ScalarType.DURATION, s, path, null, false, false);
                }
                return new Bound.BoundScalar(ScalarType.DURATION, s, path, p.value(), true, false);
            }
        }
    }

    private Bound floating(YamlScalar s, String path) {
        try {
            double d = s.kind() == YamlScalar.Kind.BOOL ? (s.value().equalsIgnoreCase("true") ? 1 : 0)
                    : Double.parseDouble(s.value());
            return new Bound.BoundScalar(ScalarType.FLOAT64, s, path, d, true, false);
        } catch (NumberFormatException e) {
            issue(ValueIssue.Kind.BAD_VALUE, true, path, s.range(), label(path) + " must be a number, not \"" + s.value()
                    + "\"; Fabric fails with \"cannot parse '" + path + "' as float: strconv.ParseFloat: parsing "
                    + GoDuration.quote(s.value()) + ": invalid syntax\"");
            return new Bound.BoundScalar(ScalarType.FLOAT64, s, path, null, false, false);
        }
    }

    private Bound integer(YamlScalar s, ScalarType type, String path) {
        String v = s.value();
        BigInteger n;
        switch (s.kind()) {
            case BOOL -> {
                long b = v.equalsIgnoreCase("true") ? 1 : 0;
                issue(ValueIssue.Kind.WEAK_CONVERSION, false, path, s.range(), label(path) + ": " + v + " is read as "
                        + b + "; write a number");
                return ok(s, type, path, b);
            }
            case FLOAT -> {
                double d;
                try {
                    d = Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    d = 0;
                }
                n = BigInteger.valueOf((long) d);
                if (d != Math.rint(d)) {
                    issue(ValueIssue.Kind.WEAK_CONVERSION, false, path, s.range(), label(path) + ": " + v
                            + " is cut to " + n + "; write a whole number");
                }
            }
            case INT -> {
                n = goInt(v);
                octalWarning(s, path, n);
            }
            default -> {
                if (type == ScalarType.UINT32) {
                    Optional<Long> size = ByteSize.parse(v);
                    if (size.isPresent()) {
                        if (size.get() > type.max()) {
                            issue(ValueIssue.Kind.OVERFLOW, true, path, s.range(), label(path) + ": " + v
                                    + " is too large for a uint32 (at most 4294967295 bytes, just under 4 GB); Fabric fails with \"value '"
                                    + v + "' overflows uint32\"");
                            return new Bound.BoundScalar(type, s, path, null, false, false);
                        }
                        return ok(s, type, path, size.get());
                    }
                }
                if (v.isEmpty()) {
                    return ok(s, type, path, 0L);
                }
                n = goUint(v);
                if (n == null) {
                    String why;
                    if (ByteSize.looksLikeSize(v) && type == ScalarType.UINT32) {
                        why = label(path) + ": \"" + v + "\" is not a size Fabric understands; write a whole number with "
                                + "K, M or G (binary units, e.g. 16 MB = 16777216 bytes), or plain bytes";
                    } else if (ByteSize.looksLikeSize(v) || ByteSize.parse(v).isPresent()) {
                        why = label(path) + " is a " + type.goName() + " and takes plain numbers only, not a size like \"" + v
                                + "\"; write the number of bytes";
                    } else {
                        why = label(path) + " must be a whole number, not \"" + v + "\"";
                    }
                    issue(ValueIssue.Kind.BAD_VALUE, true, path, s.range(), why + "; Fabric fails with \"cannot parse '" + path
                            + "' as " + (type.isUnsigned() ? "uint" : "int") + ": strconv.Parse" + (type.isUnsigned() ? "Uint" : "Int")
                            + ": parsing " + GoDuration.quote(v) + ": invalid syntax\"");
                    return new Bound.BoundScalar(type, s, path, null, false, false);
                }
                octalWarning(s, path, n);
            }
        }
        if (n == null) {
            issue(ValueIssue.Kind.BAD_VALUE, true, path, s.range(), label(path) + " must be a whole number, not \"" + v + "\"");
            return new Bound.BoundScalar(type, s, path, null, false, false);
        }
        if (n.signum() < 0 && type.isUnsigned()) {
            BigInteger wrapped = n.add(BigInteger.ONE.shiftLeft(type == ScalarType.UINT64 ? 64 : type == ScalarType.UINT16 ? 16 : 32));
            issue(ValueIssue.Kind.NEGATIVE, true, path, s.range(), label(path) + " cannot be negative: Fabric silently "
                    + "wraps " + v + " into the unsigned value " + wrapped);
            return new Bound.BoundScalar(type, s, path, null, false, false);
        }
        if (n.compareTo(BigInteger.valueOf(type.max())) > 0 || n.compareTo(BigInteger.valueOf(type == ScalarType.INT32 ? Integer.MIN_VALUE : Long.MIN_VALUE)) < 0) {
            issue(ValueIssue.Kind.OVERFLOW, true, path, s.range(), label(path) + ": " + v + " does not fit in a "
                    + type.goName() + " (at most " + type.max() + "); Fabric would silently truncate it");
            return new Bound.BoundScalar(type, s, path, null, false, false);
        }
        return ok(s, type, path, n.longValue());
    }

    private void octalWarning(YamlScalar s, String path, BigInteger n) {
        String digits = s.value().replaceFirst("^[-+]", "");
        if (n != null && digits.length() > 1 && digits.startsWith("0") && Character.isDigit(digits.charAt(1))) {
            issue(ValueIssue.Kind.WEAK_CONVERSION, false, path, s.range(), label(path) + ": " + s.value()
                    + " starts with 0, so Fabric reads it as an octal number: " + n + "; drop the leading 0");
        }
    }

    private static Bound ok(YamlScalar s, ScalarType type, String path, long value) {
        return new Bound.BoundScalar(type, s, path, value, true, false);
    }

    /**
     * Fabric's {@code stringFromFileDecodeHook} / {@code pemBlocksFromFileDecodeHook}: a mapping with a
     * {@code File} (or {@code file}) key in a string or list field stands for the named file's content. The
     * file is checked (exists, regular, not huge) but never read: see {@link FileReference}.
     */
    private Bound fileReference(YamlNode node, YamlScalar file, ScalarType type, String path) {
        if (file.isNull()) {
            issue(ValueIssue.Kind.FILE_REFERENCE, true, path, file.range(), label(path)
                    + ": File: has no file name; Fabric fails with \"Value of File: was nil\"");
            return new Bound.BoundScalar(type, node, path, null, false, false);
        }
        if (!readFiles) {
            // --no-files: like a placeholder, not checked (the value is known only where Fabric loads it)
            return new Bound.BoundScalar(type, node, path, new FileReference(file.value()), true, true);
        }
        String name = file.value();
        Path p;
        try {
            p = folder.resolve(name).normalize();
        } catch (InvalidPathException e) {
            issue(ValueIssue.Kind.FILE_REFERENCE, true, path, file.range(), label(path) + ": " + name
                    + " referenced with File: is not a valid path");
            return new Bound.BoundScalar(type, node, path, null, false, false);
        }
        FileReference ref = new FileReference(name);
        try {
            SafeFiles.check(p, SafeFiles.SMALL_FILE_LIMIT);
        } catch (UnreadableFileException e) {
            if (e.missing()) {
                issue(ValueIssue.Kind.FILE_REFERENCE, false, path, file.range(), label(path) + ": the file " + name
                        + " referenced with File: does not exist (yet)");
                return new Bound.BoundScalar(type, node, path, ref, true, true);
            }
            issue(ValueIssue.Kind.FILE_REFERENCE, true, path, file.range(), label(path) + ": the file " + name
                    + " referenced with File: " + e.reason());
            return new Bound.BoundScalar(type, node, path, ref, false, true);
        }
        issue(ValueIssue.Kind.FILE_REFERENCE_NOT_READ, false, path, file.range(), label(path) + " is read from the file " + name
                + " when Fabric loads the configuration; RaftLens does not read that file, so this value is not checked");
        return new Bound.BoundScalar(type, node, path, ref, true, true);
    }

    /** The {@code File}/{@code file} entry of a mapping, as Fabric's hooks look it up (exact spellings, other keys ignored). */
    private static Optional<YamlEntry> fileEntry(YamlMapping m) {
        for (String key : new String[] {"File", "file"}) {
            for (YamlEntry e : m.entries()) {
                if (key.equals(e.keyText()) && e.value() instanceof YamlScalar) {
                    return Optional.of(e);
                }
            }
        }
        return Optional.empty();
    }

    /** go-yaml's integer resolution (base prefixes 0x, 0o, 0b, leading-0 octal, underscores). */
    static BigInteger goInt(String text) {
        String t = text.replace("_", "");
        boolean neg = t.startsWith("-");
        if (t.startsWith("-") || t.startsWith("+")) {
            t = t.substring(1);
        }
        BigInteger n = goUint(t);
        return n == null ? null : neg ? n.negate() : n;
    }

    /** strconv.ParseUint(s, 0, 64) for non-negative text; also accepts a leading '-' to detect wrapping. */
    static BigInteger goUint(String text) {
        String t = text;
        boolean neg = false;
        if (t.startsWith("-")) {
            neg = true;
            t = t.substring(1);
        } else if (t.startsWith("+")) {
            t = t.substring(1);
        }
        if (t.isEmpty()) {
            return null;
        }
        int radix = 10;
        String digits = t;
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.startsWith("0x")) {
            radix = 16;
            digits = t.substring(2);
        } else if (lower.startsWith("0o")) {
            radix = 8;
            digits = t.substring(2);
        } else if (lower.startsWith("0b")) {
            radix = 2;
            digits = t.substring(2);
        } else if (t.length() > 1 && t.startsWith("0")) {
            radix = 8;
            digits = t.substring(1);
        }
        digits = digits.replace("_", "");
        if (digits.isEmpty()) {
            return null;
        }
        try {
            BigInteger n = new BigInteger(digits, radix);
            return neg ? n.negate() : n;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean isZero(String v) {
        try {
            return Double.parseDouble(v) == 0;
        } catch (NumberFormatException e) {
            BigInteger n = goInt(v);
            return n != null && n.signum() == 0;
        }
    }

    private String nearest(String key, FieldType.Struct type) {
        String best = null;
        int bestDistance = 3;
        for (Field f : type.fields()) {
            if (!f.existsIn(version)) {
                continue;
            }
            int d = EditDistance.between(key.toLowerCase(Locale.ROOT), f.name().toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = f.name();
            }
        }
        return best;
    }


    private static String otherVersions(Field f) {
        return f.versions().stream().map(FabricVersion::label).sorted().reduce((a, b) -> a + ", " + b).orElse("?");
    }

    private static String child(String parent, String name) {
        return parent.isEmpty() ? name : parent + "." + name;
    }

    /** How a path reads in a message: the top level is "the top level". */
    static String label(String path) {
        return path.isEmpty() ? "the top level" : path;
    }

    private static String goKind(YamlNode node) {
        if (node instanceof YamlMapping) {
            return "map[string]interface {}";
        }
        if (node instanceof YamlSequence) {
            return "[]interface {}";
        }
        return switch (((YamlScalar) node).kind()) {
            case INT -> "int";
            case FLOAT -> "float64";
            case BOOL -> "bool";
            default -> "string";
        };
    }

    private void issue(ValueIssue.Kind kind, boolean error, String path, Range range, String message) {
        if (seenIssues.add(kind + "@" + range.start().offset() + ":" + range.end().offset())) {
            issues.add(new ValueIssue(kind, error, path, message, range));
        }
    }
}
