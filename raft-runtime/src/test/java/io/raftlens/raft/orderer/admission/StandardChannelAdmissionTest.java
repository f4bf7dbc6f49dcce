package io.raftlens.raft.orderer.admission;

import com.google.protobuf.ByteString;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.Status;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fabric's broadcast checks (registrar.go BroadcastChannelSupport, standardchannel.go ClassifyMsg), message by message. */
class StandardChannelAdmissionTest {

    private static final StandardChannelAdmission FABRIC = StandardChannelAdmission.fabric("mychannel");
    private static final StandardChannelAdmission CONTROL_API = StandardChannelAdmission.allowingOpaque("mychannel");

    static Envelope payload(String channel, HeaderType type) {
        ChannelHeader chdr = ChannelHeader.newBuilder().setChannelId(channel).setType(type.getNumber()).setTxId("tx").build();
        Payload p = Payload.newBuilder().setHeader(Header.newBuilder().setChannelHeader(chdr.toByteString()))
                .setData(ByteString.copyFromUtf8("data")).build();
        return Envelope.newBuilder().setPayload(p.toByteString()).build();
    }

    static Envelope raw(byte[] bytes) {
        return Envelope.newBuilder().setPayload(ByteString.copyFrom(bytes)).build();
    }

    static void refused(Admission a, String info) {
        assertEquals(Status.BAD_REQUEST, a.status(), a.toString());
        assertEquals(info, a.info());
    }

    @Test
    void endorserTransactionsForThisChannelAreAdmitted() {
        assertTrue(FABRIC.admit(payload("mychannel", HeaderType.ENDORSER_TRANSACTION)).isAdmitted());
        assertTrue(CONTROL_API.admit(payload("mychannel", HeaderType.MESSAGE)).isAdmitted());
    }

    @Test
    void configAndOrdererTransactionsAreRefusedWithFabricsMessages() {
        for (StandardChannelAdmission a : new StandardChannelAdmission[] {FABRIC, CONTROL_API}) {
            refused(a.admit(payload("mychannel", HeaderType.CONFIG)), "message is of type that cannot be processed directly");
            refused(a.admit(payload("mychannel", HeaderType.ORDERER_TRANSACTION)), "message is of type that is no longer supported");
            assertTrue(a.admit(payload("mychannel", HeaderType.CONFIG_UPDATE)).info()
                    .startsWith("config update for existing channel did not pass initial checks: "));
        }
    }

    @Test
    void aPayloadForAnotherChannelIsRefused() {
        refused(CONTROL_API.admit(payload("other", HeaderType.ENDORSER_TRANSACTION)),
                "channel does not exist: the payload's channel header names channel 'other', this broadcast is for channel 'mychannel'");
    }

    @Test
    void unreadableHeadersAreRefusedAsFabricRefusesThem() {
        assertTrue(FABRIC.admit(raw(new byte[] {(byte) 0xff, (byte) 0xff})).info()
                .startsWith("could not determine channel ID: error unmarshalling Payload: "));
        refused(FABRIC.admit(raw(Payload.newBuilder().setData(ByteString.copyFromUtf8("d")).build().toByteArray())),
                "could not determine channel ID: header not set");
        Payload noChannelHeader = Payload.newBuilder().setHeader(Header.newBuilder()
                .setSignatureHeader(ByteString.copyFromUtf8("s"))).build();
        refused(CONTROL_API.admit(raw(noChannelHeader.toByteArray())), "could not determine channel ID: channel header not set");
        Payload badChannelHeader = Payload.newBuilder().setHeader(Header.newBuilder()
                .setChannelHeader(ByteString.copyFrom(new byte[] {(byte) 0xff, (byte) 0xff}))).build();
        assertTrue(CONTROL_API.admit(raw(badChannelHeader.toByteArray())).info().startsWith(
                "could not determine channel ID: error unmarshalling channel header: error unmarshalling ChannelHeader: "));
        refused(FABRIC.admit(raw(new byte[0])), "Message was empty");
        refused(CONTROL_API.admit(raw(new byte[0])), "Message was empty");
    }

    @Test
    void theControlApiOrdersBytesThatAreNoFabricPayloadAsTheyAre() {
        assertTrue(CONTROL_API.admit(raw("tx-1".getBytes(StandardCharsets.UTF_8))).isAdmitted());
        assertTrue(CONTROL_API.admit(raw(new byte[] {(byte) 0xff, (byte) 0xff})).isAdmitted());
        assertEquals(Status.BAD_REQUEST, FABRIC.admit(raw("tx-1".getBytes(StandardCharsets.UTF_8))).status());
    }

    @Test
    void aProtocolLayerExtendsTheChecks() {
        EnvelopeAdmission signed = FABRIC.andThen(env -> new Admission(Status.FORBIDDEN, "implicit policy evaluation failed"));
        assertEquals(Status.FORBIDDEN, signed.admit(payload("mychannel", HeaderType.ENDORSER_TRANSACTION)).status());
        refused(signed.admit(payload("mychannel", HeaderType.CONFIG)), "message is of type that cannot be processed directly");
    }
}
