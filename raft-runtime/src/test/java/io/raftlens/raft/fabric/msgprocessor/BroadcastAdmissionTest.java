package io.raftlens.raft.fabric.msgprocessor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.raftlens.raft.fabric.ApplicationChannels;
import io.raftlens.raft.fabric.FabricFixtures;
import io.raftlens.raft.fabric.config.ChannelConfig;
import io.raftlens.raft.fabric.msp.SigningIdentity;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.Status;
import org.junit.jupiter.api.Test;

/** Fabric's broadcast admission over an application channel of fabric-sdk-java's consortium (real identities). */
class BroadcastAdmissionTest {
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private final ChannelConfig mychannel = ApplicationChannels.fromConsortium(FabricFixtures.sdkSystemChannel(),
            "SampleConsortium", "mychannel");
    private final SigningIdentity user1 = FabricFixtures.sdkSigner("Org1MSP", "org1-user1");
    private final SigningIdentity user2 = FabricFixtures.sdkSigner("Org2MSP", "org2-user1");

    private BroadcastAdmission admission(Clock clock, boolean noExpirationChecks) {
        StandardChannel ch = new StandardChannel(() -> mychannel, noExpirationChecks, clock);
        return new BroadcastAdmission(id -> id.equals("mychannel") ? Optional.of(ch) : Optional.empty(),
                (channel, header, env) -> {
                    throw new RejectedMessage(Status.BAD_REQUEST, "no config updates in this test");
                });
    }

    private final BroadcastAdmission admission = admission(Clock.fixed(NOW, ZoneOffset.UTC), false);

    private static Envelope tx(SigningIdentity signer, String channel, int size) {
        return Envelopes.signedTransaction(channel, signer, ByteString.copyFrom(new byte[size]), NOW);
    }

    private RejectedMessage rejected(Envelope env) {
        return assertThrows(RejectedMessage.class, () -> admission.admit(env));
    }

    @Test
    void aMembersSignedTransactionIsAdmitted() throws Exception {
        var a = admission.admit(tx(user1, "mychannel", 100));
        assertFalse(a.config());
        assertEquals(0, a.configSequence());
        assertEquals("ENDORSER_TRANSACTION", BroadcastAdmission.typeName(a.header()));
        admission.admit(tx(user2, "mychannel", 100));
        admission.admit(Envelopes.signed(HeaderType.MESSAGE, "mychannel", user1,
                org.hyperledger.fabric.protos.common.LastConfig.newBuilder().setIndex(1).build()));
    }

    @Test
    void aForgedSignatureIsForbidden() {
        Envelope good = tx(user1, "mychannel", 10);
        Envelope forged = good.toBuilder().setSignature(ByteString.copyFrom(user2.sign(good.getPayload().toByteArray()))).build();
        RejectedMessage e = rejected(forged);
        assertEquals(Status.FORBIDDEN, e.status());
        assertEquals("implicit policy evaluation failed - 0 sub-policies were satisfied, but this policy requires 1 of the "
                + "'Writers' sub-policies to be satisfied: permission denied", e.info());
    }

    @Test
    void aStrangersIdentityIsForbidden() {
        // a real cryptogen orderer identity of another network, claiming this channel's OrdererMSP
        SigningIdentity stranger = FabricFixtures.nodeOuSigner("OrdererMSP", "orderer");
        assertEquals(Status.FORBIDDEN, rejected(tx(stranger, "mychannel", 10)).status());
        SigningIdentity unknownMsp = FabricFixtures.nodeOuSigner("HospitalAMSP", "hospital-a-peer0");
        assertEquals(Status.FORBIDDEN, rejected(tx(unknownMsp, "mychannel", 10)).status());
    }

    @Test
    void malformedEnvelopesAreBadRequests() {
        RejectedMessage notPayload = rejected(Envelope.newBuilder().setPayload(ByteString.copyFrom(new byte[] {(byte) 0xff, 1})).build());
        assertEquals(Status.BAD_REQUEST, notPayload.status());
        assertTrue(notPayload.info().startsWith("could not determine channel ID: error unmarshalling Payload"), notPayload.info());
        RejectedMessage noHeader = rejected(Envelope.newBuilder().setPayload(Payload.newBuilder().setData(ByteString.copyFromUtf8("x"))
                .build().toByteString()).build());
        assertEquals("could not determine channel ID: header not set", noHeader.info());
        RejectedMessage noChannel = rejected(tx(user1, "otherchannel", 10));
        assertEquals(Status.BAD_REQUEST, noChannel.status());
        assertEquals("channel does not exist", noChannel.info());
    }

