package io.raftlens.lsp.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The in-process JSON-RPC pipe outlives the threads that write to it. {@link java.io.PipedInputStream} does not: a
 * read with nothing buffered fails with "Pipe broken" once the last writing thread has ended — what made an editor
 * test's stop or shutdown go unanswered at random.
 */
class StreamPipeTest {

    @Test
    void aWriterThreadThatEndedDoesNotBreakThePipe() throws Exception {
        StreamPipe pipe = new StreamPipe(16);
        Thread first = new Thread(() -> write(pipe, "one "));
        first.start();
        first.join(); // the last writer is dead now, as a network's stop thread is after it published diagnostics
        assertEquals("one ", read(pipe.in(), 4));
        CompletableFuture<String> next = CompletableFuture.supplyAsync(() -> {
            try {
                return read(pipe.in(), 3); // waits with nothing buffered: a JDK pipe gives up after two idle seconds
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(2_500);
        Thread second = new Thread(() -> write(pipe, "two"));
        second.start();
        assertEquals("two", next.get(5, TimeUnit.SECONDS));
    }

    @Test
    void moreThanTheCapacityWaitsForTheReaderAndArrivesInOrder() throws Exception {
        StreamPipe pipe = new StreamPipe(7);
        byte[] data = new byte[10_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31);
        }
        Thread writer = new Thread(() -> {
            try {
                pipe.out().write(data);
                pipe.out().close();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        assertArrayEquals(data, pipe.in().readAllBytes()); // ends with -1 once the writer closed
        writer.join();
    }

    @Test
    void aClosedReaderFailsTheWriterInsteadOfBlockingIt() throws Exception {
        StreamPipe pipe = new StreamPipe(4);
        pipe.in().close();
        IOException e = assertThrows(IOException.class, () -> pipe.out().write(new byte[8]));
        assertEquals("pipe closed by its reader", e.getMessage());
        assertEquals(-1, pipe.in().read());
    }

    private static void write(StreamPipe pipe, String text) {
        try {
            pipe.out().write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(InputStream in, int n) throws IOException {
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }
}
