package io.raftlens.raft.fabric.msgprocessor;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import io.raftlens.raft.fabric.msp.SigningIdentity;
import io.raftlens.raft.fabric.policy.SignedData;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;

/** Fabric's protoutil envelope helpers: header extraction, SignedData, and signed envelope creation. */
public final class Envelopes {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Envelopes() {
    }

    /** protoutil.ChannelHeader, with Fabric's errors. */
    public static ChannelHeader channelHeader(Envelope env) throws RejectedMessage {
        Payload payload;
        try {
            payload = Payload.parseFrom(env.getPayload());
        } catch (InvalidProtocolBufferException e) {
            throw bad("error unmarshalling Payload: " + e.getMessage());
        }
        if (!payload.hasHeader()) {
            throw bad("header not set");
        }
        if (payload.getHeader().getChannelHeader().isEmpty()) { // Go's proto3 decodes empty bytes as nil
            throw bad("channel header not set");
        }
        try {
            return ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
        } catch (InvalidProtocolBufferException e) {
            throw bad("error unmarshalling channel header: error unmarshalling ChannelHeader: " + e.getMessage());
        }
    }

    /**
     * The ConfigEnvelope of a CONFIG envelope (protoutil.UnmarshalEnvelopeOfType(env, CONFIG, …)): BAD_REQUEST
     * {@code invalid type T, expected CONFIG} for another header type, {@code error unmarshalling: …} for bad bytes.
     */
    public static org.hyperledger.fabric.protos.common.ConfigEnvelope configEnvelope(Envelope env) throws RejectedMessage {
        try {
            Payload p = Payload.parseFrom(env.getPayload());
            ChannelHeader ch = ChannelHeader.parseFrom(p.getHeader().getChannelHeader());
            if (ch.getType() != HeaderType.CONFIG_VALUE) {
                throw new RejectedMessage(org.hyperledger.fabric.protos.common.Status.BAD_REQUEST,
                        "invalid type " + ch.getType() + ", expected CONFIG");
            }
            return org.hyperledger.fabric.protos.common.ConfigEnvelope.parseFrom(p.getData());
        } catch (InvalidProtocolBufferException e) {
            throw new RejectedMessage(org.hyperledger.fabric.protos.common.Status.BAD_REQUEST, "error unmarshalling: "
                    + e.getMessage());
        }
    }

    /** protoutil.EnvelopeAsSignedData: the payload, its signature header's creator and the envelope signature. */
    public static List<SignedData> asSignedData(Envelope env) throws RejectedMessage {
        Payload payload;
        try {
            payload = Payload.parseFrom(env.getPayload());
        } catch (InvalidProtocolBufferException e) {
            throw bad(e.getMessage());
        }
        if (!payload.hasHeader()) {
            throw bad("Missing Header");
        }
        SignatureHeader shdr;
        try {
            shdr = SignatureHeader.parseFrom(payload.getHeader().getSignatureHeader());
        } catch (InvalidProtocolBufferException e) {
            throw bad("GetSignatureHeaderFromBytes failed, err " + e.getMessage());
        }
        return List.of(new SignedData(env.getPayload().toByteArray(), shdr.getCreator().toByteArray(),
                env.getSignature().toByteArray()));
    }

    /** protoutil.MakeChannelHeader: the time in whole seconds. */
    public static ChannelHeader.Builder channelHeader(HeaderType type, String channelId, Instant now) {
        return ChannelHeader.newBuilder().setType(type.getNumber()).setVersion(0).setChannelId(channelId).setEpoch(0)
                .setTimestamp(Timestamp.newBuilder().setSeconds(now.getEpochSecond()));
    }

    /** A 24-byte random nonce (Fabric's CreateNonce). */
    public static byte[] nonce() {
        byte[] n = new byte[24];
        RANDOM.nextBytes(n);
        return n;
    }

    /** protoutil.ComputeTxID: hex SHA-256 of nonce ‖ creator. */
    public static String txId(byte[] nonce, byte[] creator) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(nonce);
            d.update(creator);
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** protoutil.CreateSignedEnvelope: header type, channel, the signer's creator and nonce, data, signature. */
    public static Envelope signed(HeaderType type, String channelId, SigningIdentity signer, Message data) {
        return signed(channelHeader(type, channelId, Instant.now()), signer, data.toByteString());
    }

    /**
     * A signed envelope over arbitrary payload data, with the tx id of an endorser transaction (used by clients that
     * broadcast opaque transactions, e.g. RaftLens's control API and bench).
     */
    public static Envelope signedTransaction(String channelId, SigningIdentity signer, ByteString data, Instant now) {
        byte[] nonce = nonce();
        byte[] creator = signer.serialize();
        ChannelHeader.Builder ch = channelHeader(HeaderType.ENDORSER_TRANSACTION, channelId, now).setTxId(txId(nonce, creator));
        return sign(ch, signer, creator, nonce, data);
    }

    static Envelope signed(ChannelHeader.Builder ch, SigningIdentity signer, ByteString data) {
        return sign(ch, signer, signer.serialize(), nonce(), data);
    }

    private static Envelope sign(ChannelHeader.Builder ch, SigningIdentity signer, byte[] creator, byte[] nonce, ByteString data) {
        SignatureHeader sh = SignatureHeader.newBuilder().setCreator(ByteString.copyFrom(creator))
                .setNonce(ByteString.copyFrom(nonce)).build();
        Payload payload = Payload.newBuilder()
                .setHeader(Header.newBuilder().setChannelHeader(ch.build().toByteString()).setSignatureHeader(sh.toByteString()))
                .setData(data).build();
        byte[] bytes = payload.toByteArray();
        return Envelope.newBuilder().setPayload(ByteString.copyFrom(bytes)).setSignature(ByteString.copyFrom(signer.sign(bytes))).build();
    }

    private static RejectedMessage bad(String info) {
        return new RejectedMessage(org.hyperledger.fabric.protos.common.Status.BAD_REQUEST, info);
    }
}
