package io.raftlens.lsp.features.completion;

import io.raftlens.config.yaml.YamlMapping;
import io.raftlens.lsp.documents.CursorContext;
import io.raftlens.lsp.documents.NodeLocator;
import java.util.List;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.InsertTextFormat;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/** An EtcdRaft {@code Options} block with configtxgen's defaults, offered where EtcdRaft has none yet. */
final class OptionsSnippet implements CompletionParticipant {

    @Override
    public void complete(CompletionRequest request, List<CompletionItem> out) {
        CursorContext ctx = request.context();
        List<String> path = ctx.parentPath();
        if (ctx.kind() != CursorContext.Kind.KEY || path.isEmpty() || !path.get(path.size() - 1).equalsIgnoreCase("EtcdRaft")) {
            return;
        }
        boolean hasOptions = NodeLocator.byPath(request.model(), path, ctx.line())
                .filter(YamlMapping.class::isInstance)
                .flatMap(m -> NodeLocator.entry((YamlMapping) m, "Options"))
                .filter(e -> !e.isInherited() && e.key().range().start().line() != ctx.line())
                .isPresent();
        if (hasOptions) {
            return;
        }
        String i = CompletionRequest.spaces(ctx.column() + 2);
        String text = "Options:\n"
                + i + "TickInterval: ${1:500ms}\n"
                + i + "ElectionTick: ${2:10}\n"
                + i + "HeartbeatTick: ${3:1}\n"
                + i + "MaxInflightBlocks: ${4:5}\n"
                + i + "SnapshotIntervalSize: ${5:16 MB}$0";
        CompletionItem item = new CompletionItem("Options block (Fabric defaults)");
        item.setKind(CompletionItemKind.Snippet);
        item.setDetail("TickInterval 500ms, ElectionTick 10, HeartbeatTick 1, MaxInflightBlocks 5, SnapshotIntervalSize 16 MB");
        item.setInsertTextFormat(InsertTextFormat.Snippet);
        item.setFilterText(ctx.prefix().isEmpty() ? "Options" : ctx.prefix());
        item.setTextEdit(Either.forLeft(new TextEdit(request.typedRange(), text)));
        out.add(item);
    }
}
