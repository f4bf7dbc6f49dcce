package io.raftlens.raft.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.raftlens.raft.fabric.FabricFixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Private key files as Fabric's cryptogen writes them ({@code x509.MarshalPKCS8PrivateKey}: the public point inside
 * the PKCS#8 ECPrivateKey). Fabric's Node SDK (fabric-common, jsrsasign) refuses a key file without the public point.
 */
class PemFilesTest {

    @Test
    void aKeyIsWrittenByteForByteAsFabricsCryptogenWroteIt() throws Exception {
        // keys made by Fabric 2.1's cryptogen (fabric-sdk-java's fixture; sources in fabric-protocols/SOURCES.md)
        for (String name : List.of("org1-user1", "org1-admin", "org2-user1", "orderer", "orderer-admin")) {
            Path file = FabricFixtures.path("sdk-java/" + name + "-key.pem");
            assertEquals(Files.readString(file, StandardCharsets.US_ASCII), PemFiles.privateKey(PemFiles.readPrivateKey(file)), name);
        }
    }

    @Test
    void theSamplesKeysAreInCryptogensLayout() throws Exception {
        List<Path> keys;
        try (var files = Files.walk(Path.of("..", "samples"))) {
            keys = files.filter(p -> p.getFileName().toString().equals("priv_sk") || p.getFileName().toString().endsWith(".key"))
                    .filter(p -> p.toString().contains("crypto")).toList();
        }
        assertFalse(keys.isEmpty());
        for (Path key : keys) {
            assertEquals(PemFiles.privateKey(PemFiles.readPrivateKey(key)), Files.readString(key, StandardCharsets.US_ASCII),
                    key + " (re-encode with PemFiles.privateKey)");
        }
    }
}
