package io.raftlens.config.validate;

import io.raftlens.config.validate.orderer.OrdererRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Runs the orderer.yaml rules (validate.orderer) until {@link RuleCatalog} lists them itself, which takes
 * two lines there: {@code case ORDERER -> OrdererRules.all();} in {@code rules} and
 * {@code case ORDERER -> OrdererYaml::fromSource;} in {@code modelFactory}. Once RuleCatalog has them
 * this class adds nothing and can be deleted; callers then use {@code new ConfigValidator(settings)}
 * and {@code ConfigValidator.rules()} directly.
 */
public final class OrdererRuleBridge {

    private OrdererRuleBridge() {}

    /** A validator that checks orderer.yaml files with the ORD rules as well. */
    public static ConfigValidator validator(ValidationSettings settings) {
        if (wired()) {
            return new ConfigValidator(settings);
        }
        return new ConfigValidator(settings, kind -> {
            List<Rule> rules = new ArrayList<>(RuleCatalog.rules(kind));
            if (kind == FileKind.ORDERER) {
                rules.addAll(OrdererRules.all());
            }
            return rules;
        });
    }

    /** {@link ConfigValidator#rules()} plus the ORD rules, sorted by code. */
    public static List<RuleInfo> rules() {
        List<RuleInfo> infos = new ArrayList<>(ConfigValidator.rules());
        if (!wired()) {
            OrdererRules.all().forEach(r -> infos.add(r.info()));
            infos.sort(Comparator.comparing(RuleInfo::code));
        }
        return List.copyOf(infos);
    }

    private static boolean wired() {
        return RuleCatalog.rules(FileKind.ORDERER).stream().anyMatch(r -> r.code().startsWith("ORD"));
    }
}
