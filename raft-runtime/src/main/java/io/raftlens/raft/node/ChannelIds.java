package io.raftlens.raft.node;

import org.hyperledger.fabric.protos.orderer.etcdraft.Consenter;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One channel's Raft ids against this launch's node ids. They are equal for the consenters of the genesis block;
 * a consenter added by a config update gets a new Raft id (next_consenter_id, as Fabric assigns it) while the
 * cluster transport still knows it by its node id. A consenter is matched to a node by its ClientTlsCert.
 */
public final class ChannelIds {

    static final ChannelIds IDENTITY = new ChannelIds(Map.of(), Map.of());

    private final Map<Long, Long> nodeByRaft;
    private final Map<Long, Long> raftByNode;

    private ChannelIds(Map<Long, Long> nodeByRaft, Map<Long, Long> raftByNode) {
        this.nodeByRaft = nodeByRaft;
        this.raftByNode = raftByNode;
    }

    /** Matches each consenter (by Raft id) to the node presenting its certificate; unmatched ids stay as they are. */
    static ChannelIds of(Map<Long, Consenter> consenters, Map<Long, X509Certificate> nodeCerts) {
        Map<Long, Long> nodeByRaft = new HashMap<>();
        Map<Long, Long> raftByNode = new HashMap<>();
        consenters.forEach((raftId, c) -> {
            Long node = nodeOf(c, nodeCerts);
            if (node != null && node.longValue() != raftId) {
                nodeByRaft.put(raftId, node);
                raftByNode.put(node, raftId);
            }
        });
        return new ChannelIds(Map.copyOf(nodeByRaft), Map.copyOf(raftByNode));
    }

    /** The node whose certificate is {@code c}'s ClientTlsCert, or null. */
    public static Long nodeOf(Consenter c, Map<Long, X509Certificate> nodeCerts) {
        byte[] der = der(c);
        if (der == null) {
            return null;
        }
        for (Map.Entry<Long, X509Certificate> e : nodeCerts.entrySet()) {
            try {
                if (Arrays.equals(der, e.getValue().getEncoded())) {
                    return e.getKey();
                }
            } catch (CertificateEncodingException ignored) {
                // not this one
            }
        }
        return null;
    }

    /** The DER bytes of a consenter's ClientTlsCert (PEM, as configtxgen embeds it), or null if it has none. */
    private static byte[] der(Consenter c) {
        if (c.getClientTlsCert().isEmpty()) {
            return null;
        }
        try {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(c.getClientTlsCert().toByteArray()));
            return cert.getEncoded();
        } catch (CertificateException e) {
            return null;
        }
    }

    boolean isIdentity() {
        return nodeByRaft.isEmpty();
    }

    long node(long raftId) {
        return nodeByRaft.getOrDefault(raftId, raftId);
    }

    long raft(long nodeId) {
        return raftByNode.getOrDefault(nodeId, nodeId);
    }

    /** The node ids of {@code raftIds}, in order. */
    java.util.List<Long> nodes(java.util.List<Long> raftIds) {
        return raftIds.stream().map(this::node).toList();
    }

    /** {@code consenters} keyed by node id. */
    Map<Long, Consenter> byNode(Map<Long, Consenter> consenters) {
        Map<Long, Consenter> out = new LinkedHashMap<>();
        consenters.forEach((raftId, c) -> out.put(node(raftId), c));
        return out;
    }
}
