package io.raftlens.raft.transport;

import io.raftlens.raft.crypto.CertificateAuthority;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * A development TLS CA kept in a data directory, issuing per-node certificates with cryptogen's own code
 * ({@link CertificateAuthority}): ECDSA P-256 keys, SHA256withECDSA, server+client auth, SANs = host name,
 * {@code localhost} and {@code 127.0.0.1}. Layout (cryptogen-like):
 * <pre>
 *   DIR/tlsca/tlsca-cert.pem, DIR/tlsca/priv_sk
 *   DIR/orderers/HOST/tls/server.crt, server.key, ca.crt
 * </pre>
 * Existing files are reused on restart when they parse, match their keys, chain to this CA, name the host and
 * stay valid for at least a day; anything else is regenerated. A file lock makes concurrent node processes on one
 * machine agree on a single CA. Suitable for local networks only: machines that do not share the directory would
 * each create their own CA — use real certificates there.
 */
public final class DevCa {
    private static final Duration MIN_REMAINING = Duration.ofDays(1);

    private final Path dir;
    private final X509Certificate caCert;
    private final PrivateKey caKey;

    private DevCa(Path dir, X509Certificate caCert, PrivateKey caKey) {
        this.dir = dir;
        this.caCert = caCert;
        this.caKey = caKey;
    }

    /** Loads the CA under {@code dir} or creates it; {@code organization} names it (e.g. {@code example.com}). */
    public static DevCa loadOrCreate(Path dir, String organization) {
        return withLock(dir, () -> {
            Path certFile = dir.resolve("tlsca").resolve("tlsca-cert.pem");
            Path keyFile = dir.resolve("tlsca").resolve("priv_sk");
            if (Files.exists(certFile) && Files.exists(keyFile)) {
                try {
                    X509Certificate cert = Pem.readCertificate(certFile);
                    PrivateKey key = Pem.readPrivateKey(keyFile);
                    if (KeyPairs.matches(key, cert.getPublicKey()) && validLongEnough(cert)
                            && cert.getBasicConstraints() >= 0) {
                        return new DevCa(dir, cert, key);
                    }
                } catch (TlsConfigException unusable) {
                    // fall through: regenerate, as cryptogen would for a fresh network
                }
            }
            CertificateAuthority ca = CertificateAuthority.create(null, organization, "tlsca." + organization,
                    CertificateAuthority.SubjectFields.DEFAULT);
            writeAtomically(keyFile, Pem.encode(ca.key()), true);
            writeAtomically(certFile, Pem.encode(ca.certificate()), false);
            return new DevCa(dir, ca.certificate(), ca.key());
        });
    }

    public X509Certificate certificate() {
        return caCert;
    }

    public Path directory() {
        return dir;
    }

    /** The node's TLS material for {@code host}, reusing its files when still valid, else issuing new ones. */
    public TlsMaterial nodeMaterial(String host) {
        return withLock(dir, () -> {
            Path tls = dir.resolve("orderers").resolve(safeDirName(host)).resolve("tls");
            Path certFile = tls.resolve("server.crt");
            Path keyFile = tls.resolve("server.key");
            if (Files.exists(certFile) && Files.exists(keyFile)) {
                try {
                    X509Certificate cert = Pem.readCertificate(certFile);
                    PrivateKey key = Pem.readPrivateKey(keyFile);
                    if (KeyPairs.matches(key, cert.getPublicKey()) && validLongEnough(cert) && issuedByUs(cert)
                            && namesHost(cert, host)) {
                        return new TlsMaterial(key, List.of(cert), List.of(caCert));
                    }
                } catch (TlsConfigException unusable) {
                    // regenerate below
                }
            }
            KeyPair pair = CertificateAuthority.newKeyPair();
            X509Certificate cert = issue(host, pair);
            writeAtomically(keyFile, Pem.encode(pair.getPrivate()), true);
            writeAtomically(certFile, Pem.encode(cert), false);
            writeAtomically(tls.resolve("ca.crt"), Pem.encode(caCert), false);
            return new TlsMaterial(pair.getPrivate(), List.of(cert), List.of(caCert));
        });
    }

    /** A TLS certificate as cryptogen issues a node's (its SANs: the host, {@code localhost} and {@code 127.0.0.1}). */
    private X509Certificate issue(String host, KeyPair pair) throws IOException {
        List<String> sans = new ArrayList<>();
        sans.add(host);
        if (!host.equalsIgnoreCase("localhost")) {
            sans.add("localhost");
        }
        if (!host.equals("127.0.0.1")) {
            sans.add("127.0.0.1");
        }
        return new CertificateAuthority("tlsca", CertificateAuthority.SubjectFields.DEFAULT, caKey, caCert)
                .sign(null, host, List.of(), sans, pair.getPublic(), CertificateAuthority.TLS_KEY_USAGE,
                        List.of(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth));
    }

    private boolean issuedByUs(X509Certificate cert) {
        try {
            cert.verify(caCert.getPublicKey());
            return cert.getIssuerX500Principal().equals(caCert.getSubjectX500Principal());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static boolean namesHost(X509Certificate cert, String host) {
        try {
            if (cert.getSubjectAlternativeNames() == null) {
                return false;
            }
            for (List<?> san : cert.getSubjectAlternativeNames()) {
                if (san.size() >= 2 && host.equalsIgnoreCase(String.valueOf(san.get(1)))) {
                    return true;
                }
            }
            return false;
        } catch (CertificateParsingException e) {
            return false;
        }
    }

    private static boolean validLongEnough(X509Certificate cert) {
        Instant now = Instant.now();
        return !now.isBefore(cert.getNotBefore().toInstant())
                && now.plus(MIN_REMAINING).isBefore(cert.getNotAfter().toInstant());
    }

    private static String safeDirName(String host) {
        if (host.isEmpty() || host.contains("/") || host.contains("\\") || host.startsWith(".")) {
            throw new TlsConfigException("consenter host '" + host + "' cannot name a folder for its certificates;"
                    + " use a DNS name or an IP address");
        }
        return host.toLowerCase(Locale.ROOT);
    }

    private static void writeAtomically(Path file, String content, boolean secret) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            if (secret) {
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // best effort on non-POSIX file systems
                }
            }
            Files.writeString(tmp, content, StandardCharsets.US_ASCII);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private interface CryptoAction<T> {
        T run() throws GeneralSecurityException, IOException, OperatorCreationException;
    }

    private static synchronized <T> T withLock(Path dir, CryptoAction<T> action) {
        try {
            Files.createDirectories(dir);
            try (FileChannel lockFile = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE)) {
                lockFile.lock(); // released when the channel closes
                return action.run();
            }
        } catch (IOException e) {
            throw new TlsConfigException("cannot write the development TLS CA under " + dir + ": " + e.getMessage()
                    + "; check that the data directory is writable and the disk is not full", e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new TlsConfigException("cannot generate development TLS certificates under " + dir + ": "
                    + e.getMessage(), e);
        }
    }
}
