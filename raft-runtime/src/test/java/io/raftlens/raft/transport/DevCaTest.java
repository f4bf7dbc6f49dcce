package io.raftlens.raft.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevCaTest {
    @TempDir
    Path dir;

    @Test
    void issuesCryptogenLikeNodeCertificates() throws Exception {
        DevCa ca = DevCa.loadOrCreate(dir, "example.com");
        TlsMaterial tls = ca.nodeMaterial("orderer1.example.com");
        X509Certificate cert = tls.certificate();

        assertEquals("secp256r1", curveOf(cert));
        assertEquals("SHA256withECDSA", cert.getSigAlgName());
        assertEquals(Set.of("orderer1.example.com", "localhost", "127.0.0.1"), sans(cert));
        assertTrue(cert.getExtendedKeyUsage().containsAll(List.of("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2")),
                "server and client auth");
        assertEquals(-1, cert.getBasicConstraints());
        cert.verify(ca.certificate().getPublicKey());
        assertTrue(ca.certificate().getSubjectX500Principal().getName().contains("CN=tlsca.example.com"));
        assertTrue(ca.certificate().getBasicConstraints() >= 0);

        Path tlsDir = dir.resolve("orderers/orderer1.example.com/tls");
        assertTrue(Files.exists(tlsDir.resolve("server.crt")));
        assertTrue(Files.exists(tlsDir.resolve("server.key")));
        assertArrayEquals(ca.certificate().getEncoded(), Pem.readCertificate(tlsDir.resolve("ca.crt")).getEncoded());
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(tlsDir.resolve("server.key"))));
        assertTrue(Files.readString(tlsDir.resolve("server.key")).startsWith("-----BEGIN PRIVATE KEY-----"));
    }

    @Test
    void reusesValidMaterialOnRestart() throws Exception {
        DevCa first = DevCa.loadOrCreate(dir, "example.com");
        TlsMaterial tls = first.nodeMaterial("orderer1.example.com");
        DevCa again = DevCa.loadOrCreate(dir, "example.com");
        assertArrayEquals(first.certificate().getEncoded(), again.certificate().getEncoded());
        assertArrayEquals(tls.certificate().getEncoded(),
                again.nodeMaterial("orderer1.example.com").certificate().getEncoded());
    }

    @Test
    void regeneratesCorruptOrForeignMaterial() throws Exception {
        DevCa ca = DevCa.loadOrCreate(dir, "example.com");
        byte[] original = ca.nodeMaterial("orderer1.example.com").certificate().getEncoded();
        Path cert = dir.resolve("orderers/orderer1.example.com/tls/server.crt");
        Files.writeString(cert, "garbage");
        byte[] regenerated = ca.nodeMaterial("orderer1.example.com").certificate().getEncoded();
        assertFalse(java.util.Arrays.equals(original, regenerated));

        // a node certificate from another CA is replaced by one from this CA
        DevCa other = DevCa.loadOrCreate(dir.resolve("other"), "example.com");
        other.nodeMaterial("orderer1.example.com");
        Files.copy(dir.resolve("other/orderers/orderer1.example.com/tls/server.crt"), cert,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(dir.resolve("other/orderers/orderer1.example.com/tls/server.key"),
                dir.resolve("orderers/orderer1.example.com/tls/server.key"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        ca.nodeMaterial("orderer1.example.com").certificate().verify(ca.certificate().getPublicKey());
    }

    @Test
    void loadsRealPemFilesAndRejectsMismatchedKeys() {
        DevCa ca = DevCa.loadOrCreate(dir, "example.com");
        ca.nodeMaterial("orderer1.example.com");
        ca.nodeMaterial("orderer2.example.com");
        Path one = dir.resolve("orderers/orderer1.example.com/tls");
        Path two = dir.resolve("orderers/orderer2.example.com/tls");

        TlsMaterial tls = TlsMaterial.fromPemFiles(one.resolve("server.crt"), one.resolve("server.key"),
                List.of(one.resolve("ca.crt")));
        assertEquals(ca.certificate(), tls.trustedRoots().get(0));

        TlsConfigException mismatch = assertThrows(TlsConfigException.class, () -> TlsMaterial.fromPemFiles(
                one.resolve("server.crt"), two.resolve("server.key"), List.of(one.resolve("ca.crt"))));
        assertTrue(mismatch.getMessage().contains("does not belong to certificate"), mismatch.getMessage());

        TlsConfigException missing = assertThrows(TlsConfigException.class, () -> TlsMaterial.fromPemFiles(
                one.resolve("nope.crt"), one.resolve("server.key"), List.of(one.resolve("ca.crt"))));
        assertTrue(missing.getMessage().contains("nope.crt does not exist"), missing.getMessage());

        TlsConfigException notPem = assertThrows(TlsConfigException.class, () -> TlsMaterial.fromPemFiles(
                one.resolve("server.key"), one.resolve("server.key"), List.of(one.resolve("ca.crt"))));
        assertTrue(notPem.getMessage().contains("no PEM 'CERTIFICATE' block"), notPem.getMessage());

        TlsConfigException noRoots = assertThrows(TlsConfigException.class, () -> TlsMaterial.fromPemFiles(
                one.resolve("server.crt"), one.resolve("server.key"), List.of()));
        assertTrue(noRoots.getMessage().contains("RootCAs"), noRoots.getMessage());
    }

    private static String curveOf(X509Certificate cert) {
        ECPublicKey key = (ECPublicKey) cert.getPublicKey();
        assertEquals(256, key.getParams().getCurve().getField().getFieldSize());
        return key.getParams().toString().contains("secp256r1") ? "secp256r1" : key.getParams().toString();
    }

    private static Set<String> sans(X509Certificate cert) throws Exception {
        return cert.getSubjectAlternativeNames().stream().map(san -> String.valueOf(san.get(1)))
                .collect(Collectors.toSet());
    }
}
