package io.raftlens.lsp.live;

import org.eclipse.lsp4j.jsonrpc.services.JsonNotification;
import org.eclipse.lsp4j.services.LanguageClient;

/** The client as the live network talks to it: the standard client plus {@code raftlens/networkStatus}. */
public interface RaftLensClient extends LanguageClient {

    /** The state of one channel of the network launched from {@code uri}, for clients that draw decorations. */
    @JsonNotification("raftlens/networkStatus")
    void networkStatus(NetworkStatus status);
}
