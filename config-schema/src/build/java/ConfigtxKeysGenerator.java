import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes {@code io.raftlens.config.model.configtx.ConfigtxKeys}, the binder's Go-struct mirror of configtx.yaml,
 * from {@code configtx.schema.json}, so that the JSON schema (editors, hover, completion) is the one place a
 * configtx key is declared. Run by config-schema's build in {@code generate-sources} as a single-file program
 * ({@code java -cp <jackson> ConfigtxKeysGenerator.java <schema> <output folder>}), before the module compiles.
 *
 * <p>What it reads from the schema:
 * <ul>
 *   <li>an object with {@code "additionalProperties": false} is a Go struct: its {@code properties} are the
 *       fields, in order (binding order), and {@code x-fabric-goType} names the struct in messages;</li>
 *   <li>an object whose {@code additionalProperties} is a schema is a Go map of that (its {@code properties}
 *       are only well-known entries for completion);</li>
 *   <li>an array is a Go slice of its {@code items};</li>
 *   <li>a scalar's Go type is {@code x-fabric-goType} with {@code x-fabric-format} (path, duration-string);
 *       without one, boolean → bool and anything else → string;</li>
 *   <li>{@code x-fabric-addedIn} / {@code x-fabric-removedIn} limit the field to some Fabric releases;</li>
 *   <li>{@code x-fabric-goName}, where the YAML spelling differs from the Go field name (mapstructure matches
 *       case-insensitively), is the field's name.</li>
 * </ul>
 * A schema it cannot read fails the build with the JSON path and what to add.
 */
public final class ConfigtxKeysGenerator {

    private static final String PACKAGE = "io.raftlens.config.model.configtx";
    private static final String CLASS = "ConfigtxKeys";

    /** Go scalar types as the schema names them ({@code x-fabric-goType}) → {@code ScalarType} constants. */
    private static final Map<String, String> SCALARS = Map.of(
            "string", "STRING", "bool", "BOOL", "int", "INT", "int32", "INT32",
            "uint16", "UINT16", "uint32", "UINT32", "uint64", "UINT64", "float64", "FLOAT64",
            "time.Duration", "DURATION",
            // a protobuf enum (smartbft.Options.LeaderRotation): mapstructure decodes its number
            "enum", "INT");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode root;
    private final Set<String> emitted = new LinkedHashSet<>();
    private final StringBuilder constants = new StringBuilder();

    private ConfigtxKeysGenerator(JsonNode root) {
        this.root = root;
    }

