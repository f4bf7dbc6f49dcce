package io.raftlens.raft.transport;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLException;

/**
 * Mutual-TLS contexts for cluster links: JDK provider, TLS 1.3 and 1.2, client certificates required. Netty 4.2
 * clients verify the server's host name by default: the consenter's certificate must name its Host (cryptogen
 * certificates and the dev CA's do), as Fabric's Go TLS client requires.
 */
final class TlsContexts {
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    final SslContext server;
    final SslContext client;

    TlsContexts(TlsMaterial tls) {
        X509Certificate[] chain = tls.certChain().toArray(X509Certificate[]::new);
        NamingTrustManagerFactory roots = new NamingTrustManagerFactory(tls.trustedRoots());
        try {
            server = SslContextBuilder.forServer(tls.key(), chain)
                    .sslProvider(SslProvider.JDK)
                    .protocols(PROTOCOLS)
                    .trustManager(roots)
                    .clientAuth(ClientAuth.REQUIRE)
                    .build();
            client = SslContextBuilder.forClient()
                    .sslProvider(SslProvider.JDK)
                    .protocols(PROTOCOLS)
                    .keyManager(tls.key(), chain)
                    .trustManager(roots)
                    .build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new TlsConfigException("cannot use the TLS certificate " + tls.certificate().getSubjectX500Principal()
                    + " with its key for mutual TLS: " + e.getMessage(), e);
        }
    }
}
