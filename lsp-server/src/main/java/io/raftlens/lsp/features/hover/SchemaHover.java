package io.raftlens.lsp.features.hover;

import io.raftlens.config.fabric.FabricVersion;
import io.raftlens.config.schema.KeyInfo;
import io.raftlens.lsp.features.FabricKeys;
import java.util.List;
import java.util.Optional;

/** Fabric's documentation of the key: description, type, default, allowed values, version notes. */
final class SchemaHover implements HoverParticipant {

    @Override
    public void hover(HoverRequest request, List<String> sections) {
        Optional<KeyInfo> found = FabricKeys.info(request.kind(), request.at().path());
        if (found.isEmpty()) {
            return;
        }
        KeyInfo info = found.get();
        StringBuilder b = new StringBuilder("**").append(info.name()).append("**");
        if (info.title() != null && !info.title().equalsIgnoreCase(info.name())) {
            b.append(" — ").append(info.title());
        }
        if (info.description() != null) {
            b.append("\n\n").append(info.description());
        }
        StringBuilder facts = new StringBuilder("Type: `").append(String.join(" | ", info.types())).append('`');
        if (info.format() != null) {
            facts.append(" (").append(info.format()).append(')');
        }
        if (info.defaultValue() != null) {
            facts.append(" · Default: `").append(info.defaultValue()).append('`');
        }
        if (!info.enumValues().isEmpty()) {
            facts.append(" · Allowed: ").append(String.join(", ", info.enumValues().stream().map(v -> "`" + v + "`").toList()));
        }
        b.append("\n\n").append(facts);
        FabricVersion version = request.fabricVersion();
        if (info.removedIn() != null && info.isLegacy()) {
            b.append("\n\n⚠ Removed in Fabric ").append(info.removedIn()).append(" (a Fabric 1.x key: no release RaftLens "
                    + "checks accepts it)");
        } else if (info.removedIn() != null) {
            boolean rejected = info.isRemovedIn(version);
            b.append("\n\n").append(rejected ? "⚠ " : "").append("Removed in Fabric ").append(info.removedIn())
                    .append(rejected ? " (Fabric " + version.label() + ", which this file is checked against, rejects it)"
                            : " (accepted by Fabric " + FabricVersion.V2_5.label() + ")");
        }
        if (info.addedIn() != null) {
            boolean missing = !info.existsIn(version);
            b.append("\n\n").append(missing ? "⚠ " : "").append("Added in Fabric ").append(info.addedIn())
                    .append(missing ? " (Fabric " + version.label() + ", which this file is checked against, rejects it)" : "");
        }
        if (info.deprecation() != null) {
            b.append("\n\nDeprecated: ").append(info.deprecation());
        }
        sections.add(b.toString());
    }
}
