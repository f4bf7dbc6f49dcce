package io.raftlens.raft.faults;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.function.BooleanSupplier;

/** A file channel whose writes fail as the kernel's do on a full volume (ENOSPC) while {@code full} says so. */
public final class FullDiskChannel extends FileChannel {

    private final FileChannel real;
    private final BooleanSupplier full;

    public FullDiskChannel(FileChannel real, BooleanSupplier full) {
        this.real = real;
        this.full = full;
    }

    private void check() throws IOException {
        if (full.getAsBoolean()) {
            throw new IOException("No space left on device");
        }
    }

    @Override public int write(ByteBuffer src) throws IOException { check(); return real.write(src); }
    @Override public long write(ByteBuffer[] srcs, int offset, int length) throws IOException { check(); return real.write(srcs, offset, length); }
    @Override public int write(ByteBuffer src, long position) throws IOException { check(); return real.write(src, position); }
    @Override public void force(boolean metaData) throws IOException { real.force(metaData); }
    @Override public int read(ByteBuffer dst) throws IOException { return real.read(dst); }
    @Override public long read(ByteBuffer[] dsts, int offset, int length) throws IOException { return real.read(dsts, offset, length); }
    @Override public int read(ByteBuffer dst, long position) throws IOException { return real.read(dst, position); }
    @Override public long position() throws IOException { return real.position(); }
    @Override public FileChannel position(long p) throws IOException { real.position(p); return this; }
    @Override public long size() throws IOException { return real.size(); }
    @Override public FileChannel truncate(long size) throws IOException { real.truncate(size); return this; }
    @Override public long transferTo(long position, long count, WritableByteChannel target) throws IOException { return real.transferTo(position, count, target); }
    @Override public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException { check(); return real.transferFrom(src, position, count); }
    @Override public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException { return real.map(mode, position, size); }
    @Override public FileLock lock(long position, long size, boolean shared) throws IOException { return real.lock(position, size, shared); }
    @Override public FileLock tryLock(long position, long size, boolean shared) throws IOException { return real.tryLock(position, size, shared); }
    @Override protected void implCloseChannel() throws IOException { real.close(); }
}
