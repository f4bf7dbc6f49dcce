package io.raftlens.lsp.server;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.raftlens.config.fabric.FabricVersion;
import io.raftlens.lsp.features.LspSettings;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads settings from initializationOptions or didChangeConfiguration: either
 * {@code {"raftlens": {...}}} or the object itself, with {@code fabricVersion} ("auto", "2.5", "3"), {@code checkFiles},
 * {@code disabledRules} (["RAFT015"]), {@code profile} and {@code inlayHints} (true/false). Keys that are
 * absent keep their current value; a bad value is ignored with a warning.
 */
final class SettingsReader {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SettingsReader.class);

    private SettingsReader() {
    }

    static LspSettings read(Object raw, LspSettings current) {
        if (!(raw instanceof JsonElement element) || !element.isJsonObject()) {
            return current;
        }
        JsonObject o = element.getAsJsonObject();
        if (o.has("raftlens") && o.get("raftlens").isJsonObject()) {
            o = o.getAsJsonObject("raftlens");
        }
        FabricVersion version = current.fabricVersion();
        boolean infer = current.inferVersion();
        if (o.has("fabricVersion") && o.get("fabricVersion").isJsonPrimitive()) {
            String text = o.get("fabricVersion").getAsString();
            if (text.trim().equalsIgnoreCase("auto")) {
                infer = true;
                version = FabricVersion.V3;
            } else {
                Optional<FabricVersion> parsed = FabricVersion.parse(text);
                if (parsed.isPresent()) {
                    infer = false;
                    version = parsed.get();
                } else {
                    LOG.warn("setting fabricVersion '{}' is not a Fabric release RaftLens knows (auto, 2.5 or 3); keeping {}", text,
                            current.inferVersion() ? "auto" : current.fabricVersion().label());
                }
            }
        }
        boolean checkFiles = current.checkFiles();
        if (o.has("checkFiles") && o.get("checkFiles").isJsonPrimitive()) {
            checkFiles = o.get("checkFiles").getAsBoolean();
        }
        Set<String> disabled = current.disabledRules();
        if (o.has("disabledRules") && o.get("disabledRules").isJsonArray()) {
            Set<String> codes = new HashSet<>();
            JsonArray array = o.getAsJsonArray("disabledRules");
            array.forEach(e -> {
                if (e.isJsonPrimitive()) {
                    codes.add(e.getAsString().trim().toUpperCase(Locale.ROOT));
                }
            });
            disabled = codes;
        }
        String profile = current.profile();
        if (o.has("profile")) {
            profile = o.get("profile").isJsonNull() ? null : o.get("profile").getAsString();
        }
        boolean hints = current.inlayHints();
        if (o.has("inlayHints") && o.get("inlayHints").isJsonPrimitive()) {
            hints = o.get("inlayHints").getAsBoolean();
        }
        return new LspSettings(version, disabled, profile, hints, infer, checkFiles);
    }
}
