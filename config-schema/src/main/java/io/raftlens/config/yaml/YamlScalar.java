package io.raftlens.config.yaml;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A scalar. {@code value} is the text after YAML unescaping; {@link #kind()} is what Fabric's YAML
 * decoder (go-yaml) makes of it when it decodes into {@code map[string]any}.
 *
 * @param tag explicit tag such as {@code !!str}, or null
 */
public record YamlScalar(String value, Style style, String tag, Range range,
                         Optional<AnchorDef> anchor, Optional<AliasUse> via) implements YamlNode {

    public enum Style { PLAIN, SINGLE_QUOTED, DOUBLE_QUOTED, LITERAL, FOLDED }

    /** What go-yaml resolves a scalar to. */
    public enum Kind { NULL, BOOL, INT, FLOAT, STRING }

    private static final Pattern INT = Pattern.compile(
            "[-+]?(0|[1-9][0-9_]*|0[0-7_]+|0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+)");
    private static final Pattern FLOAT = Pattern.compile(
            "[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");

    public Kind kind() {
        if (tag != null) {
            return switch (tag) {
                case "tag:yaml.org,2002:str", "!!str" -> Kind.STRING;
                case "tag:yaml.org,2002:int", "!!int" -> Kind.INT;
                case "tag:yaml.org,2002:bool", "!!bool" -> Kind.BOOL;
                case "tag:yaml.org,2002:float", "!!float" -> Kind.FLOAT;
                case "tag:yaml.org,2002:null", "!!null" -> Kind.NULL;
                default -> Kind.STRING;
            };
        }
        if (style != Style.PLAIN) {
            return Kind.STRING;
        }
        return switch (value) {
            case "", "~", "null", "Null", "NULL" -> Kind.NULL;
            case "true", "True", "TRUE", "false", "False", "FALSE" -> Kind.BOOL;
            default -> !mayBeNumber(value) ? Kind.STRING
                    : INT.matcher(value).matches() ? Kind.INT
                    : FLOAT.matcher(value).matches() ? Kind.FLOAT : Kind.STRING;
        };
    }

    public boolean isNull() {
        return kind() == Kind.NULL;
    }

    /** Cheap pre-check before the number patterns: most scalars are names and paths. */
    private static boolean mayBeNumber(String v) {
        char c = v.charAt(0);
        return Character.isDigit(c) || c == '-' || c == '+' || c == '.';
    }

    /** Nodes are places in a text: identity, not deep structural equality (which would hash whole subtrees). */
    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public YamlScalar viaAlias(AliasUse alias) {
        return new YamlScalar(value, style, tag, range, anchor, Optional.of(alias));
    }

    @Override
    public String describe() {
        return switch (kind()) {
            case NULL -> "an empty value";
            case BOOL -> "a boolean";
            case INT -> "a number";
            case FLOAT -> "a decimal number";
            case STRING -> "a string";
        };
    }
}
