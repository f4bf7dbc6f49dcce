package io.raftlens.config.validate.configtx;

import io.raftlens.config.validate.Rule;
import java.util.List;

/** Every configtx.yaml rule, in the order they run. */
public final class ConfigtxRules {

    private static final List<Rule> ALL = List.of();

    private ConfigtxRules() {
    }

    public static List<Rule> all() {
        return ALL;
    }
}
