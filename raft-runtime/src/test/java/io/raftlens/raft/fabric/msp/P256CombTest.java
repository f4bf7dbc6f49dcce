package io.raftlens.raft.fabric.msp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

/**
 * The comb verification answers as BouncyCastle's general ECDSA code and the JDK's NONEwithECDSA do: valid, altered,
 * out-of-range and malleated signatures, long digests (truncated), a zero digest (u1 = 0), and the two sums the
 * incomplete formulas cannot add (u1·G = ±u2·Q), which the final addition handles.
 */
class P256CombTest {
    private static final X9ECParameters X9 = CustomNamedCurves.getByName("secp256r1");
    private static final BigInteger N = X9.getN();

    @Test
    void agreesWithBouncyCastleAndTheJdk() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        Random random = new Random(17);
        int compared = 0;
        for (int key = 0; key < 2; key++) {
            KeyPair kp = g.generateKeyPair();
            ECPublicKey pub = (ECPublicKey) kp.getPublic();
            ECPoint q = point(pub);
            P256Comb comb = P256Comb.of(q, P256Comb.KEY_BITS);
            for (int m = 0; m < 20; m++) {
                byte[] digest = new byte[m % 5 == 0 ? 48 : 32];
                random.nextBytes(digest);
                if (m == 1) {
                    digest = new byte[32]; // e = 0: u1 = 0, only the key's comb contributes
                }
                BigInteger[] rs = EcdsaPublicKeyTest.signDigest(kp.getPrivate(), digest);
                BigInteger r = rs[0];
                BigInteger sv = rs[1];
                byte[] other = digest.clone();
                other[random.nextInt(other.length)] ^= (byte) (1 << random.nextInt(8));
                List<Object[]> cases = new ArrayList<>(List.of(new Object[] {digest, r, sv}, new Object[] {digest, r, N.subtract(sv)},
                        new Object[] {other, r, sv}, new Object[] {digest, r.add(BigInteger.ONE), sv},
                        new Object[] {digest, r, sv.add(BigInteger.ONE)}, new Object[] {digest, r.add(N), sv},
                        new Object[] {digest, r, sv.add(N)}, new Object[] {digest, N, sv}, new Object[] {digest, r, N},
                        new Object[] {digest, BigInteger.ZERO, sv}, new Object[] {digest, r, BigInteger.ZERO},
                        new Object[] {digest, BigInteger.ONE, BigInteger.ONE}));
                for (Object[] c : cases) {
                    byte[] d = (byte[]) c[0];
                    BigInteger cr = (BigInteger) c[1];
                    BigInteger cs = (BigInteger) c[2];
                    P256Comb.Result got = comb.verify(d, cr, cs);
                    boolean bc = bouncyCastle(q, d, cr, cs);
                    assertEquals(bc ? P256Comb.Result.VALID : P256Comb.Result.INVALID, got, "key " + key + " case r=" + cr + " s=" + cs);
                    if (cr.signum() > 0 && cs.signum() > 0) {
                        assertEquals(jdk(pub, d, cr, cs), bc);
                    }
                    compared++;
                }
                assertEquals(P256Comb.Result.VALID, comb.verify(digest, r, sv));
            }
        }
        assertTrue(compared >= 480);
    }

    /** u1·G = u2·Q (the final addition doubles) and u1·G = -u2·Q (the sum is infinity): e = ±r·d, any s. */
    @Test
    void equalAndOppositeHalvesAreAddedCorrectly() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair kp = g.generateKeyPair();
        BigInteger d = ((ECPrivateKey) kp.getPrivate()).getS();
        ECPoint q = point((ECPublicKey) kp.getPublic());
        P256Comb comb = P256Comb.of(q, P256Comb.KEY_BITS);
        Random random = new Random(5);
        for (int i = 0; i < 20; i++) {
            BigInteger r = new BigInteger(255, random).add(BigInteger.ONE);
            BigInteger s = new BigInteger(255, random).add(BigInteger.ONE);
            for (BigInteger e : List.of(r.multiply(d).mod(N), N.subtract(r.multiply(d).mod(N)))) {
                byte[] digest = fixed32(e);
                boolean bc = bouncyCastle(q, digest, r, s);
                assertEquals(bc ? P256Comb.Result.VALID : P256Comb.Result.INVALID, comb.verify(digest, r, s));
            }
            // a signature that is valid through the doubling: r = x(2·u1·G) mod n for e = r·d needs r chosen from
            // the point, so build it: pick k, R = k·G... with u1 = e/s, u2 = r/s and e = r·d: u1·G + u2·Q = 2·(r/s)·Q
            BigInteger k = new BigInteger(255, random).add(BigInteger.ONE);
            ECPoint twice = q.multiply(k.shiftLeft(1).mod(N)).normalize();
            BigInteger rr = twice.getAffineXCoord().toBigInteger().mod(N);
            BigInteger ss = rr.multiply(k.modInverse(N)).mod(N); // r/s = k
            byte[] digest = fixed32(rr.multiply(d).mod(N));
            assertEquals(true, bouncyCastle(q, digest, rr, ss));
            assertEquals(P256Comb.Result.VALID, comb.verify(digest, rr, ss));
        }
    }

    @Test
    void theKeyGetsItsTableAfterAFewUsesAndAnswersTheSame() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair kp = g.generateKeyPair();
        EcdsaPublicKey key = EcdsaPublicKey.of((ECPublicKey) kp.getPublic());
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(new byte[] {1, 2, 3});
        BigInteger[] rs = EcdsaPublicKeyTest.signDigest(kp.getPrivate(), digest);
        for (int i = 0; i < EcdsaPublicKey.COMB_AFTER * 3; i++) {
            assertTrue(key.verify(digest, rs[0], rs[1]));
            assertEquals(false, key.verify(digest, rs[0], rs[1].add(BigInteger.ONE)));
        }
    }

    private static byte[] fixed32(BigInteger v) {
        byte[] out = new byte[32];
        byte[] b = v.toByteArray();
        int n = Math.min(b.length, 32);
        System.arraycopy(b, b.length - n, out, 32 - n, n);
        return out;
    }

    private static ECPoint point(ECPublicKey pub) {
        return X9.getCurve().createPoint(pub.getW().getAffineX(), pub.getW().getAffineY());
    }

    private static boolean bouncyCastle(ECPoint q, byte[] digest, BigInteger r, BigInteger s) {
        ECDSASigner v = new ECDSASigner();
        v.init(false, new ECPublicKeyParameters(q, new ECDomainParameters(X9.getCurve(), X9.getG(), X9.getN(), X9.getH())));
        return v.verifySignature(digest, r, s);
    }

    private static boolean jdk(ECPublicKey pub, byte[] digest, BigInteger r, BigInteger s) throws Exception {
        Signature v = Signature.getInstance("NONEwithECDSA");
        v.initVerify(pub);
        v.update(digest);
        try {
            return v.verify(EcdsaSignatures.encode(r, s));
        } catch (java.security.SignatureException e) {
            return false;
        }
    }
}
