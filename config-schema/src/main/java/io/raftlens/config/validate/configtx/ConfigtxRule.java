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
        Set<Place> seen = new HashSet<>();
        Set<Place> reported = new HashSet<>();
        DiagnosticSink once = d -> {
            Place anySeverity = new Place(d.range().start().offset(), d.range().end().offset(), null);
            // a hint on an unused definition adds nothing where a profile's use of it was reported already
            if (d.severity() == Severity.HINT && reported.contains(anySeverity)) {
                return;
            }
            if (seen.add(new Place(d.range().start().offset(), d.range().end().offset(), d.severity()))) {
                reported.add(anySeverity);
                sink.report(d);
            }
        };
        check(model.get(), context, once);
    }

    protected abstract void check(Configtx configtx, RuleContext context, DiagnosticSink sink);

    /** Where and how severe a finding is: one finding per place and severity. */
    private record Place(int start, int end, Severity severity) {}

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

    /**
     * Whether findings about this organization only matter to {@code configtxgen -printOrg}: a top-level
     * definition that no profile encodes as it stands (profiles merge it with {@code <<: *Org} and add to it,
     * or do not use it). configtxgen encodes only the chosen profile, so such findings are hints.
     */
    static boolean unusedDefinition(Configtx configtx, OrgInScope o) {
        return o.role().equals("definition") && !configtx.profiles().isEmpty();
    }

    /** The severity of a finding about an organization: a hint for an {@link #unusedDefinition unused definition}. */
    static Severity orgSeverity(Configtx configtx, OrgInScope o, Severity normal) {
        return unusedDefinition(configtx, o) ? Severity.HINT : normal;
    }

    /** Appended to findings on an unused definition, so the hint says why it is only a hint. */
    static String orgNote(Configtx configtx, OrgInScope o) {
        return unusedDefinition(configtx, o) ? " (no profile encodes this definition as it stands; configtxgen -printOrg "
                + o.org().label() + " would fail)" : "";
    }

    /**
     * Fabric's name of the config group an organization is encoded as, as its encoder words it in
     * "error adding policies to …": orderer org group 'X', consortiums org group 'X', application org group X.
     * A definition is encoded by {@code configtxgen -printOrg}: as an orderer org when it has OrdererEndpoints.
     */
    static String orgGroup(OrgInScope o) {
        String label = o.org().label();
        return switch (o.role()) {
            case "orderer" -> "orderer org group '" + label + "'";
            case "consortium" -> "consortiums org group '" + label + "'";
            case "application" -> "application org group " + label;
            default -> o.org().hasOrdererEndpointsKey() ? "orderer org group '" + label + "'" : "application org group " + label;
        };
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
