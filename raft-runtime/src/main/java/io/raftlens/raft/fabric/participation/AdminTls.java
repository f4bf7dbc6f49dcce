package io.raftlens.raft.fabric.participation;

import io.raftlens.raft.transport.TlsMaterial;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * orderer.yaml {@code Admin.TLS}: the server's certificate and key, and the CAs a client certificate must chain to
 * ({@code ClientRootCAs}). Fabric refuses to start an admin server with TLS but without client authentication.
 *
 * @param server      the server identity; its {@code trustedRoots} are not used
 * @param clientRoots CAs of the admins' TLS client certificates
 */
public record AdminTls(TlsMaterial server, List<X509Certificate> clientRoots) {

    public AdminTls {
        clientRoots = List.copyOf(clientRoots);
        if (clientRoots.isEmpty()) {
            throw new IllegalArgumentException("Admin.TLS has no client root CAs: set Admin.TLS.ClientRootCAs");
        }
    }

    /** Fabric's check (orderer/common/server/main.go): an admin server with TLS authenticates its clients. */
    public static void requireClientAuth(boolean tlsEnabled, boolean clientAuthRequired) {
        if (tlsEnabled && !clientAuthRequired) {
            throw new IllegalArgumentException("Admin.TLS.ClientAuthRequired must be set to true if Admin.TLS.Enabled is set to true");
        }
    }

    /** A TLS 1.2+ context serving {@link #server} and trusting {@link #clientRoots} for client certificates. */
    public SSLContext sslContext() {
        try {
            char[] pass = new char[0];
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("admin", server.key(), pass, server.certChain().toArray(new Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, pass);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            for (int i = 0; i < clientRoots.size(); i++) {
                trust.setCertificateEntry("client-root-" + i, clientRoots.get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return ctx;
        } catch (java.security.GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot set up the admin endpoint's TLS: " + e.getMessage(), e);
        }
    }
}
