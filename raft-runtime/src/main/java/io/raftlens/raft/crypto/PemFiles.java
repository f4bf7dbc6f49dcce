package io.raftlens.raft.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/** PEM as Go's {@code pem.Encode} writes it (64-column base64), and the files cryptogen writes. */
public final class PemFiles {

    private PemFiles() {
    }

    public static String encode(String type, byte[] der) {
        StringBuilder out = new StringBuilder("-----BEGIN ").append(type).append("-----\n");
        String b64 = Base64.getEncoder().encodeToString(der);
        for (int i = 0; i < b64.length(); i += 64) {
            out.append(b64, i, Math.min(b64.length(), i + 64)).append('\n');
        }
        return out.append("-----END ").append(type).append("-----\n").toString();
    }

    public static String certificate(X509Certificate cert) {
        try {
            return encode("CERTIFICATE", cert.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** PKCS#8 "PRIVATE KEY", as {@code x509.MarshalPKCS8PrivateKey} + {@code pem.EncodeToMemory}. */
    public static String privateKey(PrivateKey key) {
        return encode("PRIVATE KEY", pkcs8(key));
    }

    /**
     * The DER of Go's {@code x509.MarshalPKCS8PrivateKey} for an ECDSA key: the inner SEC 1 ECPrivateKey carries the
     * scalar padded to the order's size and the public point, without the curve (it is in the AlgorithmIdentifier).
     * The JDK's own encoding leaves the public point out, and clients that rebuild the key pair from the file
     * (fabric-common's jsrsasign: "It must have a pubKeyHex property") cannot load such a key.
     */
    static byte[] pkcs8(PrivateKey key) {
        if (!(key instanceof ECPrivateKey ec)) {
            return key.getEncoded();
        }
        try {
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
            AlgorithmIdentifier algorithm = info.getPrivateKeyAlgorithm();
            X9ECParameters curve = ECNamedCurveTable.getByOID(ASN1ObjectIdentifier.getInstance(algorithm.getParameters()));
            if (curve == null) {
                return key.getEncoded();
            }
            ECPoint q = new FixedPointCombMultiplier().multiply(curve.getG(), ec.getS()).normalize();
            var inner = new org.bouncycastle.asn1.sec.ECPrivateKey(curve.getN().bitLength(), ec.getS(),
                    new DERBitString(q.getEncoded(false)), null);
            return new PrivateKeyInfo(algorithm, inner).getEncoded(ASN1Encoding.DER);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot encode the private key as PKCS#8: " + e.getMessage(), e);
        }
    }

    /** A public file (0644 under the usual umask, like Go's {@code os.Create}). */
    public static void writePublic(Path file, String pem) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, pem, StandardCharsets.US_ASCII);
    }

    /** A private key file, created readable and writable by its owner only (0600), as cryptogen's {@code os.WriteFile(…, 0o600)}. */
    public static void writeSecret(Path file, String pem) throws IOException {
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, pem, StandardCharsets.US_ASCII);
    }

    public static X509Certificate readCertificate(Path file) throws IOException {
        try (var in = new java.io.ByteArrayInputStream(io.raftlens.config.files.SafeFiles.read(file, io.raftlens.config.files.SafeFiles.SMALL_FILE_LIMIT))) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (CertificateException e) {
            throw new IOException(file + ": wrong PEM encoding: " + e.getMessage(), e);
        }
    }

    public static PrivateKey readPrivateKey(Path file) throws IOException {
        String text = new String(io.raftlens.config.files.SafeFiles.read(file, io.raftlens.config.files.SafeFiles.SMALL_FILE_LIMIT), StandardCharsets.US_ASCII);
        int begin = text.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = text.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) {
            throw new IOException(file + ": not a PKCS#8 PEM private key (\"-----BEGIN PRIVATE KEY-----\")");
        }
        byte[] der = Base64.getMimeDecoder().decode(text.substring(begin + 27, end));
        try {
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(file + ": not an ECDSA private key: " + e.getMessage(), e);
        }
    }
}
