package io.raftlens.raft.fabric.msp;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/**
 * A local signer (Fabric's {@code SigningIdentity} / {@code identity.SignerSerializer}): an MSP id, a certificate
 * and its private key; signs SHA-256 digests with ECDSA in low-S form, as Fabric's BCCSP does, and serializes as
 * {@code SerializedIdentity{mspid, id_bytes: PEM}}.
 */
public final class SigningIdentity {
    private final String mspId;
    private final X509Certificate cert;
    private final PrivateKey key;
    private final byte[] serialized;
    /** The same key on BouncyCastle's arithmetic (null: another curve, the JDK signs). */
    private final EcdsaPublicKey.Signer fastSigner;

    public SigningIdentity(String mspId, X509Certificate cert, PrivateKey key) {
        this.mspId = mspId;
        this.cert = cert;
        this.key = key;
        this.serialized = SerializedIdentity.newBuilder().setMspid(mspId)
                .setIdBytes(ByteString.copyFrom(Certificates.toPem(cert), StandardCharsets.UTF_8)).build().toByteArray();
        this.fastSigner = key instanceof ECPrivateKey ec ? EcdsaPublicKey.signer(ec) : null;
    }

    /** A signer from a certificate PEM and a PKCS#8 private key PEM (cryptogen's signcerts/ and keystore/ files). */
    public static SigningIdentity fromPemFiles(String mspId, Path certPem, Path keyPem) throws MspException {
        try {
            X509Certificate cert = Certificates.fromPem(io.raftlens.config.files.SafeFiles.read(certPem, io.raftlens.config.files.SafeFiles.SMALL_FILE_LIMIT));
            byte[] der = Certificates.firstPemBlock(io.raftlens.config.files.SafeFiles.read(keyPem, io.raftlens.config.files.SafeFiles.SMALL_FILE_LIMIT)).getContent();
            String alg = cert.getPublicKey() instanceof ECPublicKey ? "EC" : cert.getPublicKey().getAlgorithm();
            PrivateKey key = KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
            return new SigningIdentity(mspId, cert, key);
        } catch (IOException e) {
            throw new MspException("cannot read " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new MspException("invalid private key in " + keyPem + ": " + e.getMessage());
        }
    }

    public String mspId() {
        return mspId;
    }

    public X509Certificate certificate() {
        return cert;
    }

    /** The SerializedIdentity bytes (a signature header's creator). */
    public byte[] serialize() {
        return serialized.clone();
    }

    public ByteString serializedBytes() {
        return ByteString.copyFrom(serialized);
    }

    /** Fabric's Sign: SHA-256 then ECDSA, S normalized to the low half (Ed25519 signs the message itself). */
    public byte[] sign(byte[] message) {
        try {
            if (fastSigner != null) {
                java.math.BigInteger[] rs = fastSigner.sign(HashFunctions.digest("SHA-256", message));
                ECPublicKey pub = (ECPublicKey) cert.getPublicKey();
                java.math.BigInteger s = EcdsaSignatures.isLowS(pub, rs[1]) ? rs[1] : EcdsaSignatures.order(pub).subtract(rs[1]);
                return EcdsaSignatures.encode(rs[0], s);
            }
            if (key instanceof ECPrivateKey ec) {
                Signature s = Signature.getInstance("SHA256withECDSA");
                s.initSign(ec);
                s.update(message);
                return EcdsaSignatures.toLowS((ECPublicKey) cert.getPublicKey(), s.sign());
            }
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key);
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException | MspException e) {
            throw new IllegalStateException("signing failed: " + e.getMessage(), e);
        }
    }
}
