package io.raftlens.raft.wal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** A real FileChannel with injectable faults: a byte budget for writes (then ENOSPC), failing or gated force. */
final class FaultyChannel extends FileChannel {
    /** Shared fault settings for every channel an opener hands out. */
    static final class Faults {
        final AtomicLong writeBudget = new AtomicLong(Long.MAX_VALUE);
        volatile boolean failForce;
        final AtomicInteger forces = new AtomicInteger();
        volatile java.util.concurrent.CountDownLatch forceGate;
        final java.util.concurrent.CountDownLatch forceEntered = new java.util.concurrent.CountDownLatch(1);

        FileChannelOpener opener() {
            return (path, options) -> new FaultyChannel(FileChannel.open(path, options), this);
        }
    }

    private final FileChannel real;
    private final Faults faults;

    FaultyChannel(FileChannel real, Faults faults) {
        this.real = real;
        this.faults = faults;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        long budget = faults.writeBudget.get();
        if (budget <= 0) {
            throw new IOException("No space left on device");
        }
        if (src.remaining() > budget) {
            // a partial write, then the disk is full: exactly what leaves a torn record behind
            ByteBuffer part = src.duplicate();
            part.limit(part.position() + (int) budget);
            int n = real.write(part);
            src.position(src.position() + n);
            faults.writeBudget.set(0);
            return n;
        }
        int n = real.write(src);
        faults.writeBudget.addAndGet(-n);
        return n;
    }

    @Override
    public void force(boolean metaData) throws IOException {
        java.util.concurrent.CountDownLatch gate = faults.forceGate;
        if (gate != null) {
            faults.forceEntered.countDown();
            try {
                gate.await();
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
        }
        if (faults.failForce) {
            throw new IOException("Input/output error");
        }
        faults.forces.incrementAndGet();
        real.force(metaData);
    }

    @Override public int read(ByteBuffer dst) throws IOException { return real.read(dst); }
    @Override public long read(ByteBuffer[] dsts, int offset, int length) throws IOException { return real.read(dsts, offset, length); }
    @Override public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        long n = 0;
        for (int i = offset; i < offset + length; i++) {
            n += write(srcs[i]);
        }
        return n;
    }
    @Override public long position() throws IOException { return real.position(); }
    @Override public FileChannel position(long newPosition) throws IOException { real.position(newPosition); return this; }
    @Override public long size() throws IOException { return real.size(); }
    @Override public FileChannel truncate(long size) throws IOException { real.truncate(size); return this; }
    @Override public long transferTo(long position, long count, WritableByteChannel target) throws IOException { return real.transferTo(position, count, target); }
    @Override public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException { return real.transferFrom(src, position, count); }
    @Override public int read(ByteBuffer dst, long position) throws IOException { return real.read(dst, position); }
    @Override public int write(ByteBuffer src, long position) throws IOException { throw new UnsupportedOperationException(); }
    @Override public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException { return real.map(mode, position, size); }
    @Override public FileLock lock(long position, long size, boolean shared) throws IOException { return real.lock(position, size, shared); }
    @Override public FileLock tryLock(long position, long size, boolean shared) throws IOException { return real.tryLock(position, size, shared); }
    @Override protected void implCloseChannel() throws IOException { real.close(); }
}
