package io.raftlens.raft.transport;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The consenters of each channel, by node id, with the DER bytes of their ClientTLSCert. A peer is authorized on a
 * channel when the certificate it presented in the TLS handshake is byte-for-byte the consenter's certificate, as
 * Fabric's cluster comm checks it.
 */
final class ChannelMembership {
    private final Map<String, Map<Long, byte[]>> channels = new ConcurrentHashMap<>();

    void set(String channel, Map<Long, X509Certificate> consenters) {
        Map<Long, byte[]> ders = new HashMap<>();
        consenters.forEach((id, cert) -> ders.put(id, der(cert)));
        channels.put(channel, Map.copyOf(ders));
    }

    void remove(String channel) {
        channels.remove(channel);
    }

    /** Whether {@code certDer} is consenter {@code node}'s certificate on {@code channel}. */
    boolean authorizes(String channel, long node, byte[] certDer) {
        Map<Long, byte[]> members = channels.get(channel);
        if (members == null) {
            return false;
        }
        byte[] expected = members.get(node);
        return expected != null && Arrays.equals(expected, certDer);
    }

    /** Whether {@code certDer} belongs to consenter {@code node} on at least one channel. */
    boolean knows(long node, byte[] certDer) {
        for (String channel : channels.keySet()) {
            if (authorizes(channel, node, certDer)) {
                return true;
            }
        }
        return false;
    }

    static byte[] der(X509Certificate cert) {
        try {
            return cert.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new TlsConfigException("consenter certificate " + cert.getSubjectX500Principal()
                    + " cannot be DER-encoded: " + e.getMessage(), e);
        }
    }
}
