package io.raftlens.config.validate.configtx;

import io.raftlens.config.fabric.FabricVersion;
import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.model.configtx.Profile;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;

/** CTX021: an application channel profile needs Orderer and Application sections. */
final class ProfileSectionsRule extends ConfigtxRule {

    ProfileSectionsRule() {
        super("CTX021", Severity.WARNING, "Profile without Orderer or Application",
                "With Fabric 3 every channel is created from a genesis block that has both sections, made with configtxgen "
                        + "-outputBlock, which refuses a profile without them: \"refusing to generate block which is missing orderer "
                        + "section\" or \"refusing to generate application channel block which is missing application section\". A "
                        + "profile without Orderer only serves -outputCreateChannelTx, a channel creation transaction for a system "
                        + "channel, which Fabric 3 does not have. A warning for other profiles in the file; an error for the profile "
                        + "chosen with --profile.");
    }

    @Override
    protected void check(Configtx configtx, RuleContext context, DiagnosticSink sink) {
        if (context.fabricVersion() != FabricVersion.V3) {
            return;
        }
        for (Profile p : profiles(configtx, context)) {
            Severity severity = chosen(context, p) ? Severity.ERROR : Severity.WARNING;
            if (p.orderer().isEmpty()) {
                report(sink, severity, p.keyRange(), "profile " + p.name() + " has no Orderer section: configtxgen -outputBlock "
                        + "refuses it with \"refusing to generate block which is missing orderer section\" (without an Orderer it "
                        + "only makes a channel creation transaction, -outputCreateChannelTx, for a system channel, which Fabric 3 "
                        + "does not have)");
            } else if (p.application().isEmpty() && !p.hasConsortiums()) {
                report(sink, severity, p.keyRange(), "profile " + p.name() + " has no Application section: configtxgen -outputBlock "
                        + "refuses it with \"refusing to generate application channel block which is missing application section\"");
            }
        }
    }
}
