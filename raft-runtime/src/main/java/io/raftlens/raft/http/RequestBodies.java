package io.raftlens.raft.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Reads request bodies with their size checked before they are read: a declared Content-Length over the limit is
 * refused without reading a byte, and the bytes of all bodies being held at once are bounded by a memory budget
 * (a quarter of the heap), so concurrent large uploads get a 503 instead of an OutOfMemoryError
 * (adversarial.md M3). A body is held until {@link Body#close()}: a broadcast releases it once answered.
 */
public final class RequestBodies {

    /** An HTTP status with a message, for the caller to send. */
    public static final class Refused extends Exception {
        private final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** A body's bytes and its share of the budget. */
    public final class Body implements AutoCloseable {
        private final byte[] bytes;
        private int permits;

        Body(byte[] bytes, int permits) {
            this.bytes = bytes;
            this.permits = permits;
        }

        public byte[] bytes() {
            return bytes;
        }

        @Override
        public synchronized void close() {
            budget.release(permits);
            permits = 0;
        }
    }

    private static final int KB = 1024;
    private static final int CHUNK = 64 * KB;

    private final Semaphore budget;
    private final int budgetKb;

    public RequestBodies(long budgetBytes) {
        this.budgetKb = (int) Math.min(Integer.MAX_VALUE, Math.max(1, budgetBytes / KB));
        this.budget = new Semaphore(budgetKb);
    }

    /** A quarter of the maximum heap. */
    public static RequestBodies forHeap() {
        return new RequestBodies(Runtime.getRuntime().maxMemory() / 4);
    }

    /**
     * The body of {@code ex}, at most {@code max} bytes.
     *
     * @throws Refused 413 when it is larger (from its Content-Length, before reading), 400 for a bad
     *                 Content-Length, 503 when the memory budget is taken by other requests
     */
    public Body read(HttpExchange ex, int max, String what) throws Refused, IOException {
        String header = ex.getRequestHeaders().getFirst("Content-Length");
        long declared = -1;
        if (header != null) {
            try {
                declared = Long.parseLong(header.trim());
            } catch (NumberFormatException e) {
                throw new Refused(400, "Content-Length is not a number");
            }
            if (declared < 0) {
                throw new Refused(400, "Content-Length is negative");
            }
            if (declared > max) {
                throw new Refused(413, what + " larger than " + max + " bytes (Content-Length " + declared + ")");
            }
        }
        int held = 0;
        try (InputStream in = ex.getRequestBody()) {
            if (declared >= 0) {
                held = take(kb(declared));
                byte[] b = in.readNBytes((int) declared);
                Body body = new Body(b, held);
                held = 0;
                return body;
            }
            // chunked: grow in steps, each step paid for before it is read
            byte[] b = new byte[0];
            int n = 0;
            while (true) {
                if (n == b.length) {
                    int grow = Math.min(Math.max(CHUNK, b.length), max + 1 - b.length);
                    if (grow <= 0) {
                        throw new Refused(413, what + " larger than " + max + " bytes");
                    }
                    held += take(kb(grow));
                    b = Arrays.copyOf(b, b.length + grow);
                }
                int r = in.read(b, n, b.length - n);
                if (r < 0) {
                    break;
                }
                n += r;
                if (n > max) {
                    throw new Refused(413, what + " larger than " + max + " bytes");
                }
            }
            Body body = new Body(Arrays.copyOf(b, n), held);
            held = 0;
            return body;
        } finally {
            budget.release(held);
        }
    }

    private int take(int kb) throws Refused {
        if (kb > budgetKb) {
            throw new Refused(413, "the body is larger than this server can hold in memory (" + (budgetKb / 1024)
                    + " MB; give the JVM more heap, e.g. -Xmx1g)");
        }
        try {
            if (!budget.tryAcquire(kb, 5, TimeUnit.SECONDS)) {
                throw new Refused(503, "too many large requests at once; retry");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused(503, "interrupted");
        }
        return kb;
    }

    private static int kb(long bytes) {
        return (int) Math.max(1, (bytes + KB - 1) / KB);
    }
}
