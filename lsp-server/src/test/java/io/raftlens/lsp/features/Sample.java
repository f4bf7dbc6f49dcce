package io.raftlens.lsp.features;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's five-orderer sample (with its TLS material), the fixture for whole-file features. */
public final class Sample {

    public static final Path CONFIGTX = Path.of("../samples/five-orderers/configtx.yaml").toAbsolutePath().normalize();

    private Sample() {
    }

    public static FabricAssert.Doc configtx() {
        try {
            return FabricAssert.doc(Files.readString(CONFIGTX), CONFIGTX.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sample's text with a {@code |} inserted after the first occurrence of {@code before}. */
    public static FabricAssert.Doc configtxWithCursorAfter(String before) {
        try {
            String text = Files.readString(CONFIGTX);
            int at = text.indexOf(before);
            if (at < 0) {
                throw new IllegalArgumentException(before + " not in the sample");
            }
            at += before.length();
            return FabricAssert.doc(text.substring(0, at) + "|" + text.substring(at), CONFIGTX.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
