package io.raftlens.raft.fabric.configtx;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.raftlens.raft.fabric.policy.Policy;
import io.raftlens.raft.fabric.policy.PolicyException;
import io.raftlens.raft.fabric.policy.PolicyManager;
import io.raftlens.raft.fabric.policy.SignedData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.ConfigSignature;
import org.hyperledger.fabric.protos.common.ConfigUpdate;
import org.hyperledger.fabric.protos.common.ConfigUpdateEnvelope;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fabric's {@code configtx.ValidatorImpl} for one channel config: {@link #proposeConfigUpdate} turns a CONFIG_UPDATE
 * envelope into the next ConfigEnvelope (sequence + 1, last_update = the envelope) after checking its read set, its
 * delta set's versions and mod_policies against the update's signatures; {@link #validate} re-derives a
 * ConfigEnvelope's config from its last_update. Immutable; one per config sequence.
 */
public final class ConfigtxValidator {
    private static final Logger LOG = LoggerFactory.getLogger("common.configtx");
    private static final Pattern CHANNEL_ID = Pattern.compile("[a-z][a-z0-9.-]*");

    private final String channelId;
    private final long sequence;
    private final Map<String, ConfigItem> configMap;
    private final PolicyManager policies;

    private ConfigtxValidator(String channelId, long sequence, Map<String, ConfigItem> configMap, PolicyManager policies) {
        this.channelId = channelId;
        this.sequence = sequence;
        this.configMap = configMap;
        this.policies = policies;
    }

    /** Fabric's NewValidatorImpl (namespace "Channel"). */
    public static ConfigtxValidator of(String channelId, Config config, PolicyManager policies) throws ConfigtxException {
        if (!config.hasChannelGroup()) {
            throw new ConfigtxException("nil channel group");
        }
        try {
            validateChannelId(channelId);
        } catch (ConfigtxException e) {
            throw new ConfigtxException("bad channel ID: " + e.getMessage());
        }
        Map<String, ConfigItem> map;
        try {
            map = ConfigMap.map(config.getChannelGroup());
        } catch (ConfigtxException e) {
            throw new ConfigtxException("error converting config to map: " + e.getMessage());
        }
        return new ConfigtxValidator(channelId, config.getSequence(), map, policies);
    }

    /** Fabric's ValidateChannelID. */
    public static void validateChannelId(String id) throws ConfigtxException {
        if (id.isEmpty()) {
            throw new ConfigtxException("channel ID illegal, cannot be empty");
        }
        if (id.length() > 249) {
            throw new ConfigtxException("channel ID illegal, cannot be longer than 249");
        }
        var m = CHANNEL_ID.matcher(id);
        if (!m.lookingAt() || m.end() != id.length()) {
            throw new ConfigtxException("'" + id + "' contains illegal characters");
        }
    }

    public long sequence() {
        return sequence;
    }

    /** Fabric's ProposeConfigUpdate. */
    public ConfigEnvelope proposeConfigUpdate(Envelope configtx) throws ConfigtxException {
        ConfigUpdateEnvelope cue;
        try {
            cue = envelopeToConfigUpdate(configtx);
        } catch (ConfigtxException e) {
            throw e.wrap("error converting envelope to config update");
        }
        Map<String, ConfigItem> proposed;
        try {
            proposed = authorizeUpdate(cue);
        } catch (ConfigtxException e) {
            throw e.wrap("error authorizing update");
        }
        var channelGroup = rebuild(proposed);
        return ConfigEnvelope.newBuilder()
                .setConfig(Config.newBuilder().setSequence(sequence + 1).setChannelGroup(channelGroup))
                .setLastUpdate(configtx).build();
    }

    /** Fabric's Validate: the envelope's config is what its last_update makes of this config. */
    public void validate(ConfigEnvelope env) throws ConfigtxException {
        if (!env.hasConfig()) {
            throw new ConfigtxException("config envelope has nil config");
        }
        if (env.getConfig().getSequence() != sequence + 1) {
            throw new ConfigtxException("config currently at sequence " + sequence + ", cannot validate config at sequence "
                    + env.getConfig().getSequence());
        }
        Map<String, ConfigItem> proposed = authorizeUpdate(envelopeToConfigUpdate(env.getLastUpdate()));
        if (!rebuild(proposed).equals(env.getConfig().getChannelGroup())) {
            throw new ConfigtxException("ConfigEnvelope LastUpdate did not produce the supplied config result");
        }
    }

    private static org.hyperledger.fabric.protos.common.ConfigGroup rebuild(Map<String, ConfigItem> proposed)
            throws ConfigtxException {
        try {
            return ConfigMap.toGroup(proposed);
        } catch (ConfigtxException e) {
            throw e.wrap("could not turn configMap back to channelGroup");
        }
    }

    /** protoutil.EnvelopeToConfigUpdate (UnmarshalEnvelopeOfType CONFIG_UPDATE). */
    public static ConfigUpdateEnvelope envelopeToConfigUpdate(Envelope env) throws ConfigtxException {
        try {
            Payload payload = Payload.parseFrom(env.getPayload());
            if (!payload.hasHeader()) {
                throw new ConfigtxException("bad payload: missing header");
            }
            ChannelHeader ch = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
            if (ch.getType() != HeaderType.CONFIG_UPDATE_VALUE) {
                throw new ConfigtxException("invalid type " + typeName(ch.getType()) + ", expected CONFIG_UPDATE");
            }
            return ConfigUpdateEnvelope.parseFrom(payload.getData());
        } catch (InvalidProtocolBufferException e) {
            throw new ConfigtxException("error unmarshalling: " + e.getMessage());
        }
    }

    private static String typeName(int type) {
        HeaderType t = HeaderType.forNumber(type);
        return t == null ? Integer.toString(type) : t.name();
    }

    /** Fabric's authorizeUpdate: the full proposed config map. */
    Map<String, ConfigItem> authorizeUpdate(ConfigUpdateEnvelope cue) throws ConfigtxException {
        ConfigUpdate update;
        try {
            update = ConfigUpdate.parseFrom(cue.getConfigUpdate());
        } catch (InvalidProtocolBufferException e) {
            throw new ConfigtxException(e.getMessage());
        }
        if (!update.getChannelId().equals(channelId)) {
            throw new ConfigtxException("ConfigUpdate for channel '" + update.getChannelId() + "' but envelope for channel '"
                    + channelId + "'");
        }
        Map<String, ConfigItem> readSet;
        try {
            readSet = ConfigMap.map(update.hasReadSet() ? update.getReadSet() : null);
        } catch (ConfigtxException e) {
            throw e.wrap("error mapping ReadSet");
        }
        try {
            verifyReadSet(readSet);
        } catch (ConfigtxException e) {
            throw e.wrap("error validating ReadSet");
        }
        Map<String, ConfigItem> writeSet;
        try {
            writeSet = ConfigMap.map(update.hasWriteSet() ? update.getWriteSet() : null);
        } catch (ConfigtxException e) {
            throw e.wrap("error mapping WriteSet");
        }
        Map<String, ConfigItem> delta = computeDeltaSet(readSet, writeSet);
        List<SignedData> signedData = asSignedData(cue);
        try {
            verifyDeltaSet(delta, signedData);
        } catch (ConfigtxException e) {
            throw e.wrap("error validating DeltaSet");
        }
        Map<String, ConfigItem> full = new LinkedHashMap<>(configMap);
        full.putAll(delta);
        for (String key : writeSet.keySet()) {
            if (!full.containsKey(key)) {
                throw new ConfigtxException("full config did not verify: writeset contained key " + key
                        + " which did not appear in proposed config");
            }
        }
        return full;
    }

    private void verifyReadSet(Map<String, ConfigItem> readSet) throws ConfigtxException {
        for (var e : readSet.entrySet()) {
            ConfigItem existing = configMap.get(e.getKey());
            if (existing == null) {
                throw new ConfigtxException("existing config does not contain element for " + e.getKey()
                        + " but was in the read set");
            }
            if (existing.version() != e.getValue().version()) {
                throw new ConfigtxException("proposed update requires that key " + e.getKey() + " be at version "
                        + Long.toUnsignedString(e.getValue().version()) + ", but it is currently at version "
                        + Long.toUnsignedString(existing.version()));
            }
        }
    }

    static Map<String, ConfigItem> computeDeltaSet(Map<String, ConfigItem> readSet, Map<String, ConfigItem> writeSet) {
        Map<String, ConfigItem> result = new LinkedHashMap<>();
        for (var e : writeSet.entrySet()) {
            ConfigItem read = readSet.get(e.getKey());
            if (read != null && read.version() == e.getValue().version()) {
                continue;
            }
            result.put(e.getKey(), e.getValue());
        }
        return result;
    }

    static void validateModPolicy(String modPolicy) throws ConfigtxException {
        if (modPolicy.isEmpty()) {
            throw new ConfigtxException("mod_policy not set");
        }
        String trimmed = modPolicy.charAt(0) == '/' ? modPolicy.substring(1) : modPolicy;
        String[] elements = trimmed.split("/", -1);
        for (int i = 0; i < elements.length; i++) {
            try {
                ConfigMap.validateConfigId(elements[i]);
            } catch (ConfigtxException e) {
                throw e.wrap("path element at " + i + " is invalid");
            }
        }
    }

    private void verifyDeltaSet(Map<String, ConfigItem> delta, List<SignedData> signedData) throws ConfigtxException {
        if (delta.isEmpty()) {
            throw new ConfigtxException("delta set was empty -- update would have no effect");
        }
        for (var e : delta.entrySet()) {
            String key = e.getKey();
            ConfigItem value = e.getValue();
            try {
                validateModPolicy(value.modPolicy());
            } catch (ConfigtxException ex) {
                throw ex.wrap("invalid mod_policy for element " + key);
            }
            ConfigItem existing = configMap.get(key);
            if (existing == null) {
                if (value.version() != 0) {
                    throw new ConfigtxException("attempted to set key " + key + " to version "
                            + Long.toUnsignedString(value.version()) + ", but key does not exist");
                }
                continue;
            }
            if (value.version() != existing.version() + 1) {
                throw new ConfigtxException("attempt to set key " + key + " to version " + Long.toUnsignedString(value.version())
                        + ", but key is at version " + Long.toUnsignedString(existing.version()));
            }
            Optional<Policy> policy = policyForItem(existing);
            if (policy.isEmpty()) {
                throw new ConfigtxException("unexpected missing policy " + existing.modPolicy() + " for item " + key);
            }
            try {
                policy.get().evaluateSignedData(signedData);
            } catch (PolicyException ex) {
                LOG.warn("policy not satisfied for channel configuration update key={} policy={}", key, existing.modPolicy());
                throw new ConfigtxException("policy for " + key + " not satisfied: " + ex.getMessage());
            }
        }
    }

    /** Fabric's policyForItem: a relative mod_policy is resolved in the manager of the item's group. */
    private Optional<Policy> policyForItem(ConfigItem item) {
        PolicyManager manager = policies;
        String modPolicy = item.modPolicy();
        if (!modPolicy.isEmpty() && modPolicy.charAt(0) != '/' && !item.path().isEmpty()) {
            List<String> sub = new ArrayList<>(item.path().subList(1, item.path().size()));
            if (item.isGroup()) {
                sub.add(item.key());
            }
            Optional<PolicyManager> m = manager.manager(sub.toArray(String[]::new));
            if (m.isEmpty()) {
                return Optional.empty();
            }
            manager = m.get();
        }
        return manager.policy(modPolicy);
    }

    /** protoutil.ConfigUpdateEnvelopeAsSignedData: each signature over signature_header ‖ config_update. */
    static List<SignedData> asSignedData(ConfigUpdateEnvelope cue) throws ConfigtxException {
        List<SignedData> result = new ArrayList<>();
        for (ConfigSignature sig : cue.getSignaturesList()) {
            SignatureHeader sh;
            try {
                sh = SignatureHeader.parseFrom(sig.getSignatureHeader());
            } catch (InvalidProtocolBufferException e) {
                throw new ConfigtxException(e.getMessage());
            }
            ByteString data = sig.getSignatureHeader().concat(cue.getConfigUpdate());
            result.add(new SignedData(data.toByteArray(), sh.getCreator().toByteArray(), sig.getSignature().toByteArray()));
        }
        return result;
    }
}
