package io.raftlens.config.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ByteSizeTest {

    @Test
    void fabricsBinaryUnits() {
        assertEquals(Optional.of(16L * 1024 * 1024), ByteSize.parse("16 MB"));
        assertEquals(Optional.of(103809024L), ByteSize.parse("99 MB"));
        assertEquals(Optional.of(524288L), ByteSize.parse("512 KB"));
        assertEquals(Optional.of(16L * 1024 * 1024), ByteSize.parse("16MB"));
        assertEquals(Optional.of(16L * 1024 * 1024), ByteSize.parse("16 mb"));
        assertEquals(Optional.of(16L * 1024 * 1024), ByteSize.parse("16m"));
        assertEquals(Optional.of(16L * 1024), ByteSize.parse("16 k"));
        assertEquals(Optional.of(4L * 1024 * 1024 * 1024), ByteSize.parse("4 GB"));
    }

    @Test
    void rejectedForms() {
        for (String s : new String[] {"16 MiB", "1.5 MB", "512 B", "16 TB", "MB", "16"}) {
            assertEquals(Optional.empty(), ByteSize.parse(s), s);
        }
        assertTrue(ByteSize.looksLikeSize("16 MiB"));
        assertTrue(ByteSize.looksLikeSize("1.5 MB"));
    }

    @Test
    void describe() {
        assertEquals("16777216 bytes (16 MB)", ByteSize.describe(16L * 1024 * 1024));
        assertEquals("1000 bytes", ByteSize.describe(1000));
        assertEquals("1536 bytes", ByteSize.describe(1536));
    }
}
