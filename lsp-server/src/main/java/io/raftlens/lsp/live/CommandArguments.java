package io.raftlens.lsp.live;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.Position;

/**
 * The one JSON object argument of a live-network command: {@code {"uri":…, "profile":…, "channel":…,
 * "tick":"100ms", "opsBasePort":N, "controlPort":N, "position":{line,character}}} for launch, {@code {"uri":…, "node":ID_OR_HOST,
 * "to":ID_OR_HOST, "channel":…}} for node commands. Missing or mistyped values are clear errors.
 */
public final class CommandArguments {

    private static final Gson GSON = new Gson();

    private final String command;
    private final JsonObject json;

    private CommandArguments(String command, JsonObject json) {
        this.command = command;
        this.json = json;
    }

    /** The first argument of {@code workspace/executeCommand} (a JSON object; Gson tree or plain Java map). */
    public static CommandArguments of(String command, List<Object> arguments) {
        if (arguments == null || arguments.isEmpty()) {
            throw new IllegalArgumentException(command + " needs one JSON object argument, e.g. {\"uri\": \"file:///…/configtx.yaml\"}");
        }
        Object a = arguments.get(0);
        JsonElement tree = a instanceof JsonElement e ? e : GSON.toJsonTree(a);
        if (!tree.isJsonObject()) {
            throw new IllegalArgumentException(command + " needs a JSON object argument, got " + tree);
        }
        return new CommandArguments(command, tree.getAsJsonObject());
    }

    public String uri() {
        return string("uri").orElseThrow(() -> new IllegalArgumentException(command + ": \"uri\" (the configtx.yaml's document URI) is missing"));
    }

    public Optional<String> string(String key) {
        JsonElement e = json.get(key);
        if (e == null || e.isJsonNull()) {
            return Optional.empty();
        }
        if (!e.isJsonPrimitive()) {
            throw new IllegalArgumentException(command + ": \"" + key + "\" must be a string or number, got " + e);
        }
        String s = e.getAsString().trim();
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    public Optional<Integer> integer(String key) {
        Optional<String> s = string(key);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(s.get()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(command + ": \"" + key + "\" must be a whole number, got " + s.get());
        }
    }

    /** {@code "channel": "a"} or {@code "channels": ["a", "b=OtherProfile"]}; empty means the default channel. */
    public List<String> channels() {
        List<String> out = new ArrayList<>();
        for (String key : List.of("channel", "channels")) {
            JsonElement e = json.get(key);
            if (e == null || e.isJsonNull()) {
                continue;
            }
            if (e.isJsonArray()) {
                JsonArray arr = e.getAsJsonArray();
                arr.forEach(x -> out.add(x.getAsString().trim()));
            } else {
                out.add(e.getAsString().trim());
            }
        }
        return out;
    }

    /** A list of strings ({@code "logs": ["a.log", "b.log"]}; a single string is a list of one). */
    public List<String> strings(String key) {
        List<String> out = new ArrayList<>();
        JsonElement e = json.get(key);
        if (e == null || e.isJsonNull()) {
            return out;
        }
        if (e.isJsonArray()) {
            for (JsonElement x : e.getAsJsonArray()) {
                if (!x.isJsonPrimitive()) {
                    throw new IllegalArgumentException(command + ": \"" + key + "\" must be a list of strings, got " + e);
                }
                if (!x.getAsString().isBlank()) {
                    out.add(x.getAsString().trim());
                }
            }
        } else if (e.isJsonPrimitive()) {
            out.add(e.getAsString().trim());
        } else {
            throw new IllegalArgumentException(command + ": \"" + key + "\" must be a list of strings, got " + e);
        }
        return out;
    }

    /** An object of strings ({@code "endpoints": {"orderer1.example.com:7050": "http://127.0.0.1:9443"}}); missing: empty. */
    public java.util.Map<String, String> stringMap(String key) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        JsonElement e = json.get(key);
        if (e == null || e.isJsonNull()) {
            return out;
        }
        if (!e.isJsonObject()) {
            throw new IllegalArgumentException(command + ": \"" + key + "\" must be an object of strings, e.g. "
                    + "{\"orderer1.example.com:7050\": \"http://127.0.0.1:9443\"}, got " + e);
        }
        for (java.util.Map.Entry<String, JsonElement> x : e.getAsJsonObject().entrySet()) {
            if (!x.getValue().isJsonPrimitive()) {
                throw new IllegalArgumentException(command + ": \"" + key + "\" entry \"" + x.getKey() + "\" must be a string URL, got " + x.getValue());
            }
            out.put(x.getKey(), x.getValue().getAsString());
        }
        return out;
    }

    /** {@code true}/{@code false} (missing: {@code false}). */
    public boolean flag(String key) {
        JsonElement e = json.get(key);
        return e != null && e.isJsonPrimitive() && e.getAsString().trim().equalsIgnoreCase("true");
    }

    /** The cursor ({@code "position": {"line":L, "character":C}}), for choosing the profile under it. */
    public Optional<Position> position() {
        JsonElement e = json.get("position");
        if (e == null || !e.isJsonObject()) {
            return Optional.empty();
        }
        return Optional.of(GSON.fromJson(e, Position.class));
    }
}
