package io.raftlens.raft.fabric.configtx;

import static io.raftlens.raft.fabric.configtx.ConfigUpdateFixtures.withMetadata;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.raftlens.raft.crypto.PemFiles;
import io.raftlens.raft.fabric.config.ChannelConfig;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.orderer.etcdraft.Consenter;
import org.junit.jupiter.api.Test;

/**
 * etcdraft's consenter certificate checks (util.go {@code VerifyConfigMetadata}, {@code validateConsenterTLSCerts},
 * chain.go {@code ValidateConsensusMetadata}) on the five-orderers sample's channel config, whose orderer
 * organization's TLS CA (cryptogen's {@code tlsca.example.com}) issues the certificates under test.
 */
class ConsenterTlsChecksTest {
    private static final Path TLS_CA = ConfigUpdateFixtures.SAMPLE.resolve("crypto/ordererOrganizations/example.com/tlsca");
    private static final String PREFIX = "consensus metadata update for channel config update is invalid: ";

    @Test
    void aConsenterCertificateFromAnotherCaIsRefusedWithGosMessage() throws Exception {
        ChannelConfig c = ConfigUpdateFixtures.sampleChannel();
        KeyPair strangerCa = keyPair();
        X509Certificate foreign = issue(new X500Name("CN=tlsca.stranger.com"), strangerCa.getPrivate(),
                Instant.now().minus(1, ChronoUnit.DAYS), Instant.now().plus(365, ChronoUnit.DAYS), true);
        ConfigtxException e = assertThrows(ConfigtxException.class, () -> check(c, replaceConsenter4(c, foreign)));
        assertEquals(PREFIX + "invalid new config metadata: consenter orderer5.example.com:11050 has invalid certificate: "
                + "verifying tls client cert with serial number " + foreign.getSerialNumber()
                + ": x509: certificate signed by unknown authority", e.getMessage());
    }

    @Test
    void anExpiredCertificateFromTheTlsCaPassesVerificationButCannotBeAdded() throws Exception {
        ChannelConfig c = ConfigUpdateFixtures.sampleChannel();
        Instant notAfter = Instant.parse("2025-01-01T00:00:00Z");
        X509Certificate expired = issueByTlsCa(Instant.parse("2024-01-01T00:00:00Z"), notAfter, true);
        ConfigtxException e = assertThrows(ConfigtxException.class, () -> check(c, replaceConsenter4(c, expired)));
        assertTrue(e.getMessage().startsWith(PREFIX + "consenter orderer5.example.com:11050 has invalid certificates: verifying "
                + "tls client cert with serial number " + expired.getSerialNumber() + ": x509: certificate has expired or is "
                + "not yet valid: current time "), e.getMessage());
        assertTrue(e.getMessage().endsWith(" is after 2025-01-01T00:00:00Z"), e.getMessage());
    }

    @Test
    void aCertificateWithoutClientOrServerAuthIsRefused() throws Exception {
        ChannelConfig c = ConfigUpdateFixtures.sampleChannel();
        X509Certificate codeSigning = issueByTlsCa(Instant.now().minus(1, ChronoUnit.DAYS), Instant.now().plus(30, ChronoUnit.DAYS), false);
        ConfigtxException e = assertThrows(ConfigtxException.class, () -> check(c, replaceConsenter4(c, codeSigning)));
        assertEquals(PREFIX + "invalid new config metadata: consenter orderer5.example.com:11050 has invalid certificate: "
                + "verifying tls client cert with serial number " + codeSigning.getSerialNumber()
                + ": x509: certificate specifies an incompatible key usage", e.getMessage());
    }

    @Test
    void aValidCertificateFromTheTlsCaIsAccepted() throws Exception {
        ChannelConfig c = ConfigUpdateFixtures.sampleChannel();
        X509Certificate fresh = issueByTlsCa(Instant.now().minus(1, ChronoUnit.DAYS), Instant.now().plus(30, ChronoUnit.DAYS), true);
        check(c, replaceConsenter4(c, fresh)); // one removal and one addition, both certificates chain to tlsca.example.com
    }

    @Test
    void aJoinBlockIsCheckedAsIsChannelMemberChecksIt() throws Exception {
        ChannelConfig c = ConfigUpdateFixtures.sampleChannel();
        assertNull(ConfigValueChecks.verifyJoinBlockMetadata(c, ConfigUpdateFixtures.etcdraft(c)));
        KeyPair strangerCa = keyPair();
        X509Certificate foreign = issue(new X500Name("CN=tlsca.stranger.com"), strangerCa.getPrivate(),
                Instant.now().minus(1, ChronoUnit.DAYS), Instant.now().plus(365, ChronoUnit.DAYS), true);
        var md = ConfigUpdateFixtures.etcdraft(c).toBuilder();
        md.setConsenters(0, md.getConsenters(0).toBuilder().setServerTlsCert(pem(foreign)));
        assertEquals("failed to validate config metadata of ordering config: consenter orderer1.example.com:7050 has invalid "
                + "certificate: verifying tls server cert with serial number " + foreign.getSerialNumber()
                + ": x509: certificate signed by unknown authority", ConfigValueChecks.verifyJoinBlockMetadata(c, md.build()));
    }

    private static void check(ChannelConfig c, ConfigGroup g) throws ConfigtxException {
        ConfigValueChecks.check(c, Config.newBuilder().setSequence(c.sequence() + 1).setChannelGroup(g).build());
    }

    /** The sample's fifth consenter with {@code cert} as client and server certificate (a rotation: remove + add). */
    private static ConfigGroup replaceConsenter4(ChannelConfig c, X509Certificate cert) throws Exception {
        return withMetadata(c, md -> {
            Consenter old = md.getConsenters(4);
            return md.toBuilder().setConsenters(4, old.toBuilder().setClientTlsCert(pem(cert)).setServerTlsCert(pem(cert))).build();
        });
    }

    private static ByteString pem(X509Certificate cert) {
        return ByteString.copyFromUtf8(PemFiles.certificate(cert));
    }

    private static X509Certificate issueByTlsCa(Instant notBefore, Instant notAfter, boolean tlsUsages) throws Exception {
        X509Certificate ca = PemFiles.readCertificate(TLS_CA.resolve("tlsca.example.com-cert.pem"));
        PrivateKey key = PemFiles.readPrivateKey(TLS_CA.resolve("priv_sk"));
        return issue(X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()), key, notBefore, notAfter, tlsUsages);
    }

    private static X509Certificate issue(X500Name issuer, PrivateKey issuerKey, Instant notBefore, Instant notAfter,
                                         boolean tlsUsages) throws Exception {
        KeyPair leaf = keyPair();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, new java.util.Random(7)).abs().add(BigInteger.ONE),
                Date.from(notBefore), Date.from(notAfter), new X500Name("CN=orderer5.example.com"), leaf.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        b.addExtension(Extension.extendedKeyUsage, false, tlsUsages
                ? new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth})
                : new ExtendedKeyUsage(KeyPurposeId.id_kp_codeSigning));
        return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
    }

    private static KeyPair keyPair() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }
}
