package io.raftlens.lsp.features.symbols;

import io.raftlens.config.yaml.YamlDocument;
import io.raftlens.config.yaml.YamlEntry;
import io.raftlens.config.yaml.YamlMapping;
import io.raftlens.config.yaml.YamlNode;
import io.raftlens.config.yaml.YamlScalar;
import io.raftlens.config.yaml.YamlSequence;
import io.raftlens.lsp.documents.DocumentModel;
import io.raftlens.lsp.documents.NodeLocator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.SymbolKind;

/**
 * The document's sections as written, list items named the way operators name them: organizations by
 * Name, consenters by Host:Port. Values reached through aliases are not expanded (they are shown as
 * {@code *Anchor}). Capped so a huge file cannot flood the client.
 */
final class OutlineSymbols implements SymbolParticipant {

    static final int MAX_SYMBOLS = 5_000;

    /** How many more symbols may be produced for this request. */
    private static final class Budget {
        private int left = MAX_SYMBOLS;

        boolean take() {
            return left-- > 0;
        }
    }

    @Override
    public void symbols(DocumentModel model, List<DocumentSymbol> out) {
        Budget budget = new Budget();
        for (YamlDocument doc : model.yaml().documents()) {
            doc.root().filter(YamlMapping.class::isInstance).ifPresent(root -> out.addAll(entries((YamlMapping) root, budget)));
        }
    }

    private List<DocumentSymbol> entries(YamlMapping m, Budget budget) {
        List<DocumentSymbol> out = new ArrayList<>();
        for (YamlEntry e : m.entries()) {
            if (e.isInherited() || e.keyText() == null || !budget.take()) {
                continue;
            }
            YamlNode v = e.value();
            io.raftlens.config.yaml.Range whole = new io.raftlens.config.yaml.Range(e.key().range().start(),
                    v.via().isPresent() ? v.via().get().range().end() : maxEnd(e.key().range(), v.range()));
            DocumentSymbol s = new DocumentSymbol(e.keyText(), kind(v), DocumentModel.lsp(whole), DocumentModel.lsp(e.key().range()));
            s.setDetail(detail(v));
            if (v.via().isEmpty()) {
                s.setChildren(children(v, budget));
            }
            out.add(s);
        }
        return out;
    }

    private List<DocumentSymbol> children(YamlNode v, Budget budget) {
        if (v instanceof YamlMapping m) {
            return entries(m, budget);
        }
        if (v instanceof YamlSequence s) {
            List<DocumentSymbol> items = new ArrayList<>();
            int i = 0;
            for (YamlNode item : s.items()) {
                if (!(item instanceof YamlMapping m) || !budget.take()) {
                    i++;
                    continue;
                }
                io.raftlens.config.yaml.Range r = item.via().map(a -> a.range()).orElse(item.range());
                DocumentSymbol sym = new DocumentSymbol(itemName(m, i), SymbolKind.Object, DocumentModel.lsp(r), DocumentModel.lsp(r));
                item.via().ifPresent(a -> sym.setDetail("*" + a.name()));
                if (item.via().isEmpty()) {
                    sym.setChildren(entries(m, budget));
                }
                items.add(sym);
                i++;
            }
            return items;
        }
        return List.of();
    }

    /** "Org1" (Name), "orderer1.example.com:7050" (Host:Port), or "[3]". */
    static String itemName(YamlMapping m, int index) {
        Optional<String> name = text(m, "Name");
        if (name.isPresent()) {
            return name.get();
        }
        Optional<String> host = text(m, "Host");
        if (host.isPresent()) {
            return host.get() + text(m, "Port").map(p -> ":" + p).orElse("");
        }
        return text(m, "ID").orElse("[" + index + "]");
    }

    private static Optional<String> text(YamlMapping m, String key) {
        return NodeLocator.entry(m, key).map(YamlEntry::value).filter(YamlScalar.class::isInstance)
                .map(v -> ((YamlScalar) v).value());
    }

    private static String detail(YamlNode v) {
        if (v.via().isPresent()) {
            return "*" + v.via().get().name();
        }
        String anchor = v.anchor().map(a -> "&" + a.name()).orElse("");
        if (v instanceof YamlScalar s) {
            return s.value();
        }
        return anchor;
    }

    private static SymbolKind kind(YamlNode v) {
        if (v instanceof YamlMapping) {
            return SymbolKind.Namespace;
        }
        if (v instanceof YamlSequence) {
            return SymbolKind.Array;
        }
        YamlScalar s = (YamlScalar) v;
        return switch (s.kind()) {
            case BOOL -> SymbolKind.Boolean;
            case INT, FLOAT -> SymbolKind.Number;
            case NULL -> SymbolKind.Null;
            default -> SymbolKind.String;
        };
    }

    private static io.raftlens.config.yaml.Position maxEnd(io.raftlens.config.yaml.Range a, io.raftlens.config.yaml.Range b) {
        return a.end().compareTo(b.end()) >= 0 ? a.end() : b.end();
    }
}
