package io.raftlens.raft.transport;

import io.netty.handler.ssl.util.SimpleTrustManagerFactory;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The JDK's PKIX trust manager over the configured root CAs, whose rejections name the certificate they reject
 * (subject and issuer), so that a refused consenter shows up in the logs by name rather than as "PKIX path
 * building failed". Hostname verification, when the engine asks for it, is still the JDK's.
 */
final class NamingTrustManagerFactory extends SimpleTrustManagerFactory {
    private final TrustManager[] managers;

    NamingTrustManagerFactory(List<X509Certificate> roots) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < roots.size(); i++) {
                store.setCertificateEntry("root-" + i, roots.get(i));
            }
            TrustManagerFactory pkix = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            pkix.init(store);
            X509ExtendedTrustManager delegate = null;
            for (TrustManager tm : pkix.getTrustManagers()) {
                if (tm instanceof X509ExtendedTrustManager x) {
                    delegate = x;
                }
            }
            if (delegate == null) {
                throw new TlsConfigException("the JDK offers no X.509 trust manager");
            }
            managers = new TrustManager[] {new Naming(delegate)};
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new TlsConfigException("cannot use the TLS root CAs: " + e.getMessage(), e);
        }
    }

    @Override
    protected void engineInit(KeyStore keyStore) {}

    @Override
    protected void engineInit(ManagerFactoryParameters parameters) {}

    @Override
    protected TrustManager[] engineGetTrustManagers() {
        return managers.clone();
    }

    private static final class Naming extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager delegate;

        Naming(X509ExtendedTrustManager delegate) {
            this.delegate = delegate;
        }

        private interface Check {
            void run() throws CertificateException;
        }

        private static void named(X509Certificate[] chain, Check check) throws CertificateException {
            try {
                check.run();
            } catch (CertificateException e) {
                if (chain == null || chain.length == 0) {
                    throw e;
                }
                throw new CertificateException("certificate " + chain[0].getSubjectX500Principal().getName()
                        + " (issued by " + chain[0].getIssuerX500Principal().getName() + ") is not trusted: "
                        + e.getMessage(), e);
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            named(chain, () -> delegate.checkClientTrusted(chain, authType, engine));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            named(chain, () -> delegate.checkServerTrusted(chain, authType, engine));
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            named(chain, () -> delegate.checkClientTrusted(chain, authType, socket));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            named(chain, () -> delegate.checkServerTrusted(chain, authType, socket));
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            named(chain, () -> delegate.checkClientTrusted(chain, authType));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            named(chain, () -> delegate.checkServerTrusted(chain, authType));
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }
    }
}
