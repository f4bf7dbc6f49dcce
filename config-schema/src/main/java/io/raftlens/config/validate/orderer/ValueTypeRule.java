package io.raftlens.config.validate.orderer;

import io.raftlens.config.model.orderer.OrdererYaml;
import io.raftlens.config.schema.KeyInfo;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;
import io.raftlens.config.value.ByteSize;
import io.raftlens.config.value.GoDuration;
import io.raftlens.config.value.Placeholders;
import io.raftlens.config.yaml.YamlEntry;
import io.raftlens.config.yaml.YamlMapping;
import io.raftlens.config.yaml.YamlScalar;
import io.raftlens.config.yaml.YamlSequence;
import java.math.BigInteger;
import java.util.List;

/**
 * ORD012: a value the orderer cannot decode into its Go field (durations, numbers, booleans, sizes,
 * sections), with mapstructure's weak typing: numeric strings and 0x/0 prefixes are numbers, "1"/"t"
 * are booleans.
 */
final class ValueTypeRule extends OrdererRule {

    ValueTypeRule() {
        super("ORD012", Severity.ERROR, "Value of the wrong type",
                "A value orderer.yaml's Go field cannot hold: a duration Go's time.ParseDuration rejects (\"5 sec\"), a "
                        + "non-number in a number field, a size with a unit where only bytes are accepted "
                        + "(MaxRecvMsgSize: 100 MB), a non-boolean in a boolean field, a scalar where a section is expected. "
                        + "The orderer fails at start with \"Error unmarshalling config into struct\" (or, for "
                        + "Consensus.EvictionSuspicion/TickIntervalOverride, panics when parsing them). A bare integer in a "
                        + "duration field is read as nanoseconds and is reported as a warning.");
    }

    @Override
    void check(RuleContext context, OrdererYaml model, DiagnosticSink sink) {
        KeyWalker.walk(model.root().orElseThrow(), (path, entry, info) -> {
            if (info.isEmpty() || info.get().removedIn() != null) {
                return false;
            }
            checkValue(KeyWalker.name(info.get().path()), info.get(), entry, sink);
            return true;
        });
    }

    private void checkValue(String name, KeyInfo info, YamlEntry entry, DiagnosticSink sink) {
        List<String> types = info.types();
        if (entry.value() instanceof YamlMapping) {
            if (!types.contains("object")) {
                report(sink, keyRange(entry), name + " is a value, not a section: the orderer fails at start "
                        + "(\"'" + name + "' expected type '" + goType(info) + "', got unconvertible type 'map[string]interface {}'\")");
            }
            return;
        }
        if (entry.value() instanceof YamlSequence) {
            if (!types.contains("array")) {
                report(sink, keyRange(entry), name + " takes " + (types.contains("object") ? "a section" : "one value")
                        + ", not a list: the orderer fails at start (\"'" + name + "' expected type '" + goType(info)
                        + "', got unconvertible type '[]interface {}'\")");
            }
            return;
        }
        YamlScalar scalar = (YamlScalar) entry.value();
        String text = scalar.value().trim();
        if (scalar.isNull() || text.isEmpty() || Placeholders.contains(text)) {
            return;
        }
        if (types.contains("object")) {
            report(sink, valueRange(entry), name + " is a section, not a value: the orderer fails at start "
                    + "(\"'" + name + "' expected a map, got '" + goKind(scalar) + "'\")");
            return;
        }
        String format = info.format() == null ? "" : info.format();
        String goType = info.goType() == null ? "" : info.goType();
        if (format.equals("duration")) {
            duration(name, scalar, entry, sink, true);
        } else if (format.equals("duration-string")) {
            duration(name, scalar, entry, sink, false);
        } else if (format.equals("byte-size")) {
            if (ByteSize.parse(text).isEmpty() && !unsignedText(text)) {
                report(sink, valueRange(entry), name + " '" + text + "' is not a byte count or a size such as 1 MB "
                        + "(units KB, MB, GB are powers of 1024; KiB/MiB are not accepted)");
            }
        } else if (types.contains("integer")) {
            integer(name, goType, scalar, entry, sink);
        } else if (types.contains("boolean") && !types.contains("string")) {
            if (scalar.kind() != YamlScalar.Kind.BOOL && !isGoBool(text)) {
                report(sink, valueRange(entry), name + " must be true or false: the orderer fails at start "
                        + "(\"cannot parse '" + name + "' as bool: strconv.ParseBool: parsing \\\"" + text + "\\\": invalid syntax\")");
            }
        } else if (types.contains("number")) {
            try {
                Double.parseDouble(text);
            } catch (NumberFormatException e) {
                report(sink, valueRange(entry), name + " '" + text + "' is not a number: the orderer fails at start");
            }
        }
    }

