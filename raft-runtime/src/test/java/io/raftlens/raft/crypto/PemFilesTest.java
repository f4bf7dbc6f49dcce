package io.raftlens.raft.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.raftlens.raft.fabric.FabricFixtures;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
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
    void aNewKeyCarriesItsPublicPoint() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        for (int i = 0; i < 20; i++) {
            KeyPair pair = g.generateKeyPair();
            byte[] der = PemFiles.pkcs8(pair.getPrivate());
            assertEquals(138, der.length, "fixed size: the scalar is padded to 32 bytes as Go's FillBytes does");
            var inner = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(PrivateKeyInfo.getInstance(der).parsePrivateKey());
            ECPoint w = ((ECPublicKey) pair.getPublic()).getW();
            byte[] point = inner.getPublicKey().getBytes();
            assertEquals(w.getAffineX(), new BigInteger(1, java.util.Arrays.copyOfRange(point, 1, 33)));
            assertEquals(w.getAffineY(), new BigInteger(1, java.util.Arrays.copyOfRange(point, 33, 65)));
            assertEquals(((java.security.interfaces.ECPrivateKey) pair.getPrivate()).getS(), ((java.security.interfaces.ECPrivateKey)
                    KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der))).getS());
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
