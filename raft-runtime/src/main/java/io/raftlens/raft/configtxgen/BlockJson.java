package io.raftlens.raft.configtxgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MapEntry;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockDataHashingStructure;
import org.hyperledger.fabric.protos.common.Capabilities;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigPolicy;
import org.hyperledger.fabric.protos.common.ConfigValue;
import org.hyperledger.fabric.protos.common.Consortium;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HashingAlgorithm;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.ImplicitMetaPolicy;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.OrdererAddresses;
import org.hyperledger.fabric.protos.common.Orderers;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.Policy;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.hyperledger.fabric.protos.msp.FabricMSPConfig;
import org.hyperledger.fabric.protos.msp.MSPConfig;
import org.hyperledger.fabric.protos.orderer.BatchSize;
import org.hyperledger.fabric.protos.orderer.BatchTimeout;
import org.hyperledger.fabric.protos.orderer.ChannelRestrictions;
import org.hyperledger.fabric.protos.orderer.ConsensusType;
import org.hyperledger.fabric.protos.orderer.KafkaBrokers;
import org.hyperledger.fabric.protos.orderer.etcdraft.ConfigMetadata;
import org.hyperledger.fabric.protos.peer.ACLs;
import org.hyperledger.fabric.protos.peer.AnchorPeers;

/**
 * A block, or a config group, as JSON in the shape of Fabric's {@code protolator.DeepMarshalJSON} (what
 * {@code configtxgen -inspectBlock} and {@code configtxlator proto_decode} print): proto field names, every field
 * present with its default, 64-bit integers as strings, bytes as base64 (empty bytes as null), enums by name,
 * timestamps as RFC 3339, and the opaque bytes Fabric knows the type of decoded in place — envelopes, headers,
 * the config, each config value by its key, policies by their type, MSP configs, etcdraft metadata.
 */
public final class BlockJson {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private BlockJson() {
    }

    /** The whole block. */
    public static ObjectNode block(Block block) {
        ObjectNode out = F.objectNode();
        out.set("data", blockData(block));
        out.set("header", message(block.getHeader()));
        ObjectNode md = F.objectNode();
        ArrayNode mds = md.putArray("metadata");
        block.getMetadata().getMetadataList().forEach(b -> mds.add(bytes(b)));
        out.set("metadata", md);
        return out;
    }

    /** A config group as it appears under {@code channel_group}. */
    public static ObjectNode channelGroup(ConfigGroup group) {
        return group(group, Kind.CHANNEL);
    }

    /** An organization's group as {@code configtxgen -printOrg} prints it. */
    public static ObjectNode organizationGroup(ConfigGroup group) {
        return group(group, Kind.ORG);
    }

    private static ObjectNode blockData(Block block) {
        ObjectNode data = F.objectNode();
        ArrayNode arr = data.putArray("data");
        for (ByteString b : block.getData().getDataList()) {
            arr.add(envelope(b));
        }
        return data;
    }

    private static JsonNode envelope(ByteString raw) {
        try {
            Envelope env = Envelope.parseFrom(raw);
            ObjectNode out = F.objectNode();
            out.set("payload", payload(env.getPayload()));
            out.set("signature", bytes(env.getSignature()));
            return out;
        } catch (InvalidProtocolBufferException e) {
            return bytes(raw);
        }
    }

    private static JsonNode payload(ByteString raw) throws InvalidProtocolBufferException {
        Payload p = Payload.parseFrom(raw);
        ChannelHeader ch = ChannelHeader.parseFrom(p.getHeader().getChannelHeader());
        ObjectNode header = F.objectNode();
        header.set("channel_header", message(ch));
        header.set("signature_header", message(SignatureHeader.parseFrom(p.getHeader().getSignatureHeader())));
        ObjectNode out = F.objectNode();
        if (ch.getType() == HeaderType.CONFIG_VALUE) {
            ConfigEnvelope ce = ConfigEnvelope.parseFrom(p.getData());
            ObjectNode data = F.objectNode();
            ObjectNode config = F.objectNode();
            config.set("channel_group", channelGroup(ce.getConfig().getChannelGroup()));
            config.put("sequence", Long.toUnsignedString(ce.getConfig().getSequence()));
            data.set("config", config);
            data.set("last_update", ce.hasLastUpdate() ? envelope(ce.getLastUpdate().toByteString()) : F.nullNode());
            out.set("data", data);
        } else {
            out.set("data", bytes(p.getData()));
        }
        out.set("header", header);
        return out;
    }

    enum Kind { CHANNEL, ORDERER, APPLICATION, CONSORTIUMS, CONSORTIUM, ORG }

    private static ObjectNode group(ConfigGroup g, Kind kind) {
        ObjectNode out = F.objectNode();
        ObjectNode groups = out.putObject("groups");
        g.getGroupsMap().forEach((k, v) -> groups.set(k, group(v, child(kind, k))));
        out.put("mod_policy", g.getModPolicy());
        ObjectNode policies = out.putObject("policies");
        g.getPoliciesMap().forEach((k, v) -> policies.set(k, policy(v)));
        ObjectNode values = out.putObject("values");
        g.getValuesMap().forEach((k, v) -> values.set(k, value(k, v, kind)));
        out.put("version", Long.toUnsignedString(g.getVersion()));
        return out;
    }

