package io.raftlens.lsp.features.hover;

import java.util.List;

/** Adds a Markdown section to a hover. */
public interface HoverParticipant {

    void hover(HoverRequest request, List<String> sections);
}
