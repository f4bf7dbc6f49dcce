package io.raftlens.raft.fabric.policy;

import io.raftlens.raft.fabric.msp.MspException;
import io.raftlens.raft.fabric.msp.MspIdentity;
import io.raftlens.raft.fabric.msp.MspManager;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Fabric's SignatureSetToValidIdentities: deserialize, drop duplicates before verifying, keep valid signers. */
public final class SignatureSets {
    private static final Logger LOG = LoggerFactory.getLogger("policies");

    private SignatureSets() {
    }

    public static List<MspIdentity> validIdentities(List<SignedData> signatures, MspManager deserializer) {
        Set<String> seen = new HashSet<>();
        List<MspIdentity> out = new ArrayList<>(signatures.size());
        for (int i = 0; i < signatures.size(); i++) {
            SignedData sd = signatures.get(i);
            MspIdentity id;
            try {
                id = deserializer.deserializeIdentity(sd.identity());
            } catch (MspException e) {
                LOG.warn("invalid identity: {}", e.getMessage());
                continue;
            }
            String key = id.mspId() + id.id();
            // checked before the signature so that a repeated identity cannot make us verify it many times
            if (seen.contains(key)) {
                LOG.warn("De-duplicating identity [{}] at index {} in signature set", key, i);
                continue;
            }
            try {
                sd.verifyWith(id);
            } catch (MspException e) {
                LOG.warn("signature for identity {} is invalid: {}", i, e.getMessage());
                continue;
            }
            seen.add(key);
            out.add(id);
        }
        return out;
    }
}
