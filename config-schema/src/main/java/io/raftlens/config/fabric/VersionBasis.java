package io.raftlens.config.fabric;

/** Why a file was validated with the release it was (the values of {@link ValidationResult#versionBasis()}). */
public final class VersionBasis {

    /** Given with --fabric-version (or the editor setting). */
    public static final String OPTION = "--fabric-version";
    /** A {@code # raftlens: configtx fabric=2.5} modeline. */
    public static final String MODELINE = "modeline";
    /** Nothing to infer from (no channel capabilities, or an orderer.yaml): the current release. */
    public static final String DEFAULT = "default";

    private VersionBasis() {
    }
}
