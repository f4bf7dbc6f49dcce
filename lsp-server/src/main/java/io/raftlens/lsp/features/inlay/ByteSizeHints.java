package io.raftlens.lsp.features.inlay;

import io.raftlens.config.value.ByteSize;
import io.raftlens.config.yaml.YamlScalar;
import io.raftlens.lsp.documents.DocumentModel;
import io.raftlens.lsp.documents.YamlWalker;
import io.raftlens.lsp.features.FabricKeys;
import io.raftlens.lsp.features.LspSettings;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** After a byte size written with a unit ({@code 10 MB}): the byte count Fabric uses ("10,485,760 bytes"). */
final class ByteSizeHints implements InlayHintParticipant {

    @Override
    public void hints(DocumentModel model, LspSettings settings, List<org.eclipse.lsp4j.InlayHint> out) {
        YamlWalker.walk(model, (path, entry, parent) -> {
            if (!(entry.value() instanceof YamlScalar s) || s.via().isPresent() || s.value().chars().noneMatch(Character::isLetter)) {
                return;
            }
            Optional<Long> bytes = ByteSize.parse(s.value().strip());
            if (bytes.isPresent() && FabricKeys.info(model.kind().orElseThrow(), path).filter(FabricKeys::isByteSize).isPresent()) {
                out.add(InlayHintService.hint(s.range().end(), NumberFormat.getIntegerInstance(Locale.ROOT).format(bytes.get()) + " bytes"));
            }
        });
    }
}
