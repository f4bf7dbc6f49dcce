package io.raftlens.config.validator;

import io.raftlens.config.validate.RuleInfo;
import io.raftlens.config.validate.Severity;
import java.util.List;

/** Codes the facade reports itself, before or around the rules. */
final class FacadeCodes {

    static final RuleInfo UNKNOWN_KIND = new RuleInfo("FILE001", Severity.ERROR,
            "Not a configtx.yaml or orderer.yaml",
            "The file kind could not be told from a '# raftlens: configtx|orderer' modeline, the file name "
                    + "(configtx*.yaml, orderer*.yaml) or the top-level keys (Profiles/Organizations, General/FileLedger/Consensus).");
    static final RuleInfo UNREADABLE = new RuleInfo("FILE002", Severity.ERROR,
            "File cannot be read as a configuration",
            "The file is binary, not UTF-8 text, or larger than RaftLens reads; configtxgen and the orderer would fail to parse it too.");
    static final RuleInfo INTERNAL = new RuleInfo("INTERNAL", Severity.WARNING,
            "Internal error in a rule",
            "A RaftLens rule failed on this file. The other rules still ran; the file may have problems that were not checked. Please report it.");

    static final List<RuleInfo> ALL = List.of(UNKNOWN_KIND, UNREADABLE, INTERNAL);

    private FacadeCodes() {
    }
}
