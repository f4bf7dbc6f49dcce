package io.raftlens.lsp.features.completion;

import io.raftlens.config.fabric.FabricVersion;
import io.raftlens.config.schema.KeyInfo;
import io.raftlens.config.yaml.Inheritance;
import io.raftlens.config.yaml.YamlEntry;
import io.raftlens.config.yaml.YamlMapping;
import io.raftlens.config.yaml.YamlNode;
import io.raftlens.lsp.documents.CursorContext;
import io.raftlens.lsp.documents.NodeLocator;
import io.raftlens.lsp.features.FabricKeys;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.CompletionItemTag;
import org.eclipse.lsp4j.InsertTextFormat;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * Keys Fabric accepts at the cursor: keys already written there are left out, keys removed in the
 * configured Fabric release are never offered, and keys inherited through {@code <<} are offered last,
 * as overrides.
 */
final class KeyCompletion implements CompletionParticipant {

    @Override
    public void complete(CompletionRequest request, List<CompletionItem> out) {
        CursorContext ctx = request.context();
        if (ctx.kind() != CursorContext.Kind.KEY) {
            return;
        }
        List<KeyInfo> children = FabricKeys.children(request.kind(), ctx.parentPath());
        if (children.isEmpty()) {
            return;
        }
        Set<String> written = new HashSet<>();
        Map<String, Inheritance> inherited = new HashMap<>();
        Optional<YamlNode> here = NodeLocator.byPath(request.model(), ctx.parentPath(), ctx.line());
        if (here.isPresent() && here.get() instanceof YamlMapping m) {
            for (YamlEntry e : m.entries()) {
                if (e.keyText() == null || e.key().range().start().line() == ctx.line()) {
                    continue; // the key being typed
                }
                String k = e.keyText().toLowerCase(Locale.ROOT);
                if (e.isInherited()) {
                    inherited.put(k, e.inherited().get());
                } else {
                    written.add(k);
                }
            }
        }
        int rank = 0;
        FabricVersion version = request.fabricVersion(); // once: it looks at the modeline and the capabilities
        for (KeyInfo info : children) {
            rank++;
            String k = info.name().toLowerCase(Locale.ROOT);
            if (written.contains(k) || !info.existsIn(version)) {
                continue;
            }
            CompletionItem item = new CompletionItem(info.name());
            item.setKind(info.isSection() ? CompletionItemKind.Module : CompletionItemKind.Property);
            item.setDetail(detail(info, inherited.get(k)));
            if (info.description() != null) {
                item.setDocumentation(new MarkupContent(MarkupKind.MARKDOWN, info.description()));
            }
            if (info.isDeprecated()) {
                item.setTags(List.of(CompletionItemTag.Deprecated));
            }
            item.setInsertTextFormat(InsertTextFormat.Snippet);
            item.setTextEdit(Either.forLeft(new TextEdit(request.typedRange(), insertion(info, ctx.column()))));
            item.setSortText((inherited.containsKey(k) ? "1" : "0") + String.format("%03d", rank));
            out.add(item);
        }
    }

    private static String detail(KeyInfo info, Inheritance inherited) {
        StringBuilder b = new StringBuilder(String.join("|", info.types()));
        if (info.format() != null) {
            b.append(" (").append(info.format()).append(')');
        }
        if (info.defaultValue() != null) {
            b.append(" · default ").append(info.defaultValue());
        }
        if (inherited != null) {
            b.append(" · overrides the value ").append(inherited.describe());
        }
        return b.toString();
    }

    static String insertion(KeyInfo info, int column) {
        String name = info.name();
        if (info.types().contains("object") && !info.types().contains("string")) {
            return name + ":\n" + CompletionRequest.spaces(column + 2) + "$0";
        }
        if (info.types().contains("array")) {
            return name + ":\n" + CompletionRequest.spaces(column + 2) + "- $0";
        }
        if (!info.enumValues().isEmpty()) {
            return name + ": ${1|" + String.join(",", info.enumValues().stream()
                    .map(v -> v.replace(",", "\\,").replace("|", "\\|")).toList()) + "|}";
        }
        if (info.defaultValue() != null) {
            return name + ": ${1:" + CompletionRequest.snippetText(info.defaultValue()) + "}";
        }
        if (info.types().contains("boolean")) {
            return name + ": ${1|true,false|}";
        }
        return name + ": $0";
    }
}
