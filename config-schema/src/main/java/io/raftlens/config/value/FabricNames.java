package io.raftlens.config.value;

import java.util.Optional;
import java.util.regex.Pattern;

/** Fabric's name rules for channel IDs and config group keys, with Fabric's error strings. */
public final class FabricNames {

    private static final Pattern CHANNEL = Pattern.compile("[a-z][a-z0-9.-]*");
    private static final Pattern CONFIG_ID = Pattern.compile("[a-zA-Z0-9.-]+");
    private static final int MAX_LENGTH = 249;

    private FabricNames() {
    }

    /** The error Fabric gives for this channel ID ({@code common/configtx/validator.go}), if any. */
    public static Optional<String> channelIdError(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.of("channel ID illegal, cannot be empty");
        }
        if (id.length() > MAX_LENGTH) {
            return Optional.of("channel ID illegal, cannot be longer than " + MAX_LENGTH);
        }
        if (!CHANNEL.matcher(id).matches()) {
            return Optional.of("'" + id + "' contains illegal characters");
        }
        return Optional.empty();
    }

    /** The error Fabric gives for a config group key such as an organization Name ({@code validateConfigID}), if any. */
    public static Optional<String> configIdError(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.of("config ID illegal, cannot be empty");
        }
        if (id.length() > MAX_LENGTH) {
            return Optional.of("config ID illegal, cannot be longer than " + MAX_LENGTH);
        }
        if (id.equals(".") || id.equals("..")) {
            return Optional.of("config ID '" + id + "' is invalid");
        }
        if (!CONFIG_ID.matcher(id).matches()) {
            return Optional.of("config ID '" + id + "' contains illegal characters");
        }
        return Optional.empty();
    }
}
