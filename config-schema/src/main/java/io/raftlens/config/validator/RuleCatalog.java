package io.raftlens.config.validator;

import io.raftlens.config.fabric.FileKind;
import io.raftlens.config.fabric.SourceFile;
import io.raftlens.config.model.configtx.ConfigtxLoader;
import io.raftlens.config.model.orderer.OrdererYaml;
import io.raftlens.config.validate.Rule;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.RuleInfo;
import io.raftlens.config.validate.common.CommonRules;
import io.raftlens.config.validate.configtx.ConfigtxRules;
import io.raftlens.config.validate.orderer.OrdererRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/** The one place that says which rules and which typed model belong to each kind of file. */
public final class RuleCatalog {

    private RuleCatalog() {
    }

    /** Every rule that runs on a file of this kind, YAML-level rules first. */
    public static List<Rule> rules(FileKind kind) {
        List<Rule> rules = new ArrayList<>(CommonRules.all());
        rules.addAll(switch (kind) {
            case CONFIGTX -> ConfigtxRules.all();
            case ORDERER -> OrdererRules.all();
        });
        rules.add(CommonRules.missingFiles()); // after every rule that notes a missing file
        return rules;
    }

    /** Builds the typed model rules get from {@link RuleContext#model(Class)}. */
    public static Function<SourceFile, Object> modelFactory(FileKind kind) {
        return switch (kind) {
            case CONFIGTX -> ConfigtxLoader::fromSource;
            case ORDERER -> OrdererYaml::fromSource;
        };
    }

    /** Every code RaftLens can report, sorted by code, including the facade's own ones. */
    public static List<RuleInfo> all() {
        List<RuleInfo> infos = new ArrayList<>(FacadeCodes.ALL);
        for (FileKind kind : FileKind.values()) {
            for (Rule rule : rules(kind)) {
                if (infos.stream().noneMatch(i -> i.code().equals(rule.code()))) {
                    infos.add(rule.info());
                }
            }
        }
        infos.sort(Comparator.comparing(RuleInfo::code));
        return List.copyOf(infos);
    }
}
