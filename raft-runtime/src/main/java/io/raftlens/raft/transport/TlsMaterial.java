package io.raftlens.raft.transport;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * A node's TLS identity and the CAs it trusts, used both to accept (server) and to dial (client), as a Fabric
 * consenter uses one certificate pair for cluster traffic when General.Cluster.* is not set separately.
 *
 * @param key          the node's private key
 * @param certChain    the node's certificate first, then any intermediates
 * @param trustedRoots CA certificates a peer's certificate must chain to
 */
public record TlsMaterial(PrivateKey key, List<X509Certificate> certChain, List<X509Certificate> trustedRoots) {
    public TlsMaterial {
        if (certChain.isEmpty()) {
            throw new TlsConfigException("TLS certificate chain is empty");
        }
        if (trustedRoots.isEmpty()) {
            throw new TlsConfigException("no TLS root CA configured: set General.Cluster.RootCAs"
                    + " (or General.TLS.RootCAs) in orderer.yaml");
        }
        certChain = List.copyOf(certChain);
        trustedRoots = List.copyOf(trustedRoots);
    }

    public X509Certificate certificate() {
        return certChain.get(0);
    }

    /** Loads a consenter's real crypto material (e.g. cryptogen's tls/server.crt, server.key and ca.crt). */
    public static TlsMaterial fromPemFiles(Path certificate, Path privateKey, List<Path> rootCas) {
        List<X509Certificate> chain = Pem.readCertificates(certificate);
        PrivateKey key = Pem.readPrivateKey(privateKey);
        if (!KeyPairs.matches(key, chain.get(0).getPublicKey())) {
            throw new TlsConfigException("TLS private key " + privateKey + " does not belong to certificate "
                    + certificate + "; point both settings at the same node's tls/ folder");
        }
        List<X509Certificate> roots = new ArrayList<>();
        for (Path ca : rootCas) {
            roots.addAll(Pem.readCertificates(ca));
        }
        return new TlsMaterial(key, chain, roots);
    }
}