    @Test
    void configAndOrdererTransactionsAreRefused() {
        Envelope config = Envelopes.signed(HeaderType.CONFIG, "mychannel", user1, ConfigEnvelope.getDefaultInstance());
        assertEquals("message is of type that cannot be processed directly", rejected(config).info());
        Envelope ordererTx = Envelopes.signed(HeaderType.ORDERER_TRANSACTION, "mychannel", user1, ConfigEnvelope.getDefaultInstance());
        assertEquals("message is of type that is no longer supported", rejected(ordererTx).info());
    }

    @Test
    void absoluteMaxBytesIsEnforcedOnPayloadPlusSignature() {
        long max = mychannel.batchSize().orElseThrow().getAbsoluteMaxBytes();
        Envelope big = tx(user1, "mychannel", (int) max);
        RejectedMessage e = rejected(big);
        assertEquals(Status.BAD_REQUEST, e.status());
        long size = big.getPayload().size() + big.getSignature().size();
        assertEquals("message payload is " + size + " bytes and exceeds maximum allowed " + max + " bytes", e.info());
    }

    @Test
    void anExpiredIdentityIsRefusedUnlessExpirationChecksAreOff() throws Exception {
        Instant after = user1.certificate().getNotAfter().toInstant().plusSeconds(1);
        Envelope env = tx(user1, "mychannel", 10);
        RejectedMessage e = assertThrows(RejectedMessage.class, () -> admission(Clock.fixed(after, ZoneOffset.UTC), false).admit(env));
        assertEquals(Status.BAD_REQUEST, e.status());
        assertEquals("broadcast client identity expired", e.info());
        admission(Clock.fixed(after, ZoneOffset.UTC), true).admit(env);
    }

    @Test
    void theCachedExpirationIsStillComparedWithTheClockForEveryMessage() throws Exception {
        Instant notAfter = user1.certificate().getNotAfter().toInstant();
        Instant[] now = {notAfter.minusSeconds(1)};
        Clock moving = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        BroadcastAdmission a = admission(moving, false);
        a.admit(tx(user1, "mychannel", 10));
        a.admit(tx(user1, "mychannel", 10));
        now[0] = notAfter;
        assertEquals("broadcast client identity expired",
                assertThrows(RejectedMessage.class, () -> a.admit(tx(user1, "mychannel", 10))).info());
    }

    @Test
    void creatorExpirationsAreReadOncePerCreatorAndBounded() {
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        CreatorExpirations cache = new CreatorExpirations(creator -> {
            reads.incrementAndGet();
            return creator[0] == 0 ? null : Instant.ofEpochSecond(creator[0]);
        });
        assertEquals(Instant.ofEpochSecond(5), cache.expiresAt(new byte[] {5, 1}));
        assertEquals(Instant.ofEpochSecond(5), cache.expiresAt(new byte[] {5, 1}));
        assertEquals(null, cache.expiresAt(new byte[] {0}));
        assertEquals(null, cache.expiresAt(new byte[] {0}));
        assertEquals(2, reads.get());
        for (int i = 0; i < CreatorExpirations.CAPACITY; i++) {
            cache.expiresAt(new byte[] {7, (byte) i, (byte) (i >> 8)});
        }
        cache.expiresAt(new byte[] {5, 1}); // evicted by the 100 newer creators: read again
        assertEquals(3 + CreatorExpirations.CAPACITY, reads.get());
    }

    @Test
    void anEmptyMessageIsRefused() {
        assertThrows(RejectedMessage.class, () -> admission.admit(Envelope.getDefaultInstance()));
        StandardChannel ch = new StandardChannel(() -> mychannel, false, Clock.systemUTC());
        RejectedMessage e = assertThrows(RejectedMessage.class, () -> ch.applyFilters(mychannel, Envelope.getDefaultInstance()));
        assertEquals("Message was empty", e.info());
    }

    @Test
    void streamsAreCheckedInParallel() throws Exception {
        List<Envelope> envs = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            envs.add(tx(i % 2 == 0 ? user1 : user2, "mychannel", 64));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int from = t * 100;
                done.add(pool.submit(() -> {
                    int ok = 0;
                    for (Envelope env : envs.subList(from, from + 100)) {
                        admission.admit(env);
                        ok++;
                    }
                    return ok;
                }));
            }
            int total = 0;
            for (Future<Integer> f : done) {
                total += f.get();
            }
            assertEquals(400, total);
        } finally {
            pool.shutdownNow();
        }
    }
}
