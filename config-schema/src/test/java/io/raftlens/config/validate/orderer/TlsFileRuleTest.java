package io.raftlens.config.validate.orderer;

import static io.raftlens.config.validate.orderer.OrdererCheck.findings;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsFileRuleTest {

    @TempDir
    Path dir;
    Path cert;
    Path key;

    @BeforeEach
    void writeCertificateAndKey() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = gen.generateKeyPair();
        X500Name name = new X500Name("CN=orderer1.example.com");
        byte[] der = new JcaX509v3CertificateBuilder(name, BigInteger.ONE, new Date(), new Date(System.currentTimeMillis() + 86_400_000L),
                name, pair.getPublic()).build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())).getEncoded();
        cert = dir.resolve("server.crt");
        key = dir.resolve("server.key");
        Files.writeString(cert, pem("CERTIFICATE", der));
        Files.writeString(key, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private String generalTls(String certificate, String privateKey) {
        return "General:\n  TLS:\n    Enabled: true\n    Certificate: " + certificate + "\n    PrivateKey: " + privateKey + "\n";
    }

    @Test
    void validCertificateAndKeyPass() {
        assertEquals(List.of(), findings("ORD013", generalTls(cert.toString(), key.toString())));
    }

    @Test
    void missingFileIsAWarningOfItsOwn() {
        Path missing = dir.resolve("tls/none.crt");
        String yaml = generalTls(missing.toString(), key.toString());
        int col = 18 + missing.toString().length();
        assertEquals(List.of(), findings("ORD013", yaml));
        assertEquals(List.of("FILE003 warning 4:18-4:" + col + ": General.TLS.Certificate does not exist (yet): " + missing
                + "; the orderer cannot start unless it is generated first (--no-files skips file checks)"), findings("FILE003", yaml));
    }

    @Test
    void keyWhereACertificateBelongsAndGarbageAreErrors() throws Exception {
        Path garbage = Files.writeString(dir.resolve("garbage.key"), "not a key\n");
        String yaml = generalTls(key.toString(), garbage.toString());
        assertEquals(List.of(
                "ORD013 error 4:18-4:" + (18 + key.toString().length()) + ": General.TLS.Certificate " + key
                        + ": no PEM certificate (-----BEGIN CERTIFICATE-----) found",
                "ORD013 error 5:17-5:" + (17 + garbage.toString().length()) + ": General.TLS.PrivateKey " + garbage
                        + ": no PEM private key (-----BEGIN PRIVATE KEY-----) found"),
                findings("ORD013", yaml));
    }

    @Test
    void brokenCertificateBlockIsAnError() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.crt"), "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        assertEquals(List.of("ORD013 error 4:18-4:" + (18 + broken.toString().length()) + ": General.TLS.Certificate " + broken
                + ": a CERTIFICATE block is not a valid X.509 certificate"),
                findings("ORD013", generalTls(broken.toString(), key.toString())));
    }

    @Test
    void filesOfDisabledTlsAreNotChecked() {
        assertEquals(List.of(), findings("ORD013", "General:\n  TLS:\n    Enabled: false\n    Certificate: /nope/server.crt\n"
                + "Admin:\n  TLS:\n    Enabled: false\n    Certificate: /nope/admin.crt\n"));
    }

    @Test
    void clusterClientFilesAreAlwaysUsedAndRootCAListsAreChecked() {
        String yaml = "General:\n  TLS:\n    Enabled: true\n    Certificate: " + cert + "\n    PrivateKey: " + key + "\n    RootCAs:\n"
                + "      - " + cert + "\n      - /nope/ca.crt\n  Cluster:\n    ClientCertificate: /nope/client.crt\n";
        assertEquals(List.of(
                "FILE003 warning 8:9-8:21: /nope/ does not exist (yet): 2 paths point into it (General.TLS.RootCAs, "
                        + "General.Cluster.ClientCertificate), the first here; the orderer cannot start unless the crypto material "
                        + "is generated first (--no-files skips file checks)"),
                findings("FILE003", yaml));
    }

    @Test
    void aPastedPrivateKeyIsReportedWithoutQuotingIt() throws Exception {
        String pasted = Files.readString(key);
        String yaml = generalTls(cert.toString(), "\"" + pasted.replace("\n", "\\n") + "\"");
        List<String> found = findings("ORD013", yaml);
        assertEquals(1, found.size(), found.toString());
        String body = pasted.split("\n")[1];
        assertEquals(false, found.get(0).contains(body) || found.get(0).contains("-----BEGIN"), found.get(0));
        assertEquals(true, found.get(0).endsWith("the value of General.TLS.PrivateKey is not a file path (it looks like PEM content; "
                + "point it at a file instead)"), found.get(0));
    }
}
