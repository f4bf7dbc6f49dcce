package io.raftlens.config.validate.configtx;

import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;

/** CTX027: the profile chosen with --profile must exist (names are case-sensitive). */
final class ProfileExistsRule extends ConfigtxRule {

    ProfileExistsRule() {
        super("CTX027", Severity.ERROR, "Chosen profile not found",
                "The profile given with --profile (or configtxgen -profile) is not in the file; profile names are case-sensitive. "
                        + "configtxgen panics with \"Could not find profile: %s\".");
    }

    @Override
    protected void check(Configtx configtx, RuleContext context, DiagnosticSink sink) {
        context.profile().filter(name -> configtx.profile(name).isEmpty()).ifPresent(name -> {
            String known = configtx.profileNames().isEmpty() ? "the file has no profiles"
                    : "profiles: " + String.join(", ", configtx.profileNames());
            report(sink, configtx.profilesKeyRange(), "profile " + name + " is not defined (" + known
                    + "): configtxgen panics with \"Could not find profile: " + name + "\"");
        });
    }
}
