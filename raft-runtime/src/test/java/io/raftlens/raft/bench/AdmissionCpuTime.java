package io.raftlens.raft.bench;

import com.google.protobuf.ByteString;
import io.raftlens.raft.fabric.ApplicationChannels;
import io.raftlens.raft.fabric.FabricFixtures;
import io.raftlens.raft.fabric.config.ChannelConfig;
import io.raftlens.raft.fabric.msgprocessor.BroadcastAdmission;
import io.raftlens.raft.fabric.msgprocessor.Envelopes;
import io.raftlens.raft.fabric.msgprocessor.RejectedMessage;
import io.raftlens.raft.fabric.msgprocessor.StandardChannel;
import io.raftlens.raft.fabric.msp.MspIdentity;
import io.raftlens.raft.fabric.msp.SigningIdentity;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Status;

/**
 * CPU time (this thread's, so other jobs on the machine do not count) of the per-envelope check path, one thread:
 * Fabric's broadcast admission of a signed ENDORSER_TRANSACTION from an Org1 and from an Org2 client (ImplicitMeta ANY
 * over the two organizations' Writers), and a bare P-256 signature verification with the MSP's verifier (comb tables),
 * with BouncyCastle's general ECDSA code and with the JDK's SunEC. Prints the median of {@code rounds} rounds of 2,000 operations each, after 3 warm-up rounds.
 *
 * <pre>java -cp … io.raftlens.raft.bench.AdmissionCpuTime [rounds]</pre>
 */
public final class AdmissionCpuTime {
    private static final int N = 2_000;
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private interface Op {
        void run(int i) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        ChannelConfig config = ApplicationChannels.fromConsortium(FabricFixtures.sdkSystemChannel(), "SampleConsortium", "mychannel");
        SigningIdentity org1 = FabricFixtures.sdkSigner("Org1MSP", "org1-user1");
        SigningIdentity org2 = FabricFixtures.sdkSigner("Org2MSP", "org2-user1");
        Envelope[] byOrg1 = new Envelope[N];
        Envelope[] byOrg2 = new Envelope[N];
        for (int i = 0; i < N; i++) {
            byOrg1[i] = Envelopes.signedTransaction("mychannel", org1, ByteString.copyFrom(new byte[256]), Instant.now());
            byOrg2[i] = Envelopes.signedTransaction("mychannel", org2, ByteString.copyFrom(new byte[256]), Instant.now());
        }
        StandardChannel ch = new StandardChannel(() -> config, false, Clock.systemUTC());
        BroadcastAdmission admission = new BroadcastAdmission(id -> Optional.of(ch), (c, h, e) -> {
            throw new RejectedMessage(Status.BAD_REQUEST, "no config updates");
        });
        MspIdentity id1 = config.mspManager().deserializeIdentity(org1.serialize());
        byte[][] msgs = new byte[N][];
        byte[][] sigs = new byte[N][];
        byte[][] digests = new byte[N][];
        for (int i = 0; i < N; i++) {
            msgs[i] = byOrg1[i].getPayload().toByteArray();
            sigs[i] = byOrg1[i].getSignature().toByteArray();
            digests[i] = MessageDigest.getInstance("SHA-256").digest(msgs[i]);
        }
        report("admit, Org1 client", rounds, i -> admission.admit(byOrg1[i]));
        report("admit, Org2 client", rounds, i -> admission.admit(byOrg2[i]));
        report("P-256 verify, MSP identity", rounds, i -> id1.verify(msgs[i], sigs[i]));
        var x9 = org.bouncycastle.crypto.ec.CustomNamedCurves.getByName("secp256r1");
        var w = ((java.security.interfaces.ECPublicKey) id1.certificate().getPublicKey()).getW();
        var bcKey = new org.bouncycastle.crypto.params.ECPublicKeyParameters(x9.getCurve().createPoint(w.getAffineX(), w.getAffineY()),
                new org.bouncycastle.crypto.params.ECDomainParameters(x9.getCurve(), x9.getG(), x9.getN(), x9.getH()));
        java.math.BigInteger[][] rs = new java.math.BigInteger[N][];
        for (int i = 0; i < N; i++) {
            rs[i] = io.raftlens.raft.fabric.msp.EcdsaSignatures.parse(sigs[i]);
        }
        // the verification before the comb tables (and the one still used for a key's first uses)
        report("P-256 verify, BouncyCastle", rounds, i -> {
            var v = new org.bouncycastle.crypto.signers.ECDSASigner();
            v.init(false, bcKey);
            if (!v.verifySignature(digests[i], rs[i][0], rs[i][1])) {
                throw new IllegalStateException("signature " + i);
            }
        });
        report("P-256 verify, JDK SunEC", rounds, i -> {
            Signature v = Signature.getInstance("NONEwithECDSA");
            v.initVerify(id1.certificate().getPublicKey());
            v.update(digests[i]);
            if (!v.verify(sigs[i])) {
                throw new IllegalStateException("signature " + i);
            }
        });
    }

    private static void report(String what, int rounds, Op op) throws Exception {
        double[] us = new double[rounds];
        for (int r = -3; r < rounds; r++) {
            long t0 = CPU.getCurrentThreadCpuTime();
            for (int i = 0; i < N; i++) {
                op.run(i);
            }
            double perOp = (CPU.getCurrentThreadCpuTime() - t0) / 1e3 / N;
            if (r >= 0) {
                us[r] = perOp;
            }
        }
        Arrays.sort(us);
        System.out.printf("%-30s median %7.1f µs CPU per operation (min %.1f, max %.1f; %d rounds of %d)%n", what,
                us[rounds / 2], us[0], us[rounds - 1], rounds, N);
    }
}
