package io.raftlens.raft.fabric.msp;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.HexFormat;
import java.util.List;
import org.hyperledger.fabric.protos.common.MSPPrincipal;

/**
 * An X.509 identity of one MSP (Fabric's {@code msp.identity}): its (sanitized) certificate, its id (hex hash of
 * the certificate) and the MSP that deserialized it. Validation is computed once per identity, as Fabric caches it.
 */
public final class MspIdentity {
    private final FabricMsp msp;
    private final X509Certificate cert;
    private final String id;
    private final Object validationLock = new Object();
    private boolean validated;
    private MspException validationError;
    /** The public key prepared for fast ECDSA verification; computed on first use (a race computes it twice). */
    private volatile Object fastKey;
    private static final Object NO_FAST_KEY = new Object();

    MspIdentity(FabricMsp msp, X509Certificate cert, String id) {
        this.msp = msp;
        this.cert = cert;
        this.id = id;
    }

    public String mspId() {
        return msp.name();
    }

    /** Hex hash of the certificate (IdentityIdentifierHashFunction): with the MSP id, Fabric's IdentityIdentifier. */
    public String id() {
        return id;
    }

    public X509Certificate certificate() {
        return cert;
    }

    public FabricMsp msp() {
        return msp;
    }

    /** Fabric's Validate: certificate chain, CRLs and OUs under this identity's MSP (computed once). */
    public void validate() throws MspException {
        synchronized (validationLock) {
            if (!validated) {
                validated = true;
                try {
                    msp.validateIdentity(this);
                } catch (MspException e) {
                    validationError = e;
                }
            }
            if (validationError != null) {
                throw validationError;
            }
        }
    }

    public void satisfiesPrincipal(MSPPrincipal principal) throws MspException {
        msp.satisfiesPrincipal(this, principal);
    }

    /** As {@link #satisfiesPrincipal}: Fabric's error message, or null when satisfied ({@link FabricMsp#principalError}). */
    public String principalError(MSPPrincipal principal) {
        return msp.principalError(this, principal);
    }

    /** The OUs of the certificate's subject, each with the identity's certification chain identifier. */
    public List<OuIdentifier> organizationalUnits() {
        return msp.organizationalUnits(this);
    }

    /**
     * Fabric's identity.Verify: hash with the MSP's SignatureHashFamily, then ECDSA with the low-S rule (or Ed25519
     * over the message under an MSP v3).
     */
    public void verify(byte[] message, byte[] signature) throws MspException {
        PublicKey key = cert.getPublicKey();
        boolean valid;
        try {
            if (key instanceof ECPublicKey ec) {
                byte[] digest = HashFunctions.digest(msp.signatureDigest(), message);
                java.math.BigInteger[] rs;
                try {
                    rs = EcdsaSignatures.parse(signature);
                } catch (MspException e) {
                    throw new MspException("could not determine the validity of the signature: Failed unmashalling signature ["
                            + e.getMessage() + "]");
                }
                if (!EcdsaSignatures.isLowS(ec, rs[1])) {
                    throw new MspException("could not determine the validity of the signature: Invalid S. Must be smaller than half the order ["
                            + rs[1] + "][" + EcdsaSignatures.order(ec).shiftRight(1) + "].");
                }
                EcdsaPublicKey fast = fastKey(ec);
                if (fast != null && EcdsaSignatures.isCanonical(signature, rs)) {
                    valid = fast.verify(digest, rs[0], rs[1]);
                } else {
                    // another curve or a signature that is not plain DER: the JDK decides, as it always has
                    Signature v = Signature.getInstance("NONEwithECDSA");
                    v.initVerify(ec);
                    v.update(digest);
                    valid = v.verify(signature);
                }
            } else if ("Ed25519".equals(key.getAlgorithm()) || "EdDSA".equals(key.getAlgorithm())) {
                Signature v = Signature.getInstance("Ed25519");
                v.initVerify(key);
                v.update(message);
                valid = v.verify(signature);
            } else {
                throw new MspException("could not determine the validity of the signature: unsupported key type "
                        + key.getAlgorithm());
            }
        } catch (GeneralSecurityException e) {
            throw new MspException("could not determine the validity of the signature: " + e.getMessage());
        }
        if (!valid) {
            throw new MspException("The signature is invalid");
        }
    }

    private EcdsaPublicKey fastKey(ECPublicKey ec) {
        Object k = fastKey;
        if (k == null) {
            EcdsaPublicKey prepared = EcdsaPublicKey.of(ec);
            k = prepared == null ? NO_FAST_KEY : prepared;
            fastKey = k;
        }
        return k instanceof EcdsaPublicKey p ? p : null;
    }

    @Override
    public String toString() {
        return mspId() + ":" + id.substring(0, Math.min(12, id.length())) + " (" + cert.getSubjectX500Principal().getName() + ")";
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
