package io.raftlens.raft.network;

import com.google.protobuf.InvalidProtocolBufferException;
import org.hyperledger.fabric.protos.common.Payload;

/** Whether a control-API body is a Fabric {@code Payload} with a header (checked as Fabric checks one). */
final class StandardChannelPayloads {
    private StandardChannelPayloads() {
    }

    static boolean isFabricPayload(byte[] body) {
        try {
            Payload p = Payload.parseFrom(body);
            return p.hasHeader() && !p.getHeader().getChannelHeader().isEmpty();
        } catch (InvalidProtocolBufferException e) {
            return false;
        }
    }
}
