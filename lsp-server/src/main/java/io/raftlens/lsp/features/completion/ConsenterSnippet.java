package io.raftlens.lsp.features.completion;

import io.raftlens.config.yaml.YamlEntry;
import io.raftlens.config.yaml.YamlMapping;
import io.raftlens.config.yaml.YamlNode;
import io.raftlens.config.yaml.YamlScalar;
import io.raftlens.config.yaml.YamlSequence;
import io.raftlens.lsp.documents.CursorContext;
import io.raftlens.lsp.documents.NodeLocator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.InsertTextFormat;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * "New consenter" in an EtcdRaft {@code Consenters} list: the next host name after the last one
 * (orderer3 after orderer2), the next free port, and certificate paths written like the siblings' with
 * the new host.
 */
final class ConsenterSnippet implements CompletionParticipant {

    private static final Pattern NUMBERED = Pattern.compile("^([^0-9]*?)([0-9]+)(.*)$");

    /** A consenter as written: host, port and certificate paths. */
    record Sibling(String host, int port, String clientCert, String serverCert) {}

    @Override
    public void complete(CompletionRequest request, List<CompletionItem> out) {
        CursorContext ctx = request.context();
        if (ctx.kind() != CursorContext.Kind.KEY) {
            return;
        }
        List<String> path = ctx.parentPath();
        boolean inItem = ctx.listItem() && path.size() >= 2 && path.get(path.size() - 1).equals("[]")
                && isConsenters(path.get(path.size() - 2));
        boolean atList = !path.isEmpty() && isConsenters(path.get(path.size() - 1));
        if (!inItem && !atList) {
            return;
        }
        List<String> listPath = inItem ? path.subList(0, path.size() - 1) : path;
        List<Sibling> siblings = siblings(request, listPath);
        Sibling next = next(siblings);
        int column = ctx.column();
        String indent = CompletionRequest.spaces(inItem ? column : column + 2);
        String text = (inItem ? "" : "- ") + "Host: ${1:" + next.host() + "}\n"
                + indent + "Port: ${2:" + next.port() + "}\n"
                + indent + "ClientTLSCert: ${3:" + CompletionRequest.snippetText(next.clientCert()) + "}\n"
                + indent + "ServerTLSCert: ${4:" + CompletionRequest.snippetText(next.serverCert()) + "}$0";
        CompletionItem item = new CompletionItem("New consenter " + next.host() + ":" + next.port());
        item.setKind(CompletionItemKind.Snippet);
        item.setDetail("EtcdRaft consenter (next free port, certificate paths like its siblings')");
        item.setInsertTextFormat(InsertTextFormat.Snippet);
        item.setFilterText(ctx.prefix().isEmpty() ? "Host" : ctx.prefix());
        item.setSortText("000");
        item.setTextEdit(Either.forLeft(new TextEdit(request.typedRange(), text)));
        out.add(item);
    }

    private static boolean isConsenters(String key) {
        return key.toLowerCase(Locale.ROOT).equals("consenters");
    }

    private static List<Sibling> siblings(CompletionRequest request, List<String> listPath) {
        List<Sibling> found = new ArrayList<>();
        Optional<YamlNode> list = NodeLocator.byPath(request.model(), listPath, request.context().line());
        if (list.isPresent() && list.get() instanceof YamlSequence s) {
            for (YamlNode item : s.items()) {
                if (item instanceof YamlMapping m && item.range().start().line() != request.context().line()) {
                    String host = text(m, "Host");
                    if (host == null) {
                        continue;
                    }
                    int port;
                    try {
                        port = Integer.parseInt(String.valueOf(text(m, "Port")));
                    } catch (NumberFormatException e) {
                        port = 7050;
                    }
                    found.add(new Sibling(host, port, text(m, "ClientTLSCert"), text(m, "ServerTLSCert")));
                }
            }
        }
        return found;
    }

    static Sibling next(List<Sibling> siblings) {
        if (siblings.isEmpty()) {
            return new Sibling("orderer.example.com", 7050, "path/to/orderer.example.com/tls/server.crt",
                    "path/to/orderer.example.com/tls/server.crt");
        }
        Sibling last = siblings.get(siblings.size() - 1);
        int maxNumber = 0;
        for (Sibling s : siblings) {
            Matcher m = NUMBERED.matcher(s.host());
            if (m.matches()) {
                maxNumber = Math.max(maxNumber, Integer.parseInt(m.group(2)));
            }
        }
        Matcher m = NUMBERED.matcher(last.host());
        String host = m.matches() ? m.group(1) + (maxNumber + 1) + m.group(3)
                : last.host().replaceFirst("^([^.]+)", "$1" + (siblings.size() + 1));
        return new Sibling(host, nextPort(siblings), mirror(last.clientCert(), last.host(), host),
                mirror(last.serverCert(), last.host(), host));
    }

    /** One past the highest port in use, or the next step of an evenly spaced sequence (7050, 8050 → 9050). */
    private static int nextPort(List<Sibling> siblings) {
        int max = siblings.stream().mapToInt(Sibling::port).max().orElse(7049);
        if (siblings.size() >= 2) {
            int step = siblings.get(1).port() - siblings.get(0).port();
            boolean even = step > 0;
            for (int i = 1; i < siblings.size() && even; i++) {
                even = siblings.get(i).port() - siblings.get(i - 1).port() == step;
            }
            if (even) {
                return max + step;
            }
        }
        return max + 1;
    }

    private static String mirror(String path, String oldHost, String newHost) {
        if (path == null) {
            return "path/to/" + newHost + "/tls/server.crt";
        }
        if (path.contains(oldHost)) {
            return path.replace(oldHost, newHost);
        }
        String oldLabel = oldHost.split("\\.")[0];
        String newLabel = newHost.split("\\.")[0];
        return path.replace(oldLabel, newLabel);
    }

    private static String text(YamlMapping m, String key) {
        return NodeLocator.entry(m, key).map(YamlEntry::value).filter(YamlScalar.class::isInstance)
                .map(v -> ((YamlScalar) v).value()).orElse(null);
    }
}
