package io.raftlens.raft.fabric.msp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/** X.509 helpers with Fabric's semantics: PEM decoding as Go's {@code pem.Decode}, low-S sanitizing, SKI/AKI. */
public final class Certificates {
    private static final String ECDSA_OID_PREFIX = "1.2.840.10045.4.";

    private Certificates() {
    }

    /** The first PEM block's bytes (Go's pem.Decode ignores text around it); MspException when there is none. */
    static PemObject firstPemBlock(byte[] pem) throws MspException {
        try (PemReader r = new PemReader(new StringReader(new String(pem, StandardCharsets.ISO_8859_1)))) {
            PemObject o = r.readPemObject();
            if (o == null) {
                throw new MspException("could not decode the PEM structure");
            }
            return o;
        } catch (IOException e) {
            throw new MspException("could not decode the PEM structure");
        }
    }

    /** Fabric's getCertFromPem: the certificate of the first PEM block. */
    public static X509Certificate fromPem(byte[] pem) throws MspException {
        return parse(firstPemBlock(pem).getContent());
    }

    public static X509Certificate parse(byte[] der) throws MspException {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | RuntimeException e) {
            throw new MspException("parseCertificate failed: " + e.getMessage());
        }
    }

    static X509CRL crlFromPem(byte[] pem) throws MspException {
        byte[] der;
        try {
            der = firstPemBlock(pem).getContent();
        } catch (MspException e) {
            der = pem;
        }
        try {
            return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new MspException("could not parse RevocationList: " + e.getMessage());
        }
    }

    public static String toPem(X509Certificate cert) {
        try {
            java.io.StringWriter w = new java.io.StringWriter();
            try (org.bouncycastle.util.io.pem.PemWriter pw = new org.bouncycastle.util.io.pem.PemWriter(w)) {
                pw.writeObject(new PemObject("CERTIFICATE", cert.getEncoded()));
            }
            return w.toString();
        } catch (IOException | java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean isEcdsaSigned(X509Certificate cert) {
        return cert.getSigAlgOID().startsWith(ECDSA_OID_PREFIX);
    }

    /**
     * Fabric's sanitizeECDSASignedCert: the certificate with its signature in low-S form relative to the signer's
     * curve, so that certificates compare byte for byte however their issuer's signer chose S.
     */
    static X509Certificate sanitize(X509Certificate cert, X509Certificate parent) throws MspException {
        if (!isEcdsaSigned(cert) || !(parent.getPublicKey() instanceof ECPublicKey key)) {
            return cert;
        }
        byte[] sig = cert.getSignature();
        BigInteger[] rs = EcdsaSignatures.parse(sig);
        byte[] low = EcdsaSignatures.isLowS(key, rs[1]) ? EcdsaSignatures.encode(rs[0], rs[1])
                : EcdsaSignatures.encode(rs[0], EcdsaSignatures.order(key).subtract(rs[1]));
        if (java.util.Arrays.equals(low, sig)) {
            return cert;
        }
        try {
            Certificate c = Certificate.getInstance(cert.getEncoded());
            byte[] der = new DERSequence(new ASN1Encodable[] {c.getTBSCertificate(), c.getSignatureAlgorithm(),
                    new DERBitString(low)}).getEncoded("DER");
            return parse(der);
        } catch (IOException | java.security.cert.CertificateEncodingException e) {
            throw new MspException("sanitizeCert failed " + e.getMessage());
        }
    }

    /** True when {@code cert} carries a signature {@code parent}'s key verifies. */
    static boolean signedBy(X509Certificate cert, X509Certificate parent) {
        if (!cert.getIssuerX500Principal().equals(parent.getSubjectX500Principal())) {
            return false;
        }
        try {
            PublicKey key = parent.getPublicKey();
            cert.verify(key);
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** The Subject Key Identifier extension's key id (Fabric's getSubjectKeyIdentifierFromCert). */
    static byte[] subjectKeyIdentifier(X509Certificate cert) throws MspException {
        byte[] ext = cert.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        if (ext == null) {
            throw new MspException("subjectKeyIdentifier not found in certificate");
        }
        try {
            ASN1OctetString outer = ASN1OctetString.getInstance(ext);
            return ASN1OctetString.getInstance(outer.getOctets()).getOctets();
        } catch (RuntimeException e) {
            throw new MspException("failed to unmarshal Subject Key Identifier");
        }
    }

    /** The Authority Key Identifier of a CRL (Fabric's getAuthorityKeyIdentifierFromCrl). */
    static byte[] authorityKeyIdentifier(X509CRL crl) throws MspException {
        byte[] ext = crl.getExtensionValue(Extension.authorityKeyIdentifier.getId());
        if (ext == null) {
            throw new MspException("authorityKeyIdentifier not found in certificate");
        }
        try {
            ASN1OctetString outer = ASN1OctetString.getInstance(ext);
            byte[] id = AuthorityKeyIdentifier.getInstance(outer.getOctets()).getKeyIdentifier();
            return id == null ? new byte[0] : id;
        } catch (RuntimeException e) {
            throw new MspException("failed to unmarshal AKI");
        }
    }
}