    private static Kind child(Kind parent, String key) {
        return switch (parent) {
            case CHANNEL -> switch (key) {
                case "Orderer" -> Kind.ORDERER;
                case "Application" -> Kind.APPLICATION;
                case "Consortiums" -> Kind.CONSORTIUMS;
                default -> Kind.ORG;
            };
            case CONSORTIUMS -> Kind.CONSORTIUM;
            default -> Kind.ORG;
        };
    }

    private static ObjectNode policy(ConfigPolicy p) {
        ObjectNode out = F.objectNode();
        out.put("mod_policy", p.getModPolicy());
        if (p.hasPolicy()) {
            ObjectNode pol = F.objectNode();
            Policy inner = p.getPolicy();
            pol.put("type", inner.getType());
            pol.set("value", policyValue(inner));
            out.set("policy", pol);
        } else {
            out.set("policy", F.nullNode());
        }
        out.put("version", Long.toUnsignedString(p.getVersion()));
        return out;
    }

    private static JsonNode policyValue(Policy p) {
        try {
            return switch (p.getType()) {
                case Policy.PolicyType.SIGNATURE_VALUE -> signaturePolicy(SignaturePolicyEnvelope.parseFrom(p.getValue()));
                case Policy.PolicyType.IMPLICIT_META_VALUE -> message(ImplicitMetaPolicy.parseFrom(p.getValue()));
                default -> bytes(p.getValue());
            };
        } catch (InvalidProtocolBufferException e) {
            return bytes(p.getValue());
        }
    }

    private static JsonNode signaturePolicy(SignaturePolicyEnvelope env) throws InvalidProtocolBufferException {
        ObjectNode out = F.objectNode();
        ArrayNode ids = out.putArray("identities");
        for (MSPPrincipal id : env.getIdentitiesList()) {
            ObjectNode p = F.objectNode();
            if (id.getPrincipalClassification() == MSPPrincipal.Classification.ROLE) {
                p.set("principal", message(MSPRole.parseFrom(id.getPrincipal())));
            } else if (id.getPrincipalClassification() == MSPPrincipal.Classification.IDENTITY) {
                p.set("principal", message(org.hyperledger.fabric.protos.msp.SerializedIdentity.parseFrom(id.getPrincipal())));
            } else if (id.getPrincipalClassification() == MSPPrincipal.Classification.ORGANIZATION_UNIT) {
                p.set("principal", message(org.hyperledger.fabric.protos.common.OrganizationUnit.parseFrom(id.getPrincipal())));
            } else {
                p.set("principal", bytes(id.getPrincipal()));
            }
            p.put("principal_classification", id.getPrincipalClassification().name());
            ids.add(p);
        }
        out.set("rule", message(env.getRule()));
        out.put("version", env.getVersion());
        return out;
    }

    private static ObjectNode value(String key, ConfigValue v, Kind kind) {
        ObjectNode out = F.objectNode();
        out.put("mod_policy", v.getModPolicy());
        out.set("value", typedValue(key, v.getValue(), kind));
        out.put("version", Long.toUnsignedString(v.getVersion()));
        return out;
    }

    private static JsonNode typedValue(String key, ByteString raw, Kind kind) {
        try {
            return switch (key) {
                case "HashingAlgorithm" -> message(HashingAlgorithm.parseFrom(raw));
                case "BlockDataHashingStructure" -> message(BlockDataHashingStructure.parseFrom(raw));
                case "OrdererAddresses", "Endpoints" -> message(OrdererAddresses.parseFrom(raw));
                case "Consortium" -> message(Consortium.parseFrom(raw));
                case "Capabilities" -> message(Capabilities.parseFrom(raw));
                case "BatchSize" -> message(BatchSize.parseFrom(raw));
                case "BatchTimeout" -> message(BatchTimeout.parseFrom(raw));
                case "ChannelRestrictions" -> message(ChannelRestrictions.parseFrom(raw));
                case "KafkaBrokers" -> message(KafkaBrokers.parseFrom(raw));
                case "Orderers" -> message(Orderers.parseFrom(raw));
                case "ConsensusType" -> consensusType(ConsensusType.parseFrom(raw));
                case "MSP" -> msp(MSPConfig.parseFrom(raw));
                case "AnchorPeers" -> message(AnchorPeers.parseFrom(raw));
                case "ACLs" -> message(ACLs.parseFrom(raw));
                case "ChannelCreationPolicy" -> {
                    Policy p = Policy.parseFrom(raw);
                    ObjectNode o = F.objectNode();
                    o.put("type", p.getType());
                    o.set("value", policyValue(p));
                    yield o;
                }
                default -> bytes(raw);
            };
        } catch (InvalidProtocolBufferException e) {
            return bytes(raw);
        }
    }

