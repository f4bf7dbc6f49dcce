package io.raftlens.config.validate.orderer;

import io.raftlens.config.fabric.FileKind;
import io.raftlens.config.model.orderer.OrdererYaml;
import io.raftlens.config.schema.KeyInfo;
import io.raftlens.config.schema.SchemaCatalog;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;
import io.raftlens.config.value.EditDistance;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** ORD001: a key the orderer's configuration struct does not have; the orderer refuses to start. */
final class UnknownKeyRule extends OrdererRule {

    UnknownKeyRule() {
        super("ORD001", Severity.ERROR, "Unknown orderer.yaml key",
                "A key that orderer.yaml does not have (keys match case-insensitively). The orderer decodes the file "
                        + "with unknown keys forbidden and exits at start with \"Error unmarshalling config into struct: "
                        + "'<section>' has invalid keys: <key>\". Consensus and General.BCCSP are read leniently and never "
                        + "checked. A key without a value is dropped by the orderer's config parser before the check, so it is "
                        + "not reported.");
    }

    @Override
    void check(RuleContext context, OrdererYaml model, DiagnosticSink sink) {
        KeyWalker.walk(model.root().orElseThrow(), (path, entry, info) -> {
            if (info.isPresent()) {
                return true;
            }
            if (KeyWalker.droppedByFabric(path, entry)) {
                return false; // a key without a value never reaches Fabric's unknown-key check
            }
            String key = path.get(path.size() - 1);
            String parent = KeyWalker.parentName(path);
            String where = parent.isEmpty() ? "at the top level" : "in " + parent;
            String suggestion = suggest(path).map(s -> " (did you mean " + s + "?)").orElse("");
            report(sink, keyRange(entry), "unknown key '" + key + "' " + where + suggestion
                    + "; the orderer fails at start: '" + parent + "' has invalid keys: " + key);
            return false;
        });
    }

    /** The closest known key under the same parent, if it is close enough to be a typo. */
    private static Optional<String> suggest(List<String> path) {
        String key = path.get(path.size() - 1).toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (KeyInfo sibling : SchemaCatalog.standard().children(FileKind.ORDERER, path.subList(0, path.size() - 1))) {
            if (sibling.removedIn() != null) {
                continue;
            }
            int d = EditDistance.between(key, sibling.name().toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = sibling.name();
            }
        }
        return best != null && bestDistance <= Math.max(2, key.length() / 4) ? Optional.of(best) : Optional.empty();
    }

}
