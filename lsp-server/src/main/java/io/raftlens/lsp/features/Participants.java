package io.raftlens.lsp.features;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans a request out to a feature's participants, LemMinX style: cancellation stops the loop, while a
 * participant that fails is logged and skipped so the others still answer.
 */
public final class Participants {

    private static final Logger LOG = LoggerFactory.getLogger(Participants.class);

    private Participants() {
    }

    public static <P> void forEach(List<P> participants, CancelChecker cancel, Consumer<P> call) {
        for (P p : participants) {
            cancel.checkCanceled();
            try {
                call.accept(p);
            } catch (CancellationException e) {
                throw e;
            } catch (RuntimeException | StackOverflowError e) {
                LOG.warn("{} failed; the other participants still answer", p.getClass().getName(), e);
            }
        }
    }
}
