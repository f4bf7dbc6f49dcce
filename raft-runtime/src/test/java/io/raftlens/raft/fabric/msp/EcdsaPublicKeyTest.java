package io.raftlens.raft.fabric.msp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.raftlens.raft.fabric.FabricFixtures;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast ECDSA verification answers exactly as the JDK's NONEwithECDSA does, for the inputs Fabric can send. */
class EcdsaPublicKeyTest {

    @ParameterizedTest
    @ValueSource(strings = {"secp256r1", "secp384r1", "secp521r1"})
    void agreesWithTheJdkOnValidAndInvalidSignatures(String curve) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec(curve));
        KeyPair kp = g.generateKeyPair();
        ECPublicKey pub = (ECPublicKey) kp.getPublic();
        EcdsaPublicKey fast = EcdsaPublicKey.of(pub);
        assertNotNull(fast, curve);
        BigInteger n = pub.getParams().getOrder();
        for (String hash : List.of("SHA-256", "SHA-384")) {
            byte[] digest = MessageDigest.getInstance(hash).digest(("message " + hash).getBytes(StandardCharsets.UTF_8));
            BigInteger[] rs = signDigest(kp.getPrivate(), digest);
            BigInteger r = rs[0];
            BigInteger sv = rs[1];
            List<BigInteger[]> cases = new ArrayList<>(List.of(new BigInteger[] {r, sv}, new BigInteger[] {r, n.subtract(sv)},
                    new BigInteger[] {r.add(BigInteger.ONE), sv}, new BigInteger[] {r, sv.add(BigInteger.ONE)},
                    new BigInteger[] {r.add(n), sv}, new BigInteger[] {r, sv.add(n)}, new BigInteger[] {n, sv},
                    new BigInteger[] {r, n}, new BigInteger[] {BigInteger.ONE, BigInteger.ONE}));
            for (BigInteger[] c : cases) {
                assertEquals(jdk(pub, digest, c), fast.verify(digest, c[0], c[1]), curve + " " + hash + " r=" + c[0] + " s=" + c[1]);
            }
            byte[] other = digest.clone();
            other[0] ^= 1;
            assertEquals(jdk(pub, other, rs), fast.verify(other, r, sv));
            assertEquals(true, fast.verify(digest, r, sv));
        }
    }

    @Test
    void otherKeysAreLeftToTheJdk() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        ECPublicKey p256 = (ECPublicKey) g.generateKeyPair().getPublic();
        assertNotNull(EcdsaPublicKey.of(p256));
        // a point that is not on the curve (the JDK path refuses it at verification)
        ECPublicKey offCurve = new ECPublicKey() {
            @Override
            public java.security.spec.ECPoint getW() {
                return new java.security.spec.ECPoint(p256.getW().getAffineX(), p256.getW().getAffineY().add(BigInteger.ONE));
            }

            @Override
            public String getAlgorithm() {
                return "EC";
            }

            @Override
            public String getFormat() {
                return "X.509";
            }

            @Override
            public byte[] getEncoded() {
                return null;
            }

            @Override
            public java.security.spec.ECParameterSpec getParams() {
                return p256.getParams();
            }
        };
        assertNull(EcdsaPublicKey.of(offCurve));
    }

    @Test
    void anIdentityVerifiesThroughTheFastPathAndKeepsTheJdkForOddEncodings() throws Exception {
        SigningIdentity user1 = FabricFixtures.sdkSigner("Org1MSP", "org1-user1");
        MspIdentity id = FabricFixtures.sdkSystemChannel().mspManager().deserializeIdentity(user1.serialize());
        byte[] msg = "payload".getBytes(StandardCharsets.UTF_8);
        byte[] sig = user1.sign(msg);
        id.verify(msg, sig);
        id.verify(msg, sig); // the prepared key is reused
        assertEquals("The signature is invalid",
                assertThrows(MspException.class, () -> id.verify("other".getBytes(StandardCharsets.UTF_8), sig)).getMessage());
        // the same r and s with a long-form DER length: not the canonical encoding, so the JDK answers as before
        byte[] longForm = new byte[sig.length + 1];
        longForm[0] = 0x30;
        longForm[1] = (byte) 0x81;
        longForm[2] = sig[1];
        System.arraycopy(sig, 2, longForm, 3, sig.length - 2);
        boolean jdkAccepts;
        try {
            Signature v = Signature.getInstance("NONEwithECDSA");
            v.initVerify(id.certificate().getPublicKey());
            v.update(MessageDigest.getInstance("SHA-256").digest(msg));
            jdkAccepts = v.verify(longForm);
        } catch (java.security.SignatureException e) {
            jdkAccepts = false;
        }
        boolean accepted;
        try {
            id.verify(msg, longForm);
            accepted = true;
        } catch (MspException e) {
            accepted = false;
        }
        assertEquals(jdkAccepts, accepted);
    }

    @Test
    void signaturesAreLowSDerThatTheJdkAccepts() throws Exception {
        SigningIdentity user1 = FabricFixtures.sdkSigner("Org1MSP", "org1-user1");
        ECPublicKey pub = (ECPublicKey) user1.certificate().getPublicKey();
        for (int i = 0; i < 40; i++) {
            byte[] msg = ("message " + i).getBytes(StandardCharsets.UTF_8);
            byte[] sig = user1.sign(msg);
            BigInteger[] rs = EcdsaSignatures.parse(sig);
            assertEquals(true, EcdsaSignatures.isLowS(pub, rs[1]));
            assertEquals(true, EcdsaSignatures.isCanonical(sig));
            Signature v = Signature.getInstance("SHA256withECDSA");
            v.initVerify(pub);
            v.update(msg);
            assertEquals(true, v.verify(sig), "signature " + i);
        }
    }

    private static boolean jdk(ECPublicKey pub, byte[] digest, BigInteger[] rs) throws Exception {
        Signature v = Signature.getInstance("NONEwithECDSA");
        v.initVerify(pub);
        v.update(digest);
        try {
            return v.verify(EcdsaSignatures.encode(rs[0], rs[1]));
        } catch (java.security.SignatureException e) {
            return false;
        }
    }

    /** (r, s) of an ECDSA signature over {@code digest} as given (no hashing), as Fabric's signers sign digests. */
    static BigInteger[] signDigest(java.security.PrivateKey key, byte[] digest) throws Exception {
        Signature s = Signature.getInstance("NONEwithECDSA");
        s.initSign(key);
        s.update(digest);
        return EcdsaSignatures.parse(s.sign());
    }
}
