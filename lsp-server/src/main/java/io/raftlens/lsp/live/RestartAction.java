package io.raftlens.lsp.live;

import io.raftlens.lsp.features.actions.CodeActionParticipant;
import io.raftlens.lsp.features.actions.CodeActionRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.Command;

/** "Restart network with the edited config" on the config-changed warning: a launch with the same options. */
final class RestartAction implements CodeActionParticipant {

    private final LiveNetworks networks;

    RestartAction(LiveNetworks networks) {
        this.networks = networks;
    }

    @Override
    public void actions(CodeActionRequest request, List<CodeAction> out) {
        if (!LiveDiagnostics.SOURCE.equals(request.diagnostic().getSource())
                || !LiveDiagnostics.CONFIG_CHANGED.equals(request.code())) {
            return;
        }
        networks.network(request.model().uri()).ifPresent(n -> {
            LiveNetwork.Launch l = n.launch();
            Map<String, Object> arg = new LinkedHashMap<>();
            arg.put("uri", n.uri());
            arg.put("profile", l.profile());
            if (!l.channels().isEmpty()) {
                arg.put("channels", l.channels());
            }
            if (l.tick() != null) {
                arg.put("tick", l.tick());
            }
            if (l.opsBasePort() != null) {
                arg.put("opsBasePort", l.opsBasePort());
            }
            if (l.controlPort() != null) {
                arg.put("controlPort", l.controlPort());
            }
            CodeAction action = new CodeAction("Restart network with the edited config");
            action.setKind(CodeActionKind.QuickFix);
            action.setDiagnostics(List.of(request.diagnostic()));
            action.setIsPreferred(true);
            action.setCommand(new Command("Restart network with the edited config", LiveCommands.LAUNCH, List.of(arg)));
            out.add(action);
        });
    }
}
