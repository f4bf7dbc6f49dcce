package io.raftlens.raft.crypto;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Identities read back from cryptogen's folders, for signing as Fabric clients, admins and orderers do.
 *
 * <pre>
 *   SigningIdentity admin = CryptoMaterial.signingIdentity(
 *       root.resolve("peerOrganizations/org1.example.com/users/Admin@org1.example.com/msp"), "Org1MSP");
 *   admin.serializedCertificate();   // the PEM bytes a SerializedIdentity's id_bytes holds
 * </pre>
 */
public final class CryptoMaterial {

    /** An MSP identity: its MSP ID, enrollment certificate (signcerts, PEM as written) and private key (keystore). */
    public record SigningIdentity(String mspId, X509Certificate certificate, byte[] certificatePem, PrivateKey key) {
        /** The bytes Fabric puts in {@code msp.SerializedIdentity.id_bytes}. */
        public byte[] serializedCertificate() {
            return certificatePem.clone();
        }
    }

    /** A TLS key pair and its CA, as {@code tls/} holds them. */
    public record TlsIdentity(X509Certificate certificate, PrivateKey key, X509Certificate ca) {}

    private CryptoMaterial() {
    }

    /** The identity of a local MSP folder: the first certificate in {@code signcerts/} and the key in {@code keystore/}. */
    public static SigningIdentity signingIdentity(Path mspDir, String mspId) throws IOException {
        Path cert = first(mspDir.resolve("signcerts"), "signing certificate");
        Path key = first(mspDir.resolve("keystore"), "private key");
        return new SigningIdentity(mspId, PemFiles.readCertificate(cert), io.raftlens.config.files.SafeFiles.read(cert, io.raftlens.config.files.SafeFiles.SMALL_FILE_LIMIT), PemFiles.readPrivateKey(key));
    }

    private static Path first(Path dir, String what) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("no " + what + " found in directory " + dir);
        }
        try (var s = Files.list(dir)) {
            List<Path> files = s.filter(Files::isRegularFile).sorted().toList();
            if (files.isEmpty()) {
                throw new IOException("no " + what + " found in directory " + dir);
            }
            return files.get(0);
        }
    }
}
