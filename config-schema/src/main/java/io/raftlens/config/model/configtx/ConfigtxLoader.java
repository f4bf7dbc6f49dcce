package io.raftlens.config.model.configtx;

import io.raftlens.config.validate.SourceFile;

/** Builds the typed configtx.yaml view. */
public final class ConfigtxLoader {

    private ConfigtxLoader() {
    }

    public static Object fromSource(SourceFile source) {
        return null;
    }
}
