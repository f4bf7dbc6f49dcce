package io.raftlens.raft.bench;

import com.google.protobuf.ByteString;
import io.raftlens.raft.fabric.ApplicationChannels;
import io.raftlens.raft.fabric.FabricFixtures;
import io.raftlens.raft.fabric.config.ChannelConfig;
import io.raftlens.raft.fabric.msgprocessor.BroadcastAdmission;
import io.raftlens.raft.fabric.msgprocessor.Envelopes;
import io.raftlens.raft.fabric.msgprocessor.RejectedMessage;
import io.raftlens.raft.fabric.msgprocessor.StandardChannel;
import io.raftlens.raft.fabric.msp.SigningIdentity;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Status;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Fabric's broadcast admission of signed transactions (channel header, size, expiration, the creator deserialized
 * and validated by its MSP — cached as Fabric caches it — the ECDSA signature verified, /Channel/Writers evaluated),
 * per second, on as many threads as the machine has cores: what one orderer can check before ordering.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(Threads.MAX)
public class AdmissionBenchmark {
    private static final int ENVELOPES = 4096;
    private final AtomicInteger next = new AtomicInteger();
    private Envelope[] envelopes;
    private BroadcastAdmission admission;

    @Setup
    public void setup() {
        ChannelConfig config = ApplicationChannels.fromConsortium(FabricFixtures.sdkSystemChannel(), "SampleConsortium", "mychannel");
        SigningIdentity[] clients = {FabricFixtures.sdkSigner("Org1MSP", "org1-user1"), FabricFixtures.sdkSigner("Org2MSP", "org2-user1")};
        envelopes = new Envelope[ENVELOPES];
        for (int i = 0; i < ENVELOPES; i++) {
            envelopes[i] = Envelopes.signedTransaction("mychannel", clients[i % 2], ByteString.copyFrom(new byte[200]), Instant.now());
        }
        StandardChannel ch = new StandardChannel(() -> config, false, Clock.systemUTC());
        admission = new BroadcastAdmission(id -> Optional.of(ch), (c, h, e) -> {
            throw new RejectedMessage(Status.BAD_REQUEST, "no config updates");
        });
    }

    @Benchmark
    public Object admit() throws RejectedMessage {
        return admission.admit(envelopes[Math.floorMod(next.getAndIncrement(), ENVELOPES)]);
    }

    public static void main(String[] args) throws Exception {
        org.openjdk.jmh.Main.main(new String[] {AdmissionBenchmark.class.getSimpleName()});
    }
}
