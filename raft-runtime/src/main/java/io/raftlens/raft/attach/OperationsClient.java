package io.raftlens.raft.attach;

import io.raftlens.raft.transport.Pem;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * GETs from an orderer's operations endpoint ({@code /metrics}, {@code /healthz}) or channel participation API,
 * over HTTP or TLS: {@code caFile} is the TLS CA to trust (Operations.TLS / Admin.TLS), {@code certFile} and
 * {@code keyFile} the client certificate when the endpoint requires one (ClientAuthRequired).
 */
public final class OperationsClient {

    private final HttpClient http;

    public OperationsClient(Path caFile, Path certFile, Path keyFile, Duration timeout) {
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(timeout);
        if (caFile != null || certFile != null) {
            b.sslContext(sslContext(caFile, certFile, keyFile));
        }
        this.http = b.build();
    }

    public static SSLContext sslContext(Path caFile, Path certFile, Path keyFile) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (caFile != null) {
                KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
                trust.load(null, null);
                int i = 0;
                for (X509Certificate c : Pem.readCertificates(caFile)) {
                    trust.setCertificateEntry("ca" + i++, c);
                }
                tmf.init(trust);
            } else {
                tmf.init((KeyStore) null);
            }
            KeyManagerFactory kmf = null;
            if (certFile != null) {
                if (keyFile == null) {
                    throw new IllegalArgumentException("--cert needs --key (the client certificate's private key)");
                }
                KeyStore keys = KeyStore.getInstance("PKCS12");
                keys.load(null, null);
                List<X509Certificate> chain = Pem.readCertificates(certFile);
                keys.setKeyEntry("client", Pem.readPrivateKey(keyFile), new char[0], chain.toArray(new X509Certificate[0]));
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, new char[0]);
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot set up TLS from " + caFile + " / " + certFile + ": " + e.getMessage(), e);
        }
    }

    /** The body of a 2xx answer; {@link IOException} with the status otherwise. */
    public String get(String baseUrl, String path, Duration timeout) throws IOException {
        URI uri = URI.create(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) + path : baseUrl + path);
        HttpRequest req = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        try {
            HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() / 100 != 2) {
                throw new IOException("HTTP " + res.statusCode() + " from " + uri + ": " + res.body().strip());
            }
            return res.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Polls one orderer: {@code /metrics} (required) and {@code /healthz} (503 with the failed checks is a state, not an error). */
    public OrdererStatus poll(String host, String baseUrl, Duration timeout) {
        String metrics;
        try {
            metrics = get(baseUrl, "/metrics", timeout);
        } catch (java.net.ConnectException e) {
            return OrdererStatus.unreachable(host, "connection refused at " + baseUrl + " (is Operations.ListenAddress right?)");
        } catch (java.net.http.HttpTimeoutException e) {
            return OrdererStatus.unreachable(host, "no answer from " + baseUrl + " within " + timeout.toSeconds() + " s");
        } catch (IOException | RuntimeException e) {
            return OrdererStatus.unreachable(host, (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    + " (" + baseUrl + ")");
        }
        String health;
        try {
            String body = get(baseUrl, "/healthz", timeout);
            health = body.contains("\"OK\"") ? "OK" : body.strip();
        } catch (IOException e) {
            health = e.getMessage().contains("HTTP 503") ? "unavailable: " + e.getMessage().replaceAll(".*?: ", "") : "no /healthz";
        }
        return OrdererStatus.fromMetrics(host, metrics, health);
    }
}
