package io.raftlens.raft.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code raftlens cryptogen generate} on the crypto-config.yaml of a real network writes the files the real
 * cryptogen wrote there, with the same certificate fields: subject and issuer (byte for byte), extensions in
 * cryptogen's order with their criticality and values, SANs, key type, ten-year validity. Fixture:
 * {@code src/test/resources/fabric-cryptogen/SOURCES.md}.
 */
class CryptogenFabricMaterialTest {

    @TempDir
    static Path out;

    static Path fabric;

    @BeforeAll
    static void generate() throws Exception {
        fabric = Path.of(CryptogenFabricMaterialTest.class.getResource("/fabric-cryptogen/sjtu-2.2").toURI());
        CryptoConfig config = CryptoConfig.parse(Files.readString(fabric.resolve("crypto-config.yaml")));
        List<String> printed = new ArrayList<>();
        new Cryptogen(printed::add).generate(config, out.resolve("crypto-config"));
        assertEquals(List.of("org1.example.com"), printed); // cryptogen prints each peer org's domain
    }

    static List<Path> fabricFiles() throws Exception {
        try (Stream<Path> s = Files.walk(fabric.resolve("crypto-config"))) {
            return s.filter(Files::isRegularFile).map(p -> fabric.relativize(p)).sorted().toList();
        }
    }

    @Test
    void everyCertificateHasTheFieldsCryptogenGivesIt() throws Exception {
        int certs = 0;
        for (Path rel : fabricFiles()) {
            Path ours = out.resolve(rel.toString());
            assertTrue(Files.isRegularFile(ours), "cryptogen wrote " + rel + " but raftlens cryptogen did not");
            String name = rel.getFileName().toString();
            if (name.endsWith(".yaml")) {
                assertEquals(Files.readString(fabric.resolve(rel)), Files.readString(ours), rel.toString());
                continue;
            }
            X509Certificate theirs = PemFiles.readCertificate(fabric.resolve(rel));
            X509Certificate mine = PemFiles.readCertificate(ours);
            String what = rel.toString();
            assertArrayEquals(theirs.getSubjectX500Principal().getEncoded(), mine.getSubjectX500Principal().getEncoded(), what);
            assertArrayEquals(theirs.getIssuerX500Principal().getEncoded(), mine.getIssuerX500Principal().getEncoded(), what);
            assertEquals(theirs.getVersion(), mine.getVersion(), what);
            assertEquals(theirs.getSigAlgName(), mine.getSigAlgName(), what);
            assertEquals(((ECPublicKey) theirs.getPublicKey()).getParams().toString(), ((ECPublicKey) mine.getPublicKey()).getParams().toString());
            assertEquals(Duration.ofDays(3650), Duration.between(mine.getNotBefore().toInstant(), mine.getNotAfter().toInstant()), what);
            assertEquals(Duration.between(theirs.getNotBefore().toInstant(), theirs.getNotAfter().toInstant()),
                    Duration.between(mine.getNotBefore().toInstant(), mine.getNotAfter().toInstant()), what);
            assertEquals(0, mine.getNotBefore().toInstant().getEpochSecond() % 60, what + ": NotBefore on a whole minute");
            Extensions te = new X509CertificateHolder(theirs.getEncoded()).getExtensions();
            Extensions me = new X509CertificateHolder(mine.getEncoded()).getExtensions();
            assertEquals(List.of(te.getExtensionOIDs()), List.of(me.getExtensionOIDs()), what + ": extensions and their order");
            for (ASN1ObjectIdentifier oid : te.getExtensionOIDs()) {
                assertEquals(te.getExtension(oid).isCritical(), me.getExtension(oid).isCritical(), what + " " + oid);
                if (!oid.equals(Extension.subjectKeyIdentifier) && !oid.equals(Extension.authorityKeyIdentifier)) {
                    assertEquals(te.getExtension(oid).getExtnValue(), me.getExtension(oid).getExtnValue(), what + " " + oid);
                }
            }
            certs++;
        }
        assertTrue(certs >= 12, "compared " + certs + " certificates");
    }

