package io.raftlens.raft.fabric.msp;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.util.List;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECPoint;

/**
 * An identity's ECDSA public key prepared once for fast verification, with BouncyCastle's constant-structure field
 * arithmetic for the NIST curves ({@code SecP256R1}/{@code SecP384R1}/{@code SecP521R1}). Why: the JDK 17 SunEC
 * verify costs about 0.9 ms of CPU for P-256 on this project's machine, BouncyCastle's about 0.08 ms once the point
 * of the key has its multiplication table, and that table lives on the point — so the point is kept here, with the
 * identity that Fabric's deserializer cache keeps ({@code msp/cache}). Only the arithmetic changes: r, s and the
 * digest are the ones the JDK path would see, the same range checks (1 ≤ r, s < n) and the same truncation of the
 * digest to the order's bit length apply, and anything this class does not handle (another curve, a point not on
 * its curve) is left to the JDK path by {@link #of} returning null.
 */
final class EcdsaPublicKey {
    private static final List<X9ECParameters> CURVES = List.of(CustomNamedCurves.getByName("secp256r1"),
            CustomNamedCurves.getByName("secp384r1"), CustomNamedCurves.getByName("secp521r1"));

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Verifications with BouncyCastle's general code before a P-256 key gets its comb table (~1,600 point additions,
     * the cost of some twenty verifications): a key used once or twice, e.g. a client whose identity the MSP cache does
     * not keep, never pays for it.
     */
    static final int COMB_AFTER = 8;

    private final ECPublicKeyParameters key;
    private final boolean p256;
    private int uses;
    private volatile P256Comb comb;

    private EcdsaPublicKey(ECPublicKeyParameters key) {
        this.key = key;
        this.p256 = key.getParameters().getCurve() instanceof org.bouncycastle.math.ec.custom.sec.SecP256R1Curve;
    }

    /** The curve's domain for the JDK key's parameters, or null when it is not one of {@link #CURVES}. */
    private static ECDomainParameters domain(ECParameterSpec spec) {
        for (X9ECParameters x9 : CURVES) {
            if (sameCurve(spec, x9)) {
                return new ECDomainParameters(x9.getCurve(), x9.getG(), x9.getN(), x9.getH());
            }
        }
        return null;
    }

    /**
     * A signer of digests with this private key on the same arithmetic (about 0.05 ms instead of the JDK's 0.4 ms for
     * P-256), or null for another curve. The nonce k is random, as Go's and the JDK's ECDSA draw it.
     */
    static Signer signer(ECPrivateKey jdkKey) {
        ECDomainParameters domain = domain(jdkKey.getParams());
        if (domain == null || jdkKey.getS().signum() <= 0 || jdkKey.getS().compareTo(domain.getN()) >= 0) {
            return null;
        }
        ECPrivateKeyParameters priv = new ECPrivateKeyParameters(jdkKey.getS(), domain);
        return digest -> {
            ECDSASigner s = new ECDSASigner();
            s.init(true, new ParametersWithRandom(priv, RANDOM));
            return s.generateSignature(digest);
        };
    }

    /** Signs a digest: r and s. */
    interface Signer {
        BigInteger[] sign(byte[] digest);
    }

    /** The prepared key, or null when the key is not on one of the NIST curves BouncyCastle has custom code for. */
    static EcdsaPublicKey of(ECPublicKey jdkKey) {
        ECDomainParameters domain = domain(jdkKey.getParams());
        if (domain == null) {
            return null;
        }
        try {
            ECPoint q = domain.getCurve().createPoint(jdkKey.getW().getAffineX(), jdkKey.getW().getAffineY());
            if (!q.isValid()) {
                return null;
            }
            return new EcdsaPublicKey(new ECPublicKeyParameters(q, domain));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean sameCurve(ECParameterSpec spec, X9ECParameters x9) {
        return spec.getCurve().getField() instanceof ECFieldFp fp
                && fp.getP().equals(x9.getCurve().getField().getCharacteristic())
                && spec.getOrder().equals(x9.getN()) && spec.getCofactor() == x9.getH().intValue()
                && spec.getCurve().getField().getFieldSize() == x9.getCurve().getFieldSize()
                && spec.getCurve().getA().equals(x9.getCurve().getA().toBigInteger())
                && spec.getCurve().getB().equals(x9.getCurve().getB().toBigInteger())
                && spec.getGenerator().getAffineX().equals(x9.getG().getAffineXCoord().toBigInteger())
                && spec.getGenerator().getAffineY().equals(x9.getG().getAffineYCoord().toBigInteger());
    }

    /** ECDSA verification of a digest (hashed by the caller), r and s as decoded from the signature. */
    boolean verify(byte[] digest, BigInteger r, BigInteger s) {
        P256Comb c = p256 ? comb() : null;
        if (c != null) {
            P256Comb.Result result = c.verify(digest, r, s);
            if (result != P256Comb.Result.UNDECIDED) {
                return result == P256Comb.Result.VALID;
            }
        }
        ECDSASigner v = new ECDSASigner();
        v.init(false, key);
        return v.verifySignature(digest, r, s);
    }

    /** The comb table once this key has been used {@link #COMB_AFTER} times (racy count: off by a few at most). */
    private P256Comb comb() {
        P256Comb c = comb;
        if (c != null || ++uses <= COMB_AFTER) {
            return c;
        }
        synchronized (this) {
            if (comb == null) {
                comb = P256Comb.of(key.getQ(), P256Comb.KEY_BITS);
            }
            return comb;
        }
    }
}
