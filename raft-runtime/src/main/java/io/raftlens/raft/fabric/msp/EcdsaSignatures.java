package io.raftlens.raft.fabric.msp;

import java.io.IOException;
import java.math.BigInteger;
import java.security.interfaces.ECKey;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;

/**
 * ECDSA signatures as Fabric's BCCSP handles them ({@code bccsp/utils/ecdsa.go}, {@code bccsp/sw/ecdsa.go}):
 * DER {@code SEQUENCE{r, s}}, and the low-S rule — a signature whose S is above half the curve order is refused,
 * and Fabric's signers always produce the low-S form.
 */
public final class EcdsaSignatures {
    private EcdsaSignatures() {
    }

    /** r and s of a DER signature; Fabric's UnmarshalECDSASignature (both must be positive). */
    public static BigInteger[] parse(byte[] der) throws MspException {
        try {
            ASN1Primitive p = ASN1Primitive.fromByteArray(der);
            if (!(p instanceof ASN1Sequence seq) || seq.size() != 2
                    || !(seq.getObjectAt(0) instanceof ASN1Integer r) || !(seq.getObjectAt(1) instanceof ASN1Integer s)) {
                throw new MspException("failed unmashalling signature [asn1: structure error]");
            }
            BigInteger rv = r.getValue();
            BigInteger sv = s.getValue();
            if (rv.signum() <= 0) {
                throw new MspException("invalid signature, R must be larger than zero");
            }
            if (sv.signum() <= 0) {
                throw new MspException("invalid signature, S must be larger than zero");
            }
            return new BigInteger[] {rv, sv};
        } catch (IOException | IllegalArgumentException e) {
            throw new MspException("failed unmashalling signature [" + e.getMessage() + "]");
        }
    }

    public static byte[] encode(BigInteger r, BigInteger s) {
        try {
            return new DERSequence(new ASN1Encodable[] {new ASN1Integer(r), new ASN1Integer(s)}).getEncoded("DER");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The curve order of an EC key. */
    public static BigInteger order(ECKey key) {
        return key.getParams().getOrder();
    }

    /** True when s ≤ N/2 (Fabric's IsLowS). */
    public static boolean isLowS(ECKey key, BigInteger s) {
        return s.compareTo(order(key).shiftRight(1)) <= 0;
    }

    /** The same signature in low-S form (Fabric's SignatureToLowS); unchanged when already low-S. */
    public static byte[] toLowS(ECKey key, byte[] der) throws MspException {
        BigInteger[] rs = parse(der);
        if (isLowS(key, rs[1])) {
            return der;
        }
        return encode(rs[0], order(key).subtract(rs[1]));
    }

    /** True when {@code der} is exactly the DER encoding of the already parsed {@code rs}. */
    static boolean isCanonical(byte[] der, BigInteger[] rs) {
        return Arrays.equals(encode(rs[0], rs[1]), der);
    }

    /** True when the bytes are exactly the DER re-encoding of their r and s (Fabric's canonical-form check). */
    static boolean isCanonical(byte[] der) {
        try {
            BigInteger[] rs = parse(der);
            return Arrays.equals(encode(rs[0], rs[1]), der);
        } catch (MspException e) {
            return false;
        }
    }
}
