package io.raftlens.lsp.features.rename;

import io.raftlens.lsp.documents.AnchorOccurrences;
import io.raftlens.lsp.documents.DocumentModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

/** Renames an anchor together with every alias of it (from either end). */
public final class RenameService {

    private static final Pattern NAME = Pattern.compile("[^\\s,\\[\\]{}#&*!|>'\"%@`]+[^\\s,\\[\\]{}]*");

    /** The anchor or alias name at the position, or empty when nothing there can be renamed. */
    public Optional<Range> prepare(DocumentModel model, Position position) {
        if (!model.inScope()) {
            return Optional.empty();
        }
        return AnchorOccurrences.of(model).at(model.offsetAt(position)).map(o -> model.lspRange(o.start(), o.end()));
    }

    public Optional<WorkspaceEdit> rename(DocumentModel model, Position position, String newName) {
        if (!model.inScope()) {
            return Optional.empty();
        }
        if (!NAME.matcher(newName).matches()) {
            throw new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidParams,
                    "'" + newName + "' is not a valid anchor name: use letters, digits, '-' or '_' without spaces", null));
        }
        AnchorOccurrences anchors = AnchorOccurrences.of(model);
        Optional<AnchorOccurrences.Occurrence> at = anchors.at(model.offsetAt(position));
        if (at.isEmpty()) {
            return Optional.empty();
        }
        List<TextEdit> edits = new ArrayList<>();
        for (AnchorOccurrences.Occurrence o : anchors.named(at.get().name())) {
            edits.add(new TextEdit(model.lspRange(o.start(), o.end()), newName));
        }
        return Optional.of(new WorkspaceEdit(Map.of(model.uri(), edits)));
    }
}
