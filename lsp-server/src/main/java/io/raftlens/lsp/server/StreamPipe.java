package io.raftlens.lsp.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;

/**
 * An in-memory byte pipe between two threads, for an in-process JSON-RPC connection (the warm-up session, tests).
 *
 * <p>Why not {@link java.io.PipedInputStream}: it remembers the last thread that wrote and the last that read, and
 * once that thread has died it fails the other side ("Pipe broken" after two idle seconds, "Read end dead"). A
 * language server writes from many short-lived threads — a network's stop threads publish diagnostics, a pooled
 * executor's worker ends after a minute idle — so a JDK pipe broke at random: the client stopped reading, and the
 * next request (a stop, a shutdown) was never answered. This pipe ends only when a side is closed.
 */
public final class StreamPipe {
    private final byte[] buffer;
    private int head;
    private int count;
    private boolean writerClosed;
    private boolean readerClosed;
    private final InputStream in = new Reader();
    private final OutputStream out = new Writer();

    /** @param capacity bytes buffered before a writer waits for the reader */
    public StreamPipe(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        buffer = new byte[capacity];
    }

    /** The reading end: blocks until bytes arrive; -1 once the writing end is closed and everything was read. */
    public InputStream in() {
        return in;
    }

    /** The writing end: blocks while the buffer is full; fails once the reading end is closed. */
    public OutputStream out() {
        return out;
    }

    private final class Reader extends InputStream {
        @Override
        public int read() throws IOException {
            // JSON-RPC headers are read a byte at a time: no array per byte
            synchronized (StreamPipe.this) {
                if (!awaitBytes()) {
                    return -1;
                }
                int b = buffer[head] & 0xff;
                head = (head + 1) % buffer.length;
                count--;
                StreamPipe.this.notifyAll();
                return b;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            synchronized (StreamPipe.this) {
                if (!awaitBytes()) {
                    return -1;
                }
                int n = Math.min(len, count);
                int first = Math.min(n, buffer.length - head);
                System.arraycopy(buffer, head, b, off, first);
                System.arraycopy(buffer, 0, b, off + first, n - first);
                head = (head + n) % buffer.length;
                count -= n;
                StreamPipe.this.notifyAll();
                return n;
            }
        }

        @Override
        public int available() {
            synchronized (StreamPipe.this) {
                return count;
            }
        }

        @Override
        public void close() {
            synchronized (StreamPipe.this) {
                readerClosed = true;
                StreamPipe.this.notifyAll();
            }
        }
    }

    private final class Writer extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            synchronized (StreamPipe.this) {
                while (len > 0) {
                    if (writerClosed) {
                        throw new IOException("pipe closed by its writer");
                    }
                    if (readerClosed) {
                        throw new IOException("pipe closed by its reader");
                    }
                    if (count == buffer.length) {
                        await();
                        continue;
                    }
                    int tail = (head + count) % buffer.length;
                    int n = Math.min(len, Math.min(buffer.length - count, buffer.length - tail));
                    System.arraycopy(b, off, buffer, tail, n);
                    count += n;
                    off += n;
                    len -= n;
                    StreamPipe.this.notifyAll();
                }
            }
        }

        @Override
        public void close() {
            synchronized (StreamPipe.this) {
                writerClosed = true;
                StreamPipe.this.notifyAll();
            }
        }
    }

    /** Waits until bytes are buffered; false once a side is closed and nothing is left to read. Holds the lock. */
    private boolean awaitBytes() throws InterruptedIOException {
        while (count == 0) {
            if (writerClosed || readerClosed) {
                return false;
            }
            await();
        }
        return true;
    }

    private void await() throws InterruptedIOException {
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting on the pipe");
        }
    }
}
