package io.raftlens.raft.fabric.msp;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/**
 * A channel's MSPs by id (Fabric's {@code mspManagerImpl}): deserializes a {@code SerializedIdentity} with the MSP
 * it names. MSPs of a type RaftLens does not implement (idemix) are known by id but deserialize nothing.
 */
public final class MspManager {
    private final Map<String, FabricMsp> msps;
    private final Map<String, String> unsupported;

    public MspManager(Map<String, FabricMsp> msps, Map<String, String> unsupported) {
        this.msps = new LinkedHashMap<>(msps);
        this.unsupported = new LinkedHashMap<>(unsupported);
    }

    public static MspManager of(Collection<FabricMsp> msps) {
        Map<String, FabricMsp> m = new LinkedHashMap<>();
        for (FabricMsp msp : msps) {
            m.put(msp.name(), msp);
        }
        return new MspManager(m, Map.of());
    }

    public Optional<FabricMsp> msp(String id) {
        return Optional.ofNullable(msps.get(id));
    }

    public Map<String, FabricMsp> msps() {
        return java.util.Collections.unmodifiableMap(msps);
    }

    /** Fabric's DeserializeIdentity; the error says which MSP is missing or why the certificate was refused. */
    public MspIdentity deserializeIdentity(byte[] serialized) throws MspException {
        SerializedIdentity sid;
        try {
            sid = SerializedIdentity.parseFrom(serialized);
        } catch (InvalidProtocolBufferException e) {
            throw new MspException("could not deserialize a SerializedIdentity: " + e.getMessage());
        }
        FabricMsp msp = msps.get(sid.getMspid());
        if (msp == null) {
            String why = unsupported.get(sid.getMspid());
            if (why != null) {
                throw new MspException("MSP " + sid.getMspid() + " is " + why);
            }
            throw new MspException("MSP " + sid.getMspid() + " is not defined on channel");
        }
        return msp.deserializeIdBytes(sid.getIdBytes());
    }
}
