package io.raftlens.lsp.features.actions;

import io.raftlens.config.yaml.YamlEntry;
import io.raftlens.config.yaml.YamlMapping;
import io.raftlens.config.yaml.YamlScalar;
import io.raftlens.lsp.documents.NodeLocator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;

/**
 * CTX012: adds the missing Readers/Writers/Admins/BlockValidation policy the way Fabric's samples write
 * it: ImplicitMeta rules in channel, orderer and application groups; signature rules on the
 * organization's MSP ID in an organization.
 */
final class MissingPolicyFix implements CodeActionParticipant {

    private static final Pattern MISSING = Pattern.compile("^(.*?) has no (Readers|Writers|Admins|BlockValidation) policy");

    @Override
    public void actions(CodeActionRequest request, List<CodeAction> out) {
        Matcher m = MISSING.matcher(request.message());
        if (!request.code().equals("CTX012") || !m.find()) {
            return;
        }
        String name = m.group(2);
        boolean organization = m.group(1).startsWith("organization ");
        request.node().filter(n -> n.onKey() && n.entry().value() instanceof YamlMapping p && !p.entries().isEmpty())
                .ifPresent(n -> {
                    YamlMapping policies = (YamlMapping) n.entry().value();
                    Optional<String> mspId = organization ? mspId(n.parent()) : Optional.empty();
                    if (organization && mspId.isEmpty()) {
                        return;
                    }
                    YamlEntry first = policies.ownEntries().isEmpty() ? policies.entries().get(0) : policies.ownEntries().get(0);
                    YamlEntry last = policies.ownEntries().isEmpty() ? first : policies.ownEntries().get(policies.ownEntries().size() - 1);
                    int column = first.key().range().start().column();
                    io.raftlens.config.yaml.Position end = last.value().range().end();
                    int line = end.column() == 0 ? end.line() : end.line() + 1;
                    String i0 = " ".repeat(column);
                    String i1 = " ".repeat(column + 2);
                    String type = organization ? "Signature" : "ImplicitMeta";
                    String rule = organization ? "OR('" + mspId.get() + "." + (name.equals("Admins") ? "admin" : "member") + "')"
                            : implicitMeta(name);
                    String text = i0 + name + ":\n" + i1 + "Type: " + type + "\n" + i1 + "Rule: \"" + rule + "\"\n";
                    out.add(request.fix("Add the " + name + " policy (" + type + " \"" + rule + "\")", true,
                            List.of(new TextEdit(new Range(new Position(line, 0), new Position(line, 0)), text))));
                });
    }

    private static String implicitMeta(String name) {
        return switch (name) {
            case "Admins" -> "MAJORITY Admins";
            case "BlockValidation" -> "ANY Writers";
            default -> "ANY " + name;
        };
    }

    private static Optional<String> mspId(YamlMapping org) {
        return org == null ? Optional.empty() : NodeLocator.entry(org, "ID").map(YamlEntry::value)
                .filter(YamlScalar.class::isInstance).map(v -> ((YamlScalar) v).value());
    }
}
