package io.raftlens.raft.network;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * The network's event stream: producers (chain threads) never block; one dispatcher thread delivers each event to
 * every subscriber in order. A subscriber that throws is dropped (an SSE client that went away).
 */
public final class NetworkEvents implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NetworkEvents.class);
    private static final int CAPACITY = 65_536;

    private final LinkedBlockingQueue<NetworkEvent> queue = new LinkedBlockingQueue<>(CAPACITY);
    private final CopyOnWriteArrayList<Consumer<NetworkEvent>> subscribers = new CopyOnWriteArrayList<>();
    private final Thread dispatcher;
    private volatile boolean open = true;

    public NetworkEvents() {
        dispatcher = new Thread(this::dispatch, "raftlens-events");
        dispatcher.setDaemon(true);
        dispatcher.start();
    }

    public void publish(NetworkEvent event) {
        if (!queue.offer(event)) {
            LOG.debug("event stream full, dropped {}", event.type());
        }
    }

    /** Adds a subscriber; returns the handle to remove it. */
    public AutoCloseable subscribe(Consumer<NetworkEvent> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    private void dispatch() {
        while (open) {
            NetworkEvent e;
            try {
                e = queue.take();
            } catch (InterruptedException ex) {
                return;
            }
            for (Consumer<NetworkEvent> s : subscribers) {
                try {
                    s.accept(e);
                } catch (RuntimeException ex) {
                    subscribers.remove(s);
                }
            }
        }
    }

    @Override
    public void close() {
        open = false;
        dispatcher.interrupt();
    }
}