    private static JsonNode consensusType(ConsensusType ct) throws InvalidProtocolBufferException {
        ObjectNode out = F.objectNode();
        out.set("metadata", switch (ct.getType()) {
            case "etcdraft" -> message(ConfigMetadata.parseFrom(ct.getMetadata()));
            case "BFT" -> message(org.hyperledger.fabric.protos.orderer.smartbft.Options.parseFrom(ct.getMetadata()));
            default -> bytes(ct.getMetadata());
        });
        out.put("state", ct.getState().name());
        out.put("type", ct.getType());
        return out;
    }

    private static JsonNode msp(MSPConfig m) throws InvalidProtocolBufferException {
        ObjectNode out = F.objectNode();
        out.set("config", m.getType() == MspDirectory.FABRIC ? message(FabricMSPConfig.parseFrom(m.getConfig())) : bytes(m.getConfig()));
        out.put("type", m.getType());
        return out;
    }

    /** Any message, field by field, defaults included, in the jsonpb {@code OrigName}/{@code EmitDefaults} style. */
    static ObjectNode message(Message m) {
        ObjectNode out = F.objectNode();
        for (FieldDescriptor f : m.getDescriptorForType().getFields()) {
            if (f.getRealContainingOneof() != null && !m.hasField(f)) {
                continue; // jsonpb prints only the member of a oneof that is set
            }
            if (f.isMapField()) {
                ObjectNode map = out.putObject(f.getName());
                for (Object e : (List<?>) m.getField(f)) {
                    MapEntry<?, ?> entry = (MapEntry<?, ?>) e;
                    FieldDescriptor vf = entry.getDescriptorForType().findFieldByName("value");
                    map.set(String.valueOf(entry.getKey()), scalar(vf, entry.getValue()));
                }
            } else if (f.isRepeated()) {
                ArrayNode arr = out.putArray(f.getName());
                for (Object o : (List<?>) m.getField(f)) {
                    arr.add(scalar(f, o));
                }
            } else if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !m.hasField(f)) {
                out.set(f.getName(), F.nullNode());
            } else {
                out.set(f.getName(), scalar(f, m.getField(f)));
            }
        }
        return out;
    }

    private static JsonNode scalar(FieldDescriptor f, Object v) {
        return switch (f.getJavaType()) {
            case MESSAGE -> v instanceof Timestamp t ? F.textNode(Instant.ofEpochSecond(t.getSeconds(), t.getNanos()).toString())
                    : message((Message) v);
            case BYTE_STRING -> bytes((ByteString) v);
            case ENUM -> F.textNode(((com.google.protobuf.Descriptors.EnumValueDescriptor) v).getName());
            case LONG -> f.getType() == FieldDescriptor.Type.UINT64 || f.getType() == FieldDescriptor.Type.FIXED64
                    ? F.textNode(Long.toUnsignedString((Long) v)) : F.textNode(v.toString());
            case INT -> f.getType() == FieldDescriptor.Type.UINT32 || f.getType() == FieldDescriptor.Type.FIXED32
                    ? F.numberNode(Integer.toUnsignedLong((Integer) v)) : F.numberNode((Integer) v);
            case BOOLEAN -> F.booleanNode((Boolean) v);
            case STRING -> F.textNode((String) v);
            case FLOAT -> F.numberNode((Float) v);
            case DOUBLE -> F.numberNode((Double) v);
        };
    }

    private static JsonNode bytes(ByteString b) {
        return b.isEmpty() ? F.nullNode() : F.textNode(Base64.getEncoder().encodeToString(b.toByteArray()));
    }

    /**
     * JSON text as configtxgen prints it (Go's {@code json.Marshal} of protolator's tree, indented by two spaces):
     * object keys sorted, {@code "key": value}, and {@code <}, {@code >}, {@code &} escaped as Go escapes them.
     */
    public static String text(JsonNode node) {
        StringBuilder out = new StringBuilder();
        write(node, out, "");
        return out.toString();
    }

    private static void write(JsonNode n, StringBuilder out, String indent) {
        if (n.isObject()) {
            List<String> keys = new java.util.ArrayList<>();
            n.fieldNames().forEachRemaining(keys::add);
            if (keys.isEmpty()) {
                out.append("{}");
                return;
            }
            java.util.Collections.sort(keys);
            out.append("{\n");
            String inner = indent + "  ";
            for (int i = 0; i < keys.size(); i++) {
                out.append(inner);
                string(keys.get(i), out);
                out.append(": ");
                write(n.get(keys.get(i)), out, inner);
                out.append(i + 1 < keys.size() ? ",\n" : "\n");
            }
            out.append(indent).append('}');
        } else if (n.isArray()) {
            if (n.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append("[\n");
            String inner = indent + "  ";
            for (int i = 0; i < n.size(); i++) {
                out.append(inner);
                write(n.get(i), out, inner);
                out.append(i + 1 < n.size() ? ",\n" : "\n");
            }
            out.append(indent).append(']');
        } else if (n.isTextual()) {
            string(n.asText(), out);
        } else {
            out.append(n.toString());
        }
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '<', '>', '&' -> out.append(String.format("\\u%04x", (int) c));
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
