package io.raftlens.config.validate.configtx;

import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.model.configtx.OrdererSection;
import io.raftlens.config.model.configtx.Profile;
import io.raftlens.config.validate.AbstractRule;
import io.raftlens.config.validate.Diagnostic;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Base of configtx.yaml rules: runs on the typed model when the YAML is well-formed (a file cut short by
 * a syntax error would produce misleading "missing" findings), and reports each place once even when
 * it is reached through several profiles (a value in &OrdererDefaults is part of every profile).
 */
abstract class ConfigtxRule extends AbstractRule {

    ConfigtxRule(String code, Severity severity, String title, String description) {
        super(code, severity, title, description);
    }

    @Override
    public final void check(RuleContext context, DiagnosticSink sink) {
        if (context.yaml().hasSyntaxErrors()) {
            return;
        }
        Optional<Configtx> model = context.model(Configtx.class);
        if (model.isEmpty()) {
            return;
        }
        Set<String> seen = new HashSet<>();
        DiagnosticSink once = d -> {
            if (seen.add(d.range().start().offset() + ":" + d.range().end().offset() + ":" + d.severity())) {
                sink.report(d);
            }
        };
        check(model.get(), context, once);
    }

    protected abstract void check(Configtx configtx, RuleContext context, DiagnosticSink sink);

    /** The profiles checked in depth: all of them, or only the one chosen with --profile. */
    static List<Profile> profiles(Configtx configtx, RuleContext context) {
        Optional<String> chosen = context.profile();
        if (chosen.isEmpty()) {
            return configtx.profiles();
        }
        return configtx.profile(chosen.get()).map(List::of).orElse(List.of());
    }

    /** An Orderer section with the profile it belongs to (empty for the top-level defaults). */
    record OrdererInScope(OrdererSection orderer, Optional<Profile> profile) {
        String where() {
            return profile.map(p -> "profile " + p.name()).orElse("the Orderer defaults");
        }
    }

    /** Orderer sections to check: each profile's, and the top-level defaults unless --profile narrows the run. */
    static List<OrdererInScope> orderers(Configtx configtx, RuleContext context) {
        return context.shared(OrdererInScope.class, () -> computeOrderers(configtx, context));
    }

    private static List<OrdererInScope> computeOrderers(Configtx configtx, RuleContext context) {
        List<OrdererInScope> out = new ArrayList<>();
        for (Profile p : profiles(configtx, context)) {
            p.orderer().ifPresent(o -> out.add(new OrdererInScope(o, Optional.of(p))));
        }
        if (context.profile().isEmpty()) {
            configtx.ordererDefaults().ifPresent(o -> out.add(new OrdererInScope(o, Optional.empty())));
        }
        return out;
    }

    /** An organization with where it is used: "orderer", "application", "consortium" or "definition" (top-level list). */
    record OrgInScope(io.raftlens.config.model.configtx.Organization org, String role, Optional<Profile> profile) {}

    /** Every organization in scope: the top-level definitions (unless --profile) and each profile's orderer, application and consortium orgs. */
    static List<OrgInScope> organizations(Configtx configtx, RuleContext context) {
        return context.shared(OrgInScope.class, () -> computeOrganizations(configtx, context));
    }

    /** Each organization once: an anchored org used by many profiles is one bound struct (first use wins). */
    private static List<OrgInScope> computeOrganizations(Configtx configtx, RuleContext context) {
        List<OrgInScope> out = new ArrayList<>();
        Set<Object> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        java.util.function.BiConsumer<io.raftlens.config.model.configtx.Organization, OrgInScope> add = (org, use) -> {
            if (seen.add(org.bound())) {
                out.add(use);
            }
        };
        for (Profile p : profiles(configtx, context)) {
            p.orderer().ifPresent(o -> o.organizations().forEach(org -> add.accept(org, new OrgInScope(org, "orderer", Optional.of(p)))));
            p.application().ifPresent(a -> a.organizations().forEach(org -> add.accept(org, new OrgInScope(org, "application", Optional.of(p)))));
            p.consortiumOrganizations().forEach(org -> add.accept(org, new OrgInScope(org, "consortium", Optional.of(p))));
        }
        if (context.profile().isEmpty()) {
            configtx.organizations().forEach(o -> add.accept(o, new OrgInScope(o, "definition", Optional.empty())));
        }
        return out;
    }

    /** True when the --profile run names this profile: problems that make it unusable become errors. */
    static boolean chosen(RuleContext context, Profile profile) {
        return context.profile().map(profile.name()::equals).orElse(false);
    }

    /** Whether the channel capability V3_0 is enabled in the profile. */
    static boolean v3Channel(Profile profile) {
        return profile.capabilities().enabled("V3_0");
    }

    static Diagnostic.Related related(io.raftlens.config.yaml.Range range, String message) {
        return new Diagnostic.Related(null, range, message);
    }
}
