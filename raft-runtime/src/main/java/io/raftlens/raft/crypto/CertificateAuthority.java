package io.raftlens.raft.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A cryptogen CA ({@code internal/cryptogen/ca}): an ECDSA P-256 key and a self-signed certificate
 * {@code C=US, ST=California, L=San Francisco, O=<org>, CN=<name>} (overridable country, province, locality, OU,
 * street, postal code), KeyUsage digitalSignature|keyEncipherment|certSign|cRLSign (critical), ExtKeyUsage
 * clientAuth+serverAuth, BasicConstraints CA:TRUE (critical), SubjectKeyId = SHA-256 of the private key's bytes
 * (Fabric 3's {@code computeSKI}; Fabric 2.x hashed the public point). Issued certificates carry the CA's subject
 * attributes without O, the CN, extra OUs, SANs (IP literals as IP addresses), the given key usages,
 * BasicConstraints CA:FALSE (critical) and the CA's key id as AuthorityKeyId; validity is ten years from five
 * minutes before the current minute, as cryptogen's {@code x509Template}. Subject strings are PrintableString when
 * they can be, else UTF8String, as Go's asn1 encoder chooses.
 */
public final class CertificateAuthority {

    /** The optional subject attributes of a CA spec (empty string: cryptogen's default or none). */
    public record SubjectFields(String country, String province, String locality, String organizationalUnit,
                                String streetAddress, String postalCode) {
        public static final SubjectFields DEFAULT = new SubjectFields("", "", "", "", "", "");
    }

    /** KeyUsage of a TLS leaf: digitalSignature | keyEncipherment. */
    public static final int TLS_KEY_USAGE = KeyUsage.digitalSignature | KeyUsage.keyEncipherment;
    /** KeyUsage of an enrollment (signcert) leaf. */
    public static final int SIGN_KEY_USAGE = KeyUsage.digitalSignature;

    static final Duration VALIDITY = Duration.ofDays(3650);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String name;
    private final SubjectFields fields;
    private final PrivateKey key;
    private final X509Certificate certificate;

    public CertificateAuthority(String name, SubjectFields fields, PrivateKey key, X509Certificate certificate) {
        this.name = name;
        this.fields = fields;
        this.key = key;
        this.certificate = certificate;
    }

    public String name() {
        return name;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public PrivateKey key() {
        return key;
    }

    /** {@code ca.NewCA}: a new key ({@code dir/priv_sk}) and self-signed certificate ({@code dir/<name>-cert.pem}); dir null: in memory. */
    public static CertificateAuthority create(Path dir, String organization, String name, SubjectFields fields) throws IOException {
        KeyPair pair = newKeyPair();
        if (dir != null) {
            PemFiles.writeSecret(dir.resolve("priv_sk"), PemFiles.privateKey(pair.getPrivate()));
        }
        X500Name subject = subject(fields, organization, List.of(), name);
        Instant notBefore = notBefore();
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, serial(), Date.from(notBefore),
                    Date.from(notBefore.plus(VALIDITY)), subject, pair.getPublic())
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment
                            | KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_serverAuth}))
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(computeSki(pair.getPrivate())));
            X509Certificate cert = sign(b, pair.getPrivate());
            if (dir != null) {
                PemFiles.writePublic(dir.resolve(name + "-cert.pem"), PemFiles.certificate(cert));
            }
            return new CertificateAuthority(name, fields, pair.getPrivate(), cert);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot create CA " + name + ": " + e.getMessage(), e);
        }
    }

    /** {@code ca.SignCertificate}: writes {@code dir/<name>-cert.pem} when dir is not null. */
    public X509Certificate sign(Path dir, String commonName, List<String> orgUnits, List<String> sans, PublicKey publicKey,
                                int keyUsage, List<KeyPurposeId> extendedKeyUsage) throws IOException {
        X500Name subject = subject(fields, null, orgUnits, commonName);
        Instant notBefore = notBefore();
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()),
                    serial(), Date.from(notBefore), Date.from(notBefore.plus(VALIDITY)), subject, publicKey)
                    .addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
            if (!extendedKeyUsage.isEmpty()) {
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(extendedKeyUsage.toArray(KeyPurposeId[]::new)));
            }
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            byte[] caKeyId = subjectKeyId(certificate);
            if (caKeyId != null) {
                b.addExtension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(caKeyId));
            }
            if (!sans.isEmpty()) {
                List<GeneralName> names = new ArrayList<>();
                for (String san : sans) {
                    names.add(isIp(san) ? new GeneralName(GeneralName.iPAddress, san) : new GeneralName(GeneralName.dNSName, san));
                }
                b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
            }
            X509Certificate cert = sign(b, key);
            if (dir != null) {
                PemFiles.writePublic(dir.resolve(commonName + "-cert.pem"), PemFiles.certificate(cert));
            }
            return cert;
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot sign a certificate for " + commonName + ": " + e.getMessage(), e);
        }
    }

    /** A fresh ECDSA P-256 key pair ({@code csp.GeneratePrivateKey(…, "ecdsa")}). */
    public static KeyPair newKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot generate ECDSA P-256 keys", e);
        }
    }

    /** Fabric 3's {@code computeSKI}: SHA-256 of the ECDH private key bytes (the 32-byte scalar). */
    static byte[] computeSki(PrivateKey key) {
        BigInteger s = ((ECPrivateKey) key).getS();
        byte[] raw = s.toByteArray();
        byte[] fixed = new byte[32];
        int n = Math.min(32, raw.length);
        System.arraycopy(raw, raw.length - n, fixed, 32 - n, n);
        try {
            return MessageDigest.getInstance("SHA-256").digest(fixed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] subjectKeyId(X509Certificate cert) {
        byte[] ext = cert.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        return ext == null ? null : SubjectKeyIdentifier.getInstance(
                org.bouncycastle.asn1.ASN1OctetString.getInstance(ext).getOctets()).getKeyIdentifier();
    }

    /** {@code subjectTemplateAdditional} in Go's RDN order: C, ST, L, STREET, postalCode, O, OU…, CN. */
    static X500Name subject(SubjectFields f, String organization, List<String> extraOus, String commonName) {
        List<RDN> rdns = new ArrayList<>();
        add(rdns, BCStyle.C, f.country().isEmpty() ? "US" : f.country());
        add(rdns, BCStyle.ST, f.province().isEmpty() ? "California" : f.province());
        add(rdns, BCStyle.L, f.locality().isEmpty() ? "San Francisco" : f.locality());
        if (!f.streetAddress().isEmpty()) {
            add(rdns, BCStyle.STREET, f.streetAddress());
        }
        if (!f.postalCode().isEmpty()) {
            add(rdns, BCStyle.POSTAL_CODE, f.postalCode());
        }
        if (organization != null) {
            add(rdns, BCStyle.O, organization);
        }
        List<String> ous = new ArrayList<>();
        if (!f.organizationalUnit().isEmpty()) {
            ous.add(f.organizationalUnit());
        }
        ous.addAll(extraOus);
        for (String ou : ous) {
            add(rdns, BCStyle.OU, ou);
        }
        add(rdns, BCStyle.CN, commonName);
        return new X500Name(rdns.toArray(RDN[]::new));
    }

    private static void add(List<RDN> rdns, ASN1ObjectIdentifier type, String value) {
        ASN1Encodable v = goPrintable(value) ? new DERPrintableString(value) : new DERUTF8String(value);
        rdns.add(new RDN(new AttributeTypeAndValue(type, v)));
    }

    /** Go's asn1 {@code isPrintable} as used when marshalling (asterisk and ampersand rejected). */
    static boolean goPrintable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "'()+,-./:=? ".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIp(String s) {
        if (s.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")) {
            return true;
        }
        return s.contains(":") && s.matches("[0-9A-Fa-f:.]+");
    }

    /** cryptogen: {@code time.Now().Round(time.Minute).Add(-5 * time.Minute)}. */
    private static Instant notBefore() {
        Instant now = Instant.now();
        Instant floor = now.truncatedTo(ChronoUnit.MINUTES);
        Instant rounded = Duration.between(floor, now).compareTo(Duration.ofSeconds(30)) >= 0 ? floor.plus(Duration.ofMinutes(1)) : floor;
        return rounded.minus(Duration.ofMinutes(5));
    }

    private static BigInteger serial() {
        return new BigInteger(128, RANDOM);
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey signer) throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
    }
}
