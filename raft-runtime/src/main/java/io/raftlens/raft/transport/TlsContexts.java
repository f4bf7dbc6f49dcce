package io.raftlens.raft.transport;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLException;

/**
 * Mutual-TLS contexts for cluster links: TLS 1.3 and 1.2, client certificates required, through BoringSSL (Netty's
 * {@link SslProvider#OPENSSL}, netty-tcnative) where its native library loads — the JDK's SSLEngine costs several
 * times more CPU per record — and the JDK provider elsewhere; the same trust manager decides in both. Netty 4.2
 * clients verify the server's host name by default: the consenter's certificate must name its Host (cryptogen
 * certificates and the dev CA's do), as Fabric's Go TLS client requires.
 */
final class TlsContexts {
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    /** BoringSSL when netty-tcnative's native library loads here, else the JDK's TLS. */
    static final SslProvider PROVIDER = nativeTls() ? SslProvider.OPENSSL : SslProvider.JDK;

    private static boolean nativeTls() {
        try {
            return OpenSsl.isAvailable(); // BoringSSL: TLS 1.3 and 1.2
        } catch (LinkageError e) {
            return false;
        }
    }

    final SslContext server;
    final SslContext client;

    TlsContexts(TlsMaterial tls) {
        X509Certificate[] chain = tls.certChain().toArray(X509Certificate[]::new);
        NamingTrustManagerFactory roots = new NamingTrustManagerFactory(tls.trustedRoots());
        try {
            server = SslContextBuilder.forServer(tls.key(), chain)
                    .sslProvider(PROVIDER)
                    .protocols(PROTOCOLS)
                    .trustManager(roots)
                    .clientAuth(ClientAuth.REQUIRE)
                    .build();
            client = SslContextBuilder.forClient()
                    .sslProvider(PROVIDER)
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
