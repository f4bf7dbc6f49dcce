package io.raftlens.config.validate.configtx;

import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.model.configtx.Policy;
import io.raftlens.config.model.configtx.Profile;
import io.raftlens.config.validate.RuleContext;
import java.util.ArrayList;
import java.util.List;

/** Every policy in scope: top-level sections and organizations, and each profile's groups. */
final class PolicyScope {

    private PolicyScope() {
    }

    static List<Policy> all(Configtx configtx, RuleContext context) {
        return context.shared(PolicyScope.class, () -> compute(configtx, context));
    }

    /** Each written policy once (policies inherited by many profiles are one place in the file). */
    private static List<Policy> compute(Configtx configtx, RuleContext context) {
        List<Policy> out = new ArrayList<>();
        if (context.profile().isEmpty()) {
            configtx.channelDefaults().ifPresent(c -> out.addAll(c.policies().all()));
            configtx.ordererDefaults().ifPresent(o -> out.addAll(o.policies().all()));
            configtx.applicationDefaults().ifPresent(a -> out.addAll(a.policies().all()));
        }
        for (Profile p : ConfigtxRule.profiles(configtx, context)) {
            out.addAll(p.policies().all());
            p.orderer().ifPresent(o -> out.addAll(o.policies().all()));
            p.application().ifPresent(a -> out.addAll(a.policies().all()));
        }
        ConfigtxRule.organizations(configtx, context).forEach(o -> out.addAll(o.org().policies().all()));
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        return out.stream().filter(p -> seen.add(p.range().start().offset())).toList();
    }
}