    @Test
    void keysAreOwnerOnlyAndMatchTheirCertificates() throws Exception {
        Path orderer = out.resolve("crypto-config/ordererOrganizations/example.com/orderers/orderer0.example.com");
        for (Path key : List.of(orderer.resolve("msp/keystore/priv_sk"), orderer.resolve("tls/server.key"),
                out.resolve("crypto-config/ordererOrganizations/example.com/ca/priv_sk"))) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)), key.toString());
        }
        CryptoMaterial.SigningIdentity admin = CryptoMaterial.signingIdentity(
                out.resolve("crypto-config/peerOrganizations/org1.example.com/users/Admin@org1.example.com/msp"), "Org1MSP");
        java.security.Signature s = java.security.Signature.getInstance("SHA256withECDSA");
        s.initSign(admin.key());
        s.update(new byte[] {1, 2, 3});
        byte[] sig = s.sign();
        s.initVerify(admin.certificate());
        s.update(new byte[] {1, 2, 3});
        assertTrue(s.verify(sig));
        assertTrue(new String(admin.serializedCertificate()).startsWith("-----BEGIN CERTIFICATE-----\n"));
        // leaf AuthorityKeyId = the CA's SubjectKeyId, as Go sets it
        X509Certificate ca = PemFiles.readCertificate(out.resolve("crypto-config/peerOrganizations/org1.example.com/ca/ca.org1.example.com-cert.pem"));
        byte[] ski = org.bouncycastle.asn1.x509.SubjectKeyIdentifier.getInstance(org.bouncycastle.asn1.ASN1OctetString.getInstance(
                ca.getExtensionValue(Extension.subjectKeyIdentifier.getId())).getOctets()).getKeyIdentifier();
        byte[] aki = org.bouncycastle.asn1.x509.AuthorityKeyIdentifier.getInstance(org.bouncycastle.asn1.ASN1OctetString.getInstance(
                admin.certificate().getExtensionValue(Extension.authorityKeyIdentifier.getId())).getOctets()).getKeyIdentifier();
        assertArrayEquals(ski, aki);
        assertEquals(32, ski.length);
    }

    @Test
    void extendAddsOnlyWhatIsMissing() throws Exception {
        Path dir = out.resolve("extend");
        CryptoConfig one = CryptoConfig.parse("PeerOrgs:\n  - Name: Org1\n    Domain: org1.example.com\n    Template:\n      Count: 1\n");
        new Cryptogen(l -> { }).generate(one, dir);
        Path peer0 = dir.resolve("peerOrganizations/org1.example.com/peers/peer0.org1.example.com/msp/signcerts/peer0.org1.example.com-cert.pem");
        byte[] before = Files.readAllBytes(peer0);
        CryptoConfig two = CryptoConfig.parse("PeerOrgs:\n  - Name: Org1\n    Domain: org1.example.com\n    Template:\n      Count: 2\n");
        new Cryptogen(l -> { }).extend(two, dir);
        assertArrayEquals(before, Files.readAllBytes(peer0));
        Path peer1 = dir.resolve("peerOrganizations/org1.example.com/peers/peer1.org1.example.com/msp/signcerts/peer1.org1.example.com-cert.pem");
        X509Certificate p1 = PemFiles.readCertificate(peer1);
        p1.verify(PemFiles.readCertificate(dir.resolve("peerOrganizations/org1.example.com/ca/ca.org1.example.com-cert.pem")).getPublicKey());
        // without NodeOUs the Admin's certificate is every node's admin certificate
        assertTrue(Files.exists(dir.resolve("peerOrganizations/org1.example.com/peers/peer1.org1.example.com/msp/admincerts/Admin@org1.example.com-cert.pem")));
    }
}
