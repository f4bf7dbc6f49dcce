package io.raftlens.raft.fabric.msp;

import java.math.BigInteger;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.custom.sec.SecP256R1Field;
import org.bouncycastle.math.raw.Nat256;
import org.bouncycastle.util.BigIntegers;

/**
 * P-256 ECDSA verification of u1·G + u2·Q with fixed-base comb tables for both points, on BouncyCastle's raw P-256
 * field arithmetic ({@code SecP256R1Field}, values in canonical form in {@code int[8]}). Why: BouncyCastle's point
 * code computes the same sum with 256 shared doublings and allocates a new field element for every operation (about
 * 70 KB per verification, which the collector then pays for at thousands of verifications a second). Here a table of
 * {@code j·2^(w·i)·P} (affine; w = 8 bits for G, 32 windows, and 5 for a key, 52 windows) per point turns u1·G + u2·Q
 * into at most 84 mixed additions and no doubling, all in a handful of reused arrays.
 *
 * <p>The additions use the incomplete (faster) formulas, which fail when the two points are equal or opposite. That
 * cannot happen inside one comb for a scalar below the group order n (the running sum is m·P with m &lt; 2^(w·i), the
 * addend d·2^(w·i)·P with m &lt; d·2^(w·i) and m + d·2^(w·i) &lt; n, and P has order n); should it happen anyway, {@link #verify}
 * says so by returning {@link Result#UNDECIDED} and the caller verifies with BouncyCastle's general code. The final
 * sum of the two combs handles both cases (doubling, infinity). The result is compared in projective form: x(R) mod
 * n = r ⇔ X = r·Z² or, when r + n &lt; p, X = (r + n)·Z².
 */
final class P256Comb {
    /** What a verification found: a definite answer, or a case the incomplete formulas do not cover. */
    enum Result { VALID, INVALID, UNDECIDED }

    /** Bits per window of a key's table: 52 windows × 31 points (~150 KB a key, the MSP cache keeps 100 keys). */
    static final int KEY_BITS = 5;
    /** Bits per window of the generator's table: 32 windows × 255 points (~0.8 MB, once). */
    static final int GENERATOR_BITS = 8;

    private final int bits;
    private final int windows;
    private final int digits;
    private final int[][] xs;
    private final int[][] ys;

    private P256Comb(int bits, int[][] xs, int[][] ys) {
        this.bits = bits;
        this.windows = (256 + bits - 1) / bits;
        this.digits = (1 << bits) - 1;
        this.xs = xs;
        this.ys = ys;
    }

    /**
     * The comb table of a point of order n on BouncyCastle's custom secp256r1 curve, {@code bits} per window
     * (⌈256 / bits⌉ · (2^bits - 1) point additions).
     */
    static P256Comb of(ECPoint p, int bits) {
        ECCurve curve = p.getCurve();
        int windows = (256 + bits - 1) / bits;
        int digits = (1 << bits) - 1;
        ECPoint[] points = new ECPoint[windows * digits];
        ECPoint base = p.normalize();
        for (int i = 0; i < windows; i++) {
            ECPoint acc = base;
            for (int j = 0; j < digits; j++) {
                points[i * digits + j] = acc;
                acc = acc.add(base);
            }
            // acc is now 2^bits·base: the next window's base
            base = acc.normalize();
        }
        curve.normalizeAll(points);
        int[][] xs = new int[points.length][];
        int[][] ys = new int[points.length][];
        for (int k = 0; k < points.length; k++) {
            xs[k] = Nat256.fromBigInteger(points[k].getAffineXCoord().toBigInteger());
            ys[k] = Nat256.fromBigInteger(points[k].getAffineYCoord().toBigInteger());
        }
        return new P256Comb(bits, xs, ys);
    }

    /** The generator's table, built once. */
    private static final class Generator {
        static final P256Comb G = of(org.bouncycastle.crypto.ec.CustomNamedCurves.getByName("secp256r1").getG(), GENERATOR_BITS);
    }

    private static final BigInteger N = org.bouncycastle.crypto.ec.CustomNamedCurves.getByName("secp256r1").getN();
    private static final BigInteger P = org.bouncycastle.crypto.ec.CustomNamedCurves.getByName("secp256r1").getCurve()
            .getField().getCharacteristic();

