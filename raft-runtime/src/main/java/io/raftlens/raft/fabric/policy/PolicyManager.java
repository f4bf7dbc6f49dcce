package io.raftlens.raft.fabric.policy;

import com.google.protobuf.InvalidProtocolBufferException;
import io.raftlens.raft.fabric.msp.MspManager;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigPolicy;

/**
 * Fabric's policies.ManagerImpl over a config group tree: each group's policies by name, and every descendant's by
 * relative path ("Orderer/Writers"); absolute paths ("/Channel/Orderer/Writers") resolve from the root. A missing
 * policy is a policy that rejects everything, as in Fabric.
 */
public final class PolicyManager {
    public static final String CHANNEL = "Channel";
    public static final String CHANNEL_READERS = "/Channel/Readers";
    public static final String CHANNEL_WRITERS = "/Channel/Writers";
    public static final String CHANNEL_ADMINS = "/Channel/Admins";
    public static final String CHANNEL_ORDERER_WRITERS = "/Channel/Orderer/Writers";
    public static final String BLOCK_VALIDATION = "/Channel/Orderer/BlockValidation";

    private final String path;
    private final Map<String, Policy> policies;
    private final Map<String, PolicyManager> managers;

    private PolicyManager(String path, Map<String, Policy> policies, Map<String, PolicyManager> managers) {
        this.path = path;
        this.policies = policies;
        this.managers = managers;
    }

    /** The manager of a channel group (path "Channel"), compiling every policy; PolicyException names the bad one. */
    public static PolicyManager forChannel(ConfigGroup channelGroup, MspManager deserializer) throws PolicyException {
        return build(CHANNEL, channelGroup, deserializer);
    }

    static PolicyManager build(String path, ConfigGroup group, MspManager deserializer) throws PolicyException {
        Map<String, PolicyManager> managers = new TreeMap<>();
        for (var e : group.getGroupsMap().entrySet()) {
            managers.put(e.getKey(), build(path + "/" + e.getKey(), e.getValue(), deserializer));
        }
        Map<String, Policy> policies = new TreeMap<>();
        for (var e : group.getPoliciesMap().entrySet()) {
            String name = e.getKey();
            ConfigPolicy cp = e.getValue();
            if (!cp.hasPolicy()) {
                throw new PolicyException("policy " + name + " at path " + path + " was nil");
            }
            var p = cp.getPolicy();
            Policy compiled;
            switch (p.getType()) {
                case org.hyperledger.fabric.protos.common.Policy.PolicyType.IMPLICIT_META_VALUE -> {
                    org.hyperledger.fabric.protos.common.ImplicitMetaPolicy def;
                    try {
                        def = org.hyperledger.fabric.protos.common.ImplicitMetaPolicy.parseFrom(p.getValue());
                    } catch (InvalidProtocolBufferException ex) {
                        throw new PolicyException("implicit policy " + name + " at path " + path
                                + " did not compile: Error unmarshalling to ImplicitMetaPolicy: " + ex.getMessage());
                    }
                    List<Policy> subs = new ArrayList<>();
                    for (PolicyManager m : managers.values()) {
                        subs.add(m.policy(def.getSubPolicy()).orElse(new RejectPolicy(def.getSubPolicy())));
                    }
                    compiled = new ImplicitMetaPolicy(def, subs);
                }
                case org.hyperledger.fabric.protos.common.Policy.PolicyType.SIGNATURE_VALUE -> {
                    try {
                        compiled = SignaturePolicy.compile(p.getValue().toByteArray(), deserializer);
                    } catch (PolicyException ex) {
                        throw new PolicyException("policy " + name + " at path " + path + " did not compile: " + ex.getMessage());
                    }
                }
                default -> throw new PolicyException("policy " + name + " at path " + path + " has unknown policy type: " + p.getType());
            }
            policies.put(name, compiled);
        }
        for (var m : managers.entrySet()) {
            for (var p : m.getValue().policies.entrySet()) {
                policies.put(m.getKey() + "/" + p.getKey(), p.getValue());
            }
        }
        return new PolicyManager(path, Collections.unmodifiableMap(policies), Collections.unmodifiableMap(managers));
    }

    /** The policy at a relative or absolute path, if defined. */
    public Optional<Policy> policy(String id) {
        if (id.isEmpty()) {
            return Optional.empty();
        }
        String rel;
        if (id.startsWith("/")) {
            if (!id.startsWith("/" + path + "/")) {
                return Optional.empty();
            }
            rel = id.substring(path.length() + 2);
        } else {
            rel = id;
        }
        return Optional.ofNullable(policies.get(rel));
    }

    /** Fabric's GetPolicy: the policy, or one that rejects with "no such policy". */
    public Policy policyOrReject(String id) {
        return policy(id).orElseGet(() -> new RejectPolicy(id.startsWith("/") && id.startsWith("/" + path + "/")
                ? id.substring(path.length() + 2) : id));
    }

    public Optional<PolicyManager> manager(String... groupPath) {
        PolicyManager m = this;
        for (String g : groupPath) {
            m = m.managers.get(g);
            if (m == null) {
                return Optional.empty();
            }
        }
        return Optional.of(m);
    }

    public String path() {
        return path;
    }
}