    public static void main(String[] args) throws IOException {
        int exit = run(args, System.err);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    /** Generates; 0 when written, else what went wrong is on {@code err} (2: usage, 1: a schema it cannot read). */
    static int run(String[] args, PrintStream err) throws IOException {
        if (args.length != 2) {
            err.println("usage: java ConfigtxKeysGenerator.java <configtx.schema.json> <output source folder>");
            return 2;
        }
        Path schema = Path.of(args[0]);
        JsonNode root = JSON.readTree(schema.toFile());
        String source;
        try {
            source = new ConfigtxKeysGenerator(root).generate(schema.getFileName().toString());
        } catch (IllegalArgumentException e) {
            err.println(schema + ": " + e.getMessage());
            return 1;
        }
        Path out = Path.of(args[1]).resolve(PACKAGE.replace('.', '/')).resolve(CLASS + ".java");
        Files.createDirectories(out.getParent());
        // Unchanged text keeps the file's timestamp, so the compiler does not rebuild the module for nothing.
        if (!Files.exists(out) || !Files.readString(out, StandardCharsets.UTF_8).equals(source)) {
            Files.writeString(out, source, StandardCharsets.UTF_8);
        }
        return 0;
    }

    private String generate(String schemaName) {
        String top = type(root, "$");
        return "// Generated from " + schemaName + " by config-schema/src/build/java/ConfigtxKeysGenerator.java"
                + " at build time.\n// Do not edit: change the JSON schema.\n"
                + "package " + PACKAGE + ";\n\n"
                + "import io.raftlens.config.value.Field;\n"
                + "import io.raftlens.config.value.FieldType;\n"
                + "import io.raftlens.config.value.ScalarType;\n"
                + "import java.util.List;\n\n"
                + "/** The Go structs configtxgen decodes configtx.yaml into, as declared by {@code " + schemaName + "}. */\n"
                + "public final class " + CLASS + " {\n\n"
                + "    private " + CLASS + "() {\n    }\n"
                + constants
                + "\n    /** The top level of configtx.yaml ({@code genesisconfig.TopLevel}). */\n"
                + "    public static final FieldType.Struct TOP_LEVEL = " + top + ";\n"
                + "}\n";
    }

    /** A Java expression of type {@code FieldType} for the schema at {@code node}. */
    private String type(JsonNode node, String where) {
        JsonNode ref = node.get("$ref");
        if (ref != null) {
            return definition(ref.asText(), where);
        }
        List<String> types = new ArrayList<>();
        JsonNode t = node.get("type");
        if (t != null && t.isArray()) {
            t.forEach(x -> types.add(x.asText()));
        } else if (t != null) {
            types.add(t.asText());
        }
        JsonNode additional = node.get("additionalProperties");
        if (types.contains("object")) {
            if (additional != null && additional.isObject()) {
                return "new FieldType.MapOf(" + type(additional, where + ".additionalProperties") + ")";
            }
            if (additional != null && additional.isBoolean() && !additional.asBoolean()) {
                return struct(node, where);
            }
            throw new IllegalArgumentException(where + ": an object needs \"additionalProperties\": false (a Go struct)"
                    + " or a schema (a Go map)");
        }
        if (types.contains("array")) {
            JsonNode items = node.get("items");
            if (items == null) {
                throw new IllegalArgumentException(where + ": an array needs \"items\"");
            }
            return "new FieldType.ListOf(" + type(items, where + ".items") + ")";
        }
        return "new FieldType.Scalar(ScalarType." + scalar(node, types, where) + ")";
    }

    private static String scalar(JsonNode node, List<String> types, String where) {
        String format = text(node, "x-fabric-format");
        if ("path".equals(format)) {
            return "PATH";
        }
        if ("duration-string".equals(format)) {
            return "DURATION_STRING";
        }
        String goType = text(node, "x-fabric-goType");
        if (goType != null) {
            String scalar = SCALARS.get(goType);
            if (scalar == null) {
                throw new IllegalArgumentException(where + ": unknown x-fabric-goType \"" + goType + "\"; one of "
                        + new java.util.TreeSet<>(SCALARS.keySet()));
            }
            return scalar;
        }
        if (types.contains("integer") || types.contains("number")) {
            throw new IllegalArgumentException(where + ": a number needs \"x-fabric-goType\" (uint32, int, …)");
        }
        return types.contains("boolean") ? "BOOL" : "STRING";
    }

    private String struct(JsonNode node, String where) {
        String goType = text(node, "x-fabric-goType");
        if (goType == null) {
            throw new IllegalArgumentException(where + ": a struct needs \"x-fabric-goType\", the Go type's name"
                    + " shown in messages (e.g. \"Orderer\")");
        }
        StringBuilder s = new StringBuilder("new FieldType.Struct(" + literal(goType) + ", List.of(");
        JsonNode properties = node.get("properties");
        String sep = "";
        for (Map.Entry<String, JsonNode> f : properties == null ? Set.<Map.Entry<String, JsonNode>>of() : properties.properties()) {
            s.append(sep).append("\n            ").append(field(f.getKey(), f.getValue(), where + "." + f.getKey()));
            sep = ",";
        }
        return s.append("))").toString();
    }

    private String field(String key, JsonNode node, String where) {
        String name = text(node, "x-fabric-goName") != null ? text(node, "x-fabric-goName") : key;
        String doc = text(node, "description") != null ? text(node, "description") : "";
        String field = "Field.of(" + literal(name) + ", " + type(node, where) + ", " + literal(doc) + ")";
        String added = text(node, "x-fabric-addedIn");
        String removed = text(node, "x-fabric-removedIn");
        if (added != null || removed != null) {
            field += ".releases(" + literal(added) + ", " + literal(removed) + ")";
        }
        return field;
    }

    /** A definition becomes a constant (declared before its first use), so shared structs are one object. */
    private String definition(String ref, String where) {
        String prefix = "#/definitions/";
        if (!ref.startsWith(prefix) || root.path("definitions").path(ref.substring(prefix.length())).isMissingNode()) {
            throw new IllegalArgumentException(where + ": dangling $ref " + ref);
        }
        String name = ref.substring(prefix.length());
        String constant = name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
        if (emitted.add(name)) {
            JsonNode def = root.path("definitions").path(name);
            String expr = type(def, ref);
            String javaType = expr.startsWith("new FieldType.") ? expr.substring(4, expr.indexOf('(')) : "FieldType";
            constants.append("\n    /** {@code ").append(ref).append("}. */\n    public static final ")
                    .append(javaType).append(' ').append(constant).append(" = ").append(expr).append(";\n");
        }
        return constant;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** A Java string literal: the escapes of a JSON string are valid Java escapes. */
    private static String literal(String s) {
        if (s == null) {
            return "null";
        }
        try {
            return JSON.writeValueAsString(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