    /**
     * ECDSA verification with this table as the public key Q: the digest truncated to the order's bit length as
     * BouncyCastle's {@code ECDSASigner} (and the JDK) do, r and s in [1, n-1].
     */
    Result verify(byte[] digest, BigInteger r, BigInteger s) {
        if (r.signum() <= 0 || r.compareTo(N) >= 0 || s.signum() <= 0 || s.compareTo(N) >= 0) {
            return Result.INVALID;
        }
        BigInteger e = new BigInteger(1, digest);
        int messageBits = digest.length * 8;
        if (messageBits > 256) {
            e = e.shiftRight(messageBits - 256);
        }
        BigInteger c = BigIntegers.modOddInverseVar(N, s);
        BigInteger u1 = e.multiply(c).mod(N);
        BigInteger u2 = r.multiply(c).mod(N);
        Work w = new Work();
        boolean gInfinity = Generator.G.multiply(Nat256.fromBigInteger(u1), w, w.x1, w.y1, w.z1);
        if (w.undecided) {
            return Result.UNDECIDED;
        }
        boolean qInfinity = multiply(Nat256.fromBigInteger(u2), w, w.x2, w.y2, w.z2);
        if (w.undecided) {
            return Result.UNDECIDED;
        }
        int[] x;
        int[] z;
        if (gInfinity && qInfinity) {
            return Result.INVALID;
        } else if (gInfinity) {
            x = w.x2;
            z = w.z2;
        } else if (qInfinity) {
            x = w.x1;
            z = w.z1;
        } else if (!w.addJacobian()) {
            return Result.INVALID; // u1·G = -u2·Q: the sum is the point at infinity
        } else {
            x = w.x3;
            z = w.z3;
        }
        if (Nat256.isZero(z)) {
            return Result.INVALID;
        }
        int[] zz = w.t1;
        SecP256R1Field.square(z, zz, w.tt);
        int[] rz = w.t2;
        SecP256R1Field.multiply(Nat256.fromBigInteger(r), zz, rz, w.tt);
        if (Nat256.eq(rz, x)) {
            return Result.VALID;
        }
        BigInteger rn = r.add(N);
        if (rn.compareTo(P) < 0) {
            SecP256R1Field.multiply(Nat256.fromBigInteger(rn), zz, rz, w.tt);
            if (Nat256.eq(rz, x)) {
                return Result.VALID;
            }
        }
        return Result.INVALID;
    }

    /**
     * k·P into (x, y, z) Jacobian; true when the result is the point at infinity (k = 0). Sets {@code w.undecided}
     * when an addition met equal or opposite points.
     */
    private boolean multiply(int[] k, Work w, int[] x, int[] y, int[] z) {
        boolean infinity = true;
        for (int i = 0; i < windows; i++) {
            int d = digit(k, i * bits, bits);
            if (d == 0) {
                continue;
            }
            int idx = i * digits + d - 1;
            if (infinity) {
                Nat256.copy(xs[idx], x);
                Nat256.copy(ys[idx], y);
                Nat256.copy(ONE, z);
                infinity = false;
            } else if (!w.addAffine(x, y, z, xs[idx], ys[idx])) {
                w.undecided = true;
                return false;
            }
        }
        return infinity;
    }

    /** Bits [from, from + bits) of a little-endian 256-bit number (zero beyond bit 255). */
    private static int digit(int[] k, int from, int bits) {
        int word = from >>> 5;
        int shift = from & 31;
        long w = k[word] & 0xFFFFFFFFL;
        if (word + 1 < 8) {
            w |= (k[word + 1] & 0xFFFFFFFFL) << 32;
        }
        return (int) (w >>> shift) & ((1 << bits) - 1);
    }

    private static final int[] ONE = Nat256.fromBigInteger(BigInteger.ONE);

    /** The arrays of one verification (about 1 KB instead of BouncyCastle's ~70 KB). */
    private static final class Work {
        final int[] x1 = Nat256.create();
        final int[] y1 = Nat256.create();
        final int[] z1 = Nat256.create();
        final int[] x2 = Nat256.create();
        final int[] y2 = Nat256.create();
        final int[] z2 = Nat256.create();
        final int[] x3 = Nat256.create();
        final int[] z3 = Nat256.create();
        final int[] t1 = Nat256.create();
        final int[] t2 = Nat256.create();
        final int[] t3 = Nat256.create();
        final int[] t4 = Nat256.create();
        final int[] t5 = Nat256.create();
        final int[] t6 = Nat256.create();
        final int[] tt = Nat256.createExt();
        boolean undecided;

