package io.raftlens.config.testing;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Writes ECDSA TLS certificates (PEM) like cryptogen's: a CA, and leaf certificates with chosen SANs and validity. */
public final class TestCerts {

    /** A certificate authority: its name and key pair. */
    public record Ca(X500Name name, KeyPair keys) {}

    private static final AtomicLong SERIAL = new AtomicLong(1000);

    private TestCerts() {
    }

    /** A self-signed CA certificate written to {@code file}. */
    public static Ca writeCa(Path file, String commonName) {
        KeyPair keys = keyPair();
        X500Name name = new X500Name("CN=" + commonName);
        Ca ca = new Ca(name, keys);
        write(file, name, keys, ca, List.of(), Instant.now().minusSeconds(86_400), Instant.now().plusSeconds(315_360_000L), true);
        return ca;
    }

    /** A leaf certificate issued by {@code ca} (self-signed when null). */
    public static void write(Path file, Ca ca, String commonName, List<String> sans, Instant notBefore, Instant notAfter) {
        KeyPair keys = keyPair();
        X500Name name = new X500Name("CN=" + commonName);
        write(file, name, keys, ca == null ? new Ca(name, keys) : ca, sans, notBefore, notAfter, false);
    }

    /** Valid from a day ago for ten years, SAN = host. */
    public static void writeValid(Path file, Ca ca, String host) {
        write(file, ca, host, List.of(host), Instant.now().minusSeconds(86_400), Instant.now().plusSeconds(315_360_000L));
    }

    private static void write(Path file, X500Name subject, KeyPair keys, Ca issuer, List<String> sans, Instant notBefore,
                              Instant notAfter, boolean isCa) {
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer.name(),
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(notBefore), Date.from(notAfter), subject, keys.getPublic());
            if (isCa) {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            }
            if (!sans.isEmpty()) {
                GeneralName[] names = sans.stream().map(n -> n.matches("[0-9.]+") ? new GeneralName(GeneralName.iPAddress, n)
                        : new GeneralName(GeneralName.dNSName, n)).toArray(GeneralName[]::new);
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            }
            X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.keys().getPrivate()));
            String pem = "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(holder.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, pem);
        } catch (OperatorCreationException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
            gen.initialize(new ECGenParameterSpec("secp256r1"));
            return gen.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
