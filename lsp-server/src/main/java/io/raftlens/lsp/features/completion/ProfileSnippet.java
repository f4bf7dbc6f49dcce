package io.raftlens.lsp.features.completion;

import io.raftlens.config.yaml.YamlEntry;
import io.raftlens.config.yaml.YamlMapping;
import io.raftlens.config.yaml.YamlNode;
import io.raftlens.config.yaml.YamlSequence;
import io.raftlens.lsp.documents.AnchorOccurrences;
import io.raftlens.lsp.documents.CursorContext;
import io.raftlens.lsp.documents.NodeLocator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.InsertTextFormat;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * "New profile" under {@code Profiles}: an application channel profile that merges the file's
 * Channel/Orderer/Application defaults and lists its organizations by their anchors.
 */
final class ProfileSnippet implements CompletionParticipant {

    @Override
    public void complete(CompletionRequest request, List<CompletionItem> out) {
        CursorContext ctx = request.context();
        if (ctx.kind() != CursorContext.Kind.KEY || ctx.parentPath().size() != 1
                || !ctx.parentPath().get(0).equalsIgnoreCase("Profiles")) {
            return;
        }
        List<String> anchors = AnchorOccurrences.of(request.model()).anchorNames();
        List<String> ordererOrgs = new ArrayList<>();
        List<String> appOrgs = new ArrayList<>();
        organizationAnchors(request, ordererOrgs, appOrgs);
        String i1 = CompletionRequest.spaces(ctx.column() + 2);
        String i2 = CompletionRequest.spaces(ctx.column() + 4);
        String i3 = CompletionRequest.spaces(ctx.column() + 6);
        StringBuilder b = new StringBuilder("${1:NewChannelProfile}:\n");
        find(anchors, "ChannelDefaults").ifPresent(a -> b.append(i1).append("<<: *").append(a).append('\n'));
        b.append(i1).append("Orderer:\n");
        find(anchors, "OrdererDefaults").ifPresent(a -> b.append(i2).append("<<: *").append(a).append('\n'));
        b.append(i2).append("Organizations:\n");
        for (String o : ordererOrgs.isEmpty() ? List.of("OrdererOrg") : ordererOrgs) {
            b.append(i3).append("- *").append(o).append('\n');
        }
        b.append(i1).append("Application:\n");
        find(anchors, "ApplicationDefaults").ifPresent(a -> b.append(i2).append("<<: *").append(a).append('\n'));
        b.append(i2).append("Organizations:\n");
        List<String> apps = appOrgs.isEmpty() ? List.of("Org1") : appOrgs;
        for (int i = 0; i < apps.size(); i++) {
            b.append(i3).append("- *").append(apps.get(i)).append(i == apps.size() - 1 ? "$0" : "\n");
        }
        CompletionItem item = new CompletionItem("New channel profile");
        item.setKind(CompletionItemKind.Snippet);
        item.setDetail("profile with Orderer and Application sections merging the file's defaults");
        item.setInsertTextFormat(InsertTextFormat.Snippet);
        item.setFilterText(ctx.prefix().isEmpty() ? "Profile" : ctx.prefix());
        item.setTextEdit(Either.forLeft(new TextEdit(request.typedRange(), b.toString())));
        out.add(item);
    }

    private static Optional<String> find(List<String> anchors, String suffix) {
        return anchors.stream().filter(a -> a.endsWith(suffix)).findFirst();
    }

    /** Anchored organizations: those with an OrdererEndpoints list (or "Orderer" in the name) are orderer orgs. */
    private static void organizationAnchors(CompletionRequest request, List<String> orderer, List<String> app) {
        Optional<YamlNode> orgs = request.model().root().flatMap(r -> NodeLocator.entry(r, "Organizations")).map(YamlEntry::value);
        if (orgs.isEmpty() || !(orgs.get() instanceof YamlSequence s)) {
            return;
        }
        for (YamlNode org : s.items()) {
            if (org.anchor().isEmpty() || !(org instanceof YamlMapping m)) {
                continue;
            }
            String name = org.anchor().get().name();
            boolean isOrderer = NodeLocator.entry(m, "OrdererEndpoints").isPresent() || name.toLowerCase().contains("orderer");
            (isOrderer ? orderer : app).add(name);
        }
    }
}
