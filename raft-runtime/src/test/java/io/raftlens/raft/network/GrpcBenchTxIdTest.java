package io.raftlens.raft.network;

import com.google.protobuf.ByteString;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.Payload;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The bench's Deliver side reads a transaction's id from its serialized envelope as a full parse would. */
class GrpcBenchTxIdTest {

    private static Envelope envelope(String txId) {
        ChannelHeader ch = ChannelHeader.newBuilder().setType(3).setChannelId("mychannel").setTxId(txId).setEpoch(7).build();
        Payload p = Payload.newBuilder().setHeader(Header.newBuilder().setChannelHeader(ch.toByteString())
                .setSignatureHeader(ByteString.copyFromUtf8("creator and nonce"))).setData(ByteString.copyFromUtf8("data")).build();
        return Envelope.newBuilder().setPayload(p.toByteString()).setSignature(ByteString.copyFromUtf8("sig")).build();
    }

    @Test
    void readsTheTxIdAsTheFullParseDoes() {
        Envelope e = envelope("4f1c0a");
        assertEquals("4f1c0a", GrpcBench.txId(e));
        assertEquals(GrpcBench.txId(e), GrpcBench.txId(e.toByteString()));
    }

    @Test
    void followsProtobufsRulesForFieldOrderAndRepeatedFields() {
        Envelope first = envelope("first");
        Envelope last = envelope("last");
        // signature before payload, and the payload field twice: protobuf keeps the last value of a bytes field
        ByteString reordered = Envelope.newBuilder().setSignature(ByteString.copyFromUtf8("s")).build().toByteString()
                .concat(Envelope.newBuilder().setPayload(first.getPayload()).build().toByteString())
                .concat(Envelope.newBuilder().setPayload(last.getPayload()).build().toByteString());
        assertEquals("last", GrpcBench.txId(reordered));
        assertEquals(GrpcBench.txId(assertParses(reordered)), GrpcBench.txId(reordered));
    }

    @Test
    void readsViewsOfBuffersAsGrpcHandsThem() {
        Envelope e = envelope("in-a-direct-buffer");
        byte[] bytes = e.toByteArray();
        java.nio.ByteBuffer direct = java.nio.ByteBuffer.allocateDirect(bytes.length);
        direct.put(bytes).flip();
        assertEquals("in-a-direct-buffer", GrpcBench.txId(com.google.protobuf.UnsafeByteOperations.unsafeWrap(direct)));
        // a rope over two buffers, split inside the channel header
        int cut = bytes.length / 3;
        ByteString rope = ByteString.copyFrom(bytes, 0, cut).concat(ByteString.copyFrom(bytes, cut, bytes.length - cut));
        assertEquals("in-a-direct-buffer", GrpcBench.txId(rope));
    }

    @Test
    void notAnEnvelopeHasNoTxId() {
        assertEquals("", GrpcBench.txId(ByteString.copyFrom(new byte[] {(byte) 0xff, (byte) 0xff, 0x01})));
        assertEquals("", GrpcBench.txId(ByteString.EMPTY));
    }

    private static Envelope assertParses(ByteString bytes) {
        try {
            return Envelope.parseFrom(bytes);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }
}
