package io.raftlens.lsp.features.completion;

import io.raftlens.config.schema.KeyInfo;
import io.raftlens.config.yaml.YamlEntry;
import io.raftlens.config.yaml.YamlMapping;
import io.raftlens.config.yaml.YamlNode;
import io.raftlens.config.yaml.YamlScalar;
import io.raftlens.config.yaml.YamlSequence;
import io.raftlens.lsp.documents.AnchorOccurrences;
import io.raftlens.lsp.documents.CursorContext;
import io.raftlens.lsp.documents.NodeLocator;
import io.raftlens.lsp.features.FabricKeys;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * Values for the key at the cursor: the schema's enums (OrdererType, policy Type, MetricsProvider …),
 * booleans, durations and byte sizes with Fabric's units, ImplicitMeta and signature rules, and
 * {@code *anchor} after a merge key.
 */
final class ValueCompletion implements CompletionParticipant {

    private static final Pattern DIGITS = Pattern.compile("^([0-9]+)");
    private static final List<String> DURATIONS = List.of("100ms", "250ms", "500ms", "1s", "2s", "5s", "10s", "30s", "1m");
    private static final List<String> SIZES = List.of("512 KB", "2 MB", "10 MB", "16 MB", "99 MB");
    private static final List<String> IMPLICIT_META = List.of("ANY Readers", "ANY Writers", "MAJORITY Admins",
            "ALL Readers", "ALL Writers", "ANY Admins", "MAJORITY Readers", "MAJORITY Writers", "ALL Admins");

    @Override
    public void complete(CompletionRequest request, List<CompletionItem> out) {
        CursorContext ctx = request.context();
        if (ctx.kind() != CursorContext.Kind.VALUE) {
            return;
        }
        if (ctx.key().equals("<<")) {
            for (String anchor : AnchorOccurrences.of(request.model()).anchorNames()) {
                add(request, out, "*" + anchor, CompletionItemKind.Reference, "merge the mapping anchored &" + anchor);
            }
            return;
        }
        List<String> path = new ArrayList<>(ctx.parentPath());
        path.add(ctx.key());
        Optional<KeyInfo> info = FabricKeys.info(request.kind(), path);
        if (info.isEmpty()) {
            return;
        }
        KeyInfo k = info.get();
        for (String v : k.enumValues()) {
            add(request, out, v, CompletionItemKind.EnumMember, v.equals(k.defaultValue()) ? "default" : null);
        }
        if (k.types().contains("boolean")) {
            add(request, out, "true", CompletionItemKind.Value, null);
            add(request, out, "false", CompletionItemKind.Value, null);
        }
        if (FabricKeys.isDuration(k)) {
            units(request, out, k, List.of("ms", "s", "m"), "", DURATIONS);
        } else if (FabricKeys.isByteSize(k)) {
            units(request, out, k, List.of("KB", "MB"), " ", SIZES);
        }
        if (k.name().equalsIgnoreCase("Rule")) {
            rules(request, out);
        }
    }

    /** "25" → 25ms, 25s, 25m; nothing typed → the default first, then common values. */
    private static void units(CompletionRequest request, List<CompletionItem> out, KeyInfo k, List<String> units,
                              String separator, List<String> common) {
        Matcher m = DIGITS.matcher(request.context().prefix());
        if (m.find()) {
            for (String unit : units) {
                add(request, out, m.group(1) + separator + unit, CompletionItemKind.Unit, null);
            }
            return;
        }
        Set<String> values = new LinkedHashSet<>();
        if (k.defaultValue() != null) {
            values.add(k.defaultValue());
        }
        values.addAll(common);
        for (String v : values) {
            add(request, out, v, CompletionItemKind.Value, v.equals(k.defaultValue()) ? "default" : null);
        }
    }

    /** Policy rules: ImplicitMeta rules, or signature rules naming the MSP IDs written in the file. */
    private static void rules(CompletionRequest request, List<CompletionItem> out) {
        String type = NodeLocator.byPath(request.model(), request.context().parentPath(), request.context().line())
                .filter(YamlMapping.class::isInstance).map(YamlMapping.class::cast)
                .flatMap(m -> NodeLocator.entry(m, "Type")).map(YamlEntry::value)
                .filter(YamlScalar.class::isInstance).map(v -> ((YamlScalar) v).value()).orElse("");
        if (type.equals("ImplicitMeta")) {
            for (String r : IMPLICIT_META) {
                add(request, out, "\"" + r + "\"", CompletionItemKind.Value, "ImplicitMeta rule");
            }
        } else if (type.equals("Signature")) {
            for (String msp : mspIds(request)) {
                for (String role : List.of("member", "admin", "peer", "client", "orderer")) {
                    add(request, out, "\"OR('" + msp + "." + role + "')\"", CompletionItemKind.Value, "signature rule");
                }
            }
        }
    }

    private static List<String> mspIds(CompletionRequest request) {
        Set<String> ids = new LinkedHashSet<>();
        // the organization the cursor is in first
        List<String> path = request.context().parentPath();
        int orgs = path.indexOf("[]");
        if (orgs > 0 && path.get(orgs - 1).toLowerCase(Locale.ROOT).equals("organizations")) {
            NodeLocator.byPath(request.model(), path.subList(0, orgs + 1), request.context().line())
                    .ifPresent(org -> id(org).ifPresent(ids::add));
        }
        request.model().root().flatMap(r -> NodeLocator.entry(r, "Organizations")).map(YamlEntry::value)
                .filter(YamlSequence.class::isInstance)
                .ifPresent(s -> ((YamlSequence) s).items().forEach(org -> id(org).ifPresent(ids::add)));
        return List.copyOf(ids);
    }

    private static Optional<String> id(YamlNode org) {
        return org instanceof YamlMapping m ? NodeLocator.entry(m, "ID").map(YamlEntry::value)
                .filter(YamlScalar.class::isInstance).map(v -> ((YamlScalar) v).value()) : Optional.empty();
    }

    private static void add(CompletionRequest request, List<CompletionItem> out, String value, CompletionItemKind kind,
                            String detail) {
        CompletionItem item = new CompletionItem(value);
        item.setKind(kind);
        item.setDetail(detail);
        item.setSortText(String.format("%03d", out.size()));
        item.setFilterText(value);
        item.setTextEdit(Either.forLeft(new TextEdit(request.typedRange(), value)));
        out.add(item);
    }
}
