package io.raftlens.raft.fabricledger;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the blocks of one channel's directory ({@code chains/<channel>/}) in order: {@code blockfile_000000},
 * {@code blockfile_000001}, … (Fabric rolls to the next file at {@code maxBlockfileSize}). Never writes.
 */
public final class FabricChainReader {

    private static final Pattern NAME = Pattern.compile("blockfile_(\\d{6})");

    private FabricChainReader() {
    }

    /** Block file numbers in {@code dir}, ascending; a gap is an error (Fabric numbers them without gaps). */
    public static List<Integer> files(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            List<Integer> files = s.map(p -> p.getFileName().toString()).filter(n -> NAME.matcher(n).matches())
                    .map(n -> Integer.parseInt(n.substring("blockfile_".length()))).sorted().toList();
            for (int i = 1; i < files.size(); i++) {
                if (files.get(i) != files.get(i - 1) + 1) {
                    throw new FabricLedgerException(dir + " has " + name(files.get(i - 1)) + " and " + name(files.get(i))
                            + " but not " + name(files.get(i - 1) + 1) + ": the ledger is incomplete; copy the whole "
                            + "chains/<channel> directory of a stopped orderer");
                }
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String name(int file) {
        return String.format("blockfile_%06d", file);
    }

    /**
     * Calls {@code visitor} with every block, in file order, until it returns false.
     *
     * @throws FabricLedgerException on a truncated record or bytes that are not Fabric's serialization
     */
    public static void read(Path dir, Predicate<FabricBlock> visitor) {
        List<Integer> files = files(dir);
        if (files.isEmpty()) {
            throw new FabricLedgerException("no block files (blockfile_000000, …) in " + dir);
        }
        for (int file : files) {
            Path path = dir.resolve(name(file));
            if (!readFile(path, file, visitor)) {
                return;
            }
        }
    }

    private static boolean readFile(Path path, int file, Predicate<FabricBlock> visitor) {
        long size;
        try {
            size = Files.size(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (InputStream in = new BufferedInputStream(regular(path), 1 << 16)) {
            long offset = 0;
            while (offset < size) {
                long start = offset;
                long length = 0;
                int shift = 0;
                int b;
                do {
                    b = in.read();
                    if (b < 0) {
                        throw new FabricLedgerException(name(file) + " is truncated: it ends inside the length of the "
                                + "record at offset " + start + " (" + where(path) + ")");
                    }
                    offset++;
                    if (shift > 56) {
                        throw new FabricLedgerException(name(file) + " at offset " + start
                                + ": the record length is not a varint; this is not a Fabric block file (" + where(path) + ")");
                    }
                    length |= (long) (b & 0x7F) << shift;
                    shift += 7;
                } while ((b & 0x80) != 0);
                if (length == 0) {
                    throw new FabricLedgerException(name(file) + " at offset " + start + ": a record of length 0; "
                            + "this is not a Fabric block file (" + where(path) + ")");
                }
                if (length > size - offset && start == 0) {
                    throw new FabricLedgerException(name(file) + " is not a Fabric block file: its first record claims "
                            + length + " bytes but the file has " + size + (looksLikeText(path) ? " and it starts with text" : "")
                            + " (" + where(path) + ")");
                }
                if (length > size - offset) {
                    throw new FabricLedgerException(name(file) + " is truncated: the record at offset " + start + " needs "
                            + length + " bytes but only " + (size - offset) + " remain (a partial block: the file was "
                            + "copied while the orderer was writing, or cut; Fabric drops such a block when the "
                            + "orderer restarts) (" + where(path) + ")");
                }
                byte[] body = in.readNBytes((int) length);
                offset += length;
                var block = FabricBlockSerialization.deserialize(body, name(file) + " at offset " + start);
                if (!visitor.test(new FabricBlock(file, start, block))) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean looksLikeText(Path path) {
        try (InputStream in = regular(path)) {
            byte[] head = in.readNBytes(64);
            for (byte b : head) {
                if ((b < 0x20 && b != '\n' && b != '\r' && b != '\t') || b == 0x7f) {
                    return false;
                }
            }
            return head.length > 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static String where(Path path) {
        return path.toString();
    }

    /** Opens a regular file only: a FIFO or device named as a block file would block or never end (issue 13). */
    private static InputStream regular(Path path) throws IOException {
        io.raftlens.config.files.SafeFiles.regular(path);
        return Files.newInputStream(path);
    }
}