    private void duration(String name, YamlScalar scalar, YamlEntry entry, DiagnosticSink sink, boolean nanosAllowed) {
        String text = scalar.value().trim();
        if (nanosAllowed && scalar.kind() == YamlScalar.Kind.INT) {
            if (!text.equals("0")) {
                report(sink, Severity.WARNING, valueRange(entry), name + ": " + text + " without a unit is " + text
                        + " nanoseconds; write a unit (for example " + text + "s)");
            }
            return;
        }
        GoDuration.Parsed parsed = GoDuration.parse(text);
        if (!parsed.ok()) {
            String failure = nanosAllowed ? "the orderer fails at start (\"error decoding '" + name + "': " + parsed.error() + "\")"
                    : "the orderer fails when it reads it (\"" + (name.endsWith("TickIntervalOverride") ? "failed parsing " + name
                    : "Failed parsing " + name + ": " + text + ": " + parsed.error()) + "\")";
            report(sink, valueRange(entry), name + " '" + text + "' is not a Go duration such as 500ms, 5s or 1m30s: " + failure);
        }
    }

    private void integer(String name, String goType, YamlScalar scalar, YamlEntry entry, DiagnosticSink sink) {
        String text = scalar.value().trim();
        if (scalar.kind() == YamlScalar.Kind.BOOL) {
            return; // weak typing: true is 1, false is 0
        }
        if (ByteSize.parse(text).isPresent() && !goType.equals("uint32")) {
            report(sink, valueRange(entry), name + " '" + text + "' takes a plain number of bytes (" + goType
                    + "): size units are accepted only by uint32 fields; write " + ByteSize.parse(text).get());
            return;
        }
        BigInteger value = parseInteger(text);
        if (value == null) {
            report(sink, valueRange(entry), name + " '" + text + "' is not a number: the orderer fails at start (\"cannot parse '"
                    + name + "' as " + (goType.startsWith("u") ? "uint" : "int") + "\")");
            return;
        }
        if (name.endsWith("ListenPort")) {
            return; // ORD008 explains truncated ports
        }
        BigInteger max = switch (goType) {
            case "int32" -> BigInteger.valueOf(Integer.MAX_VALUE);
            case "uint32" -> BigInteger.valueOf(4294967295L);
            case "uint16" -> BigInteger.valueOf(65535);
            default -> BigInteger.valueOf(Long.MAX_VALUE);
        };
        if (goType.startsWith("u") && value.signum() < 0) {
            report(sink, valueRange(entry), name + " " + value + " is negative: Fabric silently wraps it to a huge " + goType);
        } else if (value.compareTo(max) > 0) {
            report(sink, valueRange(entry), name + " " + value + " does not fit in " + goType + " (at most " + max + ")");
        }
    }

    private static BigInteger parseInteger(String text) {
        String t = text.replace("_", "");
        boolean negative = t.startsWith("-");
        if (negative || t.startsWith("+")) {
            t = t.substring(1);
        }
        try {
            BigInteger v;
            if (t.startsWith("0x") || t.startsWith("0X")) {
                v = new BigInteger(t.substring(2), 16);
            } else if (t.length() > 1 && t.startsWith("0")) {
                v = new BigInteger(t.substring(1), 8);
            } else if (t.contains(".")) {
                v = new java.math.BigDecimal(t).toBigInteger(); // floats are truncated
            } else {
                v = new BigInteger(t);
            }
            return negative ? v.negate() : v;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean unsignedText(String text) {
        BigInteger v = parseInteger(text);
        return v != null && v.signum() >= 0;
    }

    private static boolean isGoBool(String text) {
        return List.of("1", "t", "T", "TRUE", "true", "True", "0", "f", "F", "FALSE", "false", "False").contains(text);
    }

    private static String goType(KeyInfo info) {
        return info.goType() != null ? info.goType() : info.types().contains("object") ? "struct" : "string";
    }

    private static String goKind(YamlScalar scalar) {
        return switch (scalar.kind()) {
            case BOOL -> "bool";
            case INT -> "int";
            case FLOAT -> "float64";
            default -> "string";
        };
    }
}
