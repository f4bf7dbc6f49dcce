package io.raftlens.config.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.raftlens.config.fabric.FileKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The bundled JSON Schemas of {@code configtx.yaml} and {@code orderer.yaml}, queried by key path.
 * Keys are matched case-insensitively, as Fabric's decoder (mapstructure) matches them to Go fields.
 * A path segment {@code "[]"} or a number steps into a list item ({@code Organizations/[]/Name}); any
 * other segment under an open map (Profiles, ACLs, capabilities) steps into that map's entry.
 */
public final class SchemaCatalog {

    private static final String RESOURCE_DIR = "/io/raftlens/config/schema/";
    private static final SchemaCatalog STANDARD = new SchemaCatalog();

    private final Map<FileKind, JsonNode> schemas = new EnumMap<>(FileKind.class);

    private SchemaCatalog() {
        ObjectMapper mapper = new ObjectMapper();
        for (FileKind kind : FileKind.values()) {
            try (InputStream in = SchemaCatalog.class.getResourceAsStream(resourceName(kind))) {
                if (in == null) {
                    throw new IllegalStateException("schema resource missing from the classpath: " + resourceName(kind));
                }
                schemas.put(kind, mapper.readTree(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read bundled schema " + resourceName(kind), e);
            }
        }
    }

    /** The catalog of the schemas shipped in this jar (loaded once). */
    public static SchemaCatalog standard() {
        return STANDARD;
    }

    /** Classpath location of a schema, e.g. {@code /io/raftlens/config/schema/configtx.schema.json}. */
    public static String resourceName(FileKind kind) {
        return RESOURCE_DIR + kind.label() + ".schema.json";
    }

    /** The raw schema document (read-only by convention). */
    public JsonNode schema(FileKind kind) {
        return schemas.get(kind);
    }

    /** What the schema says about the key at {@code path}; empty when Fabric does not know that key. */
    public Optional<KeyInfo> keyInfo(FileKind kind, List<String> path) {
        if (path.isEmpty()) {
            return Optional.empty();
        }
        JsonNode root = schemas.get(kind);
        JsonNode node = root;
        List<String> canonical = new ArrayList<>();
        String name = null;
        for (String segment : path) {
            Step step = step(root, node, segment);
            if (step == null) {
                return Optional.empty();
            }
            node = step.node;
            name = step.name;
            canonical.add(step.name);
        }
        return Optional.of(info(name, canonical, node));
    }

    /**
     * The keys the schema declares directly under {@code path} (an empty path means the top level), in
     * the schema's (Fabric's documentation) order. Entries of open maps are user-chosen and not listed.
     */
    public List<KeyInfo> children(FileKind kind, List<String> path) {
        JsonNode root = schemas.get(kind);
        JsonNode node = resolve(root, root);
        List<String> canonical = new ArrayList<>();
        for (String segment : path) {
            Step step = step(root, node, segment);
            if (step == null) {
                return List.of();
            }
            node = step.node;
            canonical.add(step.name);
        }
        if (isArray(node) && node.has("items")) {
            node = resolve(root, node.get("items"));
        }
        JsonNode properties = node.get("properties");
        if (properties == null) {
            return List.of();
        }
        List<KeyInfo> children = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            List<String> childPath = new ArrayList<>(canonical);
            childPath.add(e.getKey());
            children.add(info(e.getKey(), childPath, resolve(root, e.getValue())));
        }
        return children;
    }

    private record Step(String name, JsonNode node) {}

    private static Step step(JsonNode root, JsonNode current, String segment) {
        JsonNode node = resolve(root, current);
        boolean listIndex = segment.equals("[]") || (!segment.isEmpty() && segment.chars().allMatch(Character::isDigit));
        if (listIndex && isArray(node) && node.has("items")) {
            return new Step("[]", resolve(root, node.get("items")));
        }
        JsonNode properties = node.get("properties");
        if (properties != null) {
            String wanted = segment.toLowerCase(Locale.ROOT);
            for (Iterator<String> it = properties.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (key.toLowerCase(Locale.ROOT).equals(wanted)) {
                    return new Step(key, resolve(root, properties.get(key)));
                }
            }
        }
        JsonNode additional = node.get("additionalProperties");
        if (additional != null && additional.isObject()) {
            return new Step(segment, resolve(root, additional));
        }
        if (additional != null && additional.asBoolean(false)) {
            // sections Fabric decodes leniently (Consensus, BCCSP): any key is accepted, nothing is known about it
            return new Step(segment, JsonNodeFactory.instance.objectNode());
        }
        return null;
    }

    /** Follows {@code $ref}; the referring node's own title/description win over the definition's. */
    private static JsonNode resolve(JsonNode root, JsonNode node) {
        JsonNode ref = node.get("$ref");
        if (ref == null || !ref.isTextual()) {
            return node;
        }
        JsonNode target = resolve(root, root.at(ref.asText().substring(1)));
        if (target.isMissingNode()) {
            throw new IllegalStateException("dangling $ref " + ref.asText());
        }
        ObjectNode merged = ((ObjectNode) target).deepCopy();
        node.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("$ref")) {
                merged.set(e.getKey(), e.getValue());
            }
        });
        return merged;
    }

    private static boolean isArray(JsonNode node) {
        return types(node).contains("array");
    }

    private static List<String> types(JsonNode node) {
        JsonNode type = node.get("type");
        List<String> types = new ArrayList<>();
        if (type == null) {
            return types;
        }
        if (type.isArray()) {
            type.forEach(t -> types.add(t.asText()));
        } else {
            types.add(type.asText());
        }
        return types;
    }

    private static KeyInfo info(String name, List<String> path, JsonNode node) {
        List<String> enumValues = new ArrayList<>();
        JsonNode en = node.get("enum");
        if (en != null) {
            en.forEach(v -> {
                if (!v.isNull()) {
                    enumValues.add(v.asText());
                }
            });
        }
        JsonNode def = node.get("default");
        String defaultValue = def == null || def.isNull() ? null : def.isTextual() ? def.asText() : def.toString();
        JsonNode additional = node.get("additionalProperties");
        String deprecation = text(node, "deprecationMessage");
        return new KeyInfo(name, path, text(node, "title"), text(node, "description"), types(node), defaultValue,
                enumValues, text(node, "x-fabric-format"), text(node, "x-fabric-goType"), deprecation,
                text(node, "x-fabric-removedIn"), text(node, "x-fabric-addedIn"), additional != null && additional.isObject());
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