        /**
         * (x, y, z) += (ax, ay) with the mixed Jacobian–affine addition (8M + 3S); false, leaving (x, y, z) as it
         * was, when the points are equal or opposite (H = 0), which these formulas do not cover.
         */
        boolean addAffine(int[] x, int[] y, int[] z, int[] ax, int[] ay) {
            int[] zz = t1;
            int[] h = t2;
            int[] rr = t3;
            int[] hh = t4;
            int[] hhh = t5;
            int[] v = t6;
            SecP256R1Field.square(z, zz, tt);
            SecP256R1Field.multiply(ax, zz, h, tt);          // U2 = ax·Z²
            SecP256R1Field.subtract(h, x, h);                 // H = U2 - X
            SecP256R1Field.multiply(z, zz, rr, tt);           // Z³
            SecP256R1Field.multiply(ay, rr, rr, tt);          // S2 = ay·Z³
            SecP256R1Field.subtract(rr, y, rr);               // R = S2 - Y
            if (Nat256.isZero(h)) {
                return false;
            }
            SecP256R1Field.square(h, hh, tt);                 // H²
            SecP256R1Field.multiply(h, hh, hhh, tt);          // H³
            SecP256R1Field.multiply(x, hh, v, tt);            // V = X·H²
            SecP256R1Field.multiply(z, h, z, tt);             // Z3 = Z·H
            SecP256R1Field.square(rr, x, tt);                 // R²
            SecP256R1Field.subtract(x, hhh, x);
            SecP256R1Field.subtract(x, v, x);
            SecP256R1Field.subtract(x, v, x);                 // X3 = R² - H³ - 2V
            SecP256R1Field.multiply(y, hhh, hhh, tt);         // Y·H³
            SecP256R1Field.subtract(v, x, v);                 // V - X3
            SecP256R1Field.multiply(rr, v, y, tt);            // R·(V - X3)
            SecP256R1Field.subtract(y, hhh, y);               // Y3 = R·(V - X3) - Y·H³
            return true;
        }

        /**
         * (x3, z3) = (x1, y1, z1) + (x2, y2, z2), all Jacobian, both finite; y3 is not needed. False when the sum
         * is the point at infinity.
         */
        boolean addJacobian() {
            int[] z1z1 = t1;
            int[] z2z2 = t2;
            int[] u1 = t3;
            int[] u2 = t4;
            int[] s1 = t5;
            int[] s2 = t6;
            SecP256R1Field.square(z1, z1z1, tt);
            SecP256R1Field.square(z2, z2z2, tt);
            SecP256R1Field.multiply(x1, z2z2, u1, tt);
            SecP256R1Field.multiply(x2, z1z1, u2, tt);
            SecP256R1Field.multiply(z2, z2z2, s1, tt);
            SecP256R1Field.multiply(y1, s1, s1, tt);          // S1 = Y1·Z2³
            SecP256R1Field.multiply(z1, z1z1, s2, tt);
            SecP256R1Field.multiply(y2, s2, s2, tt);          // S2 = Y2·Z1³
            SecP256R1Field.subtract(u2, u1, u2);              // H
            SecP256R1Field.subtract(s2, s1, s2);              // R
            if (Nat256.isZero(u2)) {
                if (!Nat256.isZero(s2)) {
                    return false;                             // opposite points
                }
                doubleX1();                                    // equal points
                return true;
            }
            int[] h = u2;
            int[] rr = s2;
            int[] hh = z1z1;
            int[] hhh = z2z2;
            SecP256R1Field.square(h, hh, tt);
            SecP256R1Field.multiply(h, hh, hhh, tt);
            SecP256R1Field.multiply(u1, hh, u1, tt);          // V = U1·H²
            SecP256R1Field.square(rr, x3, tt);
            SecP256R1Field.subtract(x3, hhh, x3);
            SecP256R1Field.subtract(x3, u1, x3);
            SecP256R1Field.subtract(x3, u1, x3);              // X3 = R² - H³ - 2V
            SecP256R1Field.multiply(z1, z2, z3, tt);
            SecP256R1Field.multiply(z3, h, z3, tt);           // Z3 = Z1·Z2·H
            return true;
        }

        /** (x3, z3) = 2·(x1, y1, z1) (a = -3: dbl-2001-b), y3 not needed. */
        private void doubleX1() {
            int[] delta = t1;
            int[] gamma = t2;
            int[] beta = t3;
            int[] alpha = t4;
            int[] sum = t5;
            SecP256R1Field.square(z1, delta, tt);
            SecP256R1Field.square(y1, gamma, tt);
            SecP256R1Field.multiply(x1, gamma, beta, tt);
            SecP256R1Field.subtract(x1, delta, alpha);
            SecP256R1Field.add(x1, delta, sum);
            SecP256R1Field.multiply(alpha, sum, alpha, tt);
            SecP256R1Field.twice(alpha, sum);
            SecP256R1Field.add(alpha, sum, alpha);            // alpha = 3·(X1 - delta)·(X1 + delta)
            SecP256R1Field.square(alpha, x3, tt);
            SecP256R1Field.twice(beta, beta);
            SecP256R1Field.twice(beta, beta);
            SecP256R1Field.twice(beta, beta);                 // 8·beta
            SecP256R1Field.subtract(x3, beta, x3);            // X3 = alpha² - 8·beta
            SecP256R1Field.multiply(y1, z1, z3, tt);
            SecP256R1Field.twice(z3, z3);                     // Z3 = 2·Y1·Z1
        }
    }
}
