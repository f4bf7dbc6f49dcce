package io.raftlens.config.validate.configtx;

import io.raftlens.config.model.Sourced;
import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.model.configtx.Profile;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;
import java.util.List;

/** CTX006: global Orderer.Addresses are forbidden with the V3_0 channel capability. */
final class GlobalAddressesRule extends ConfigtxRule {

    GlobalAddressesRule() {
        super("CTX006", Severity.ERROR, "Global orderer Addresses with V3_0",
                "With the V3_0 channel capability orderer endpoints must be given per organization (OrdererEndpoints). "
                        + "configtxgen fails with \"global orderer endpoints exist, but can not be used with V3_0 capability: %v\"; "
                        + "the orderer with \"global OrdererAddresses are not allowed with V3_0 capability, use org specific addresses only\".");
    }

    @Override
    protected void check(Configtx configtx, RuleContext context, DiagnosticSink sink) {
        for (Profile p : profiles(configtx, context)) {
            if (!v3Channel(p)) {
                continue;
            }
            p.orderer().ifPresent(o -> {
                List<Sourced<String>> addresses = o.addresses();
                if (!addresses.isEmpty()) {
                    report(sink, o.addressesKeyRange(), "profile " + p.name() + " enables the V3_0 channel capability, which forbids "
                            + "global Orderer.Addresses: configtxgen fails with \"global orderer endpoints exist, but can not be used with "
                            + "V3_0 capability: " + addresses.stream().map(Sourced::value).toList().toString().replace(",", "")
                            + "\"; move them to each orderer organization's OrdererEndpoints");
                }
            });
        }
    }
}
