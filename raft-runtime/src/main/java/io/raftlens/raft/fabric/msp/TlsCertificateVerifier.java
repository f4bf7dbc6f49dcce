package io.raftlens.raft.fabric.msp;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Go's {@code x509.Certificate.Verify} with the options etcdraft builds for consenter TLS certificates
 * ({@code createX509VerifyOptions}: the orderer organizations' TLS root and intermediate CAs, key usages client
 * and server auth, the current time): a chain from the certificate through the intermediates to a root, every
 * issuer a CA allowed to sign certificates, within its path length and valid now, and a chain whose extended key
 * usages allow client or server authentication. The chains are the MSP's ({@link CertificateChains}), built at the
 * current time here, as Go's Verify does for TLS, where the MSP builds them at the certificate's own NotBefore.
 *
 * <p>Messages are Go's ({@code x509: certificate signed by unknown authority}, {@code x509: certificate has expired
 * or is not yet valid: current time … is after …}, {@code x509: certificate specifies an incompatible key usage}).
 */
public final class TlsCertificateVerifier {
    private static final String ANY_EKU = "2.5.29.37.0";
    /** x509.ExtKeyUsageClientAuth and ExtKeyUsageServerAuth, the usages etcdraft asks for. */
    private static final List<String> REQUESTED_EKUS = List.of("1.3.6.1.5.5.7.3.2", "1.3.6.1.5.5.7.3.1");
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(ZoneOffset.UTC);

    private final CertificateChains chains;

    public TlsCertificateVerifier(List<X509Certificate> roots, List<X509Certificate> intermediates) {
        this.chains = new CertificateChains(List.copyOf(roots), List.copyOf(intermediates));
    }

    /**
     * The error Go's Verify returns at {@code now}, empty when the certificate verifies. With
     * {@code ignoreExpiration} (etcdraft's VerifyConfigMetadata), an expired or not yet valid certificate passes —
     * without its chain being checked, exactly as Fabric, whose Verify returns that error before building chains.
     */
    public Optional<String> verify(X509Certificate cert, Instant now, boolean ignoreExpiration) {
        Optional<String> expired = validity(cert, now);
        if (expired.isPresent()) {
            return ignoreExpiration ? Optional.empty() : expired;
        }
        List<List<X509Certificate>> chains = this.chains.chainsAt(cert, Date.from(now));
        if (chains.isEmpty()) {
            return Optional.of("x509: certificate signed by unknown authority");
        }
        for (List<X509Certificate> chain : chains) {
            if (allowsRequestedUsage(chain)) {
                return Optional.empty();
            }
        }
        return Optional.of("x509: certificate specifies an incompatible key usage");
    }

    private static Optional<String> validity(X509Certificate c, Instant now) {
        Instant notBefore = c.getNotBefore().toInstant();
        Instant notAfter = c.getNotAfter().toInstant();
        Instant at = now.truncatedTo(ChronoUnit.SECONDS);
        if (now.isBefore(notBefore)) {
            return Optional.of("x509: certificate has expired or is not yet valid: current time " + RFC3339.format(at)
                    + " is before " + RFC3339.format(notBefore));
        }
        if (now.isAfter(notAfter)) {
            return Optional.of("x509: certificate has expired or is not yet valid: current time " + RFC3339.format(at)
                    + " is after " + RFC3339.format(notAfter));
        }
        return Optional.empty();
    }

    /** Go's checkChainForKeyUsage: walking from the root, each certificate with EKUs crosses out what it lacks. */
    private static boolean allowsRequestedUsage(List<X509Certificate> chain) {
        List<String> remaining = new ArrayList<>(REQUESTED_EKUS);
        for (int i = chain.size() - 1; i >= 0; i--) {
            List<String> ekus;
            try {
                ekus = chain.get(i).getExtendedKeyUsage();
            } catch (CertificateParsingException e) {
                return false;
            }
            if (ekus == null || ekus.isEmpty() || ekus.contains(ANY_EKU)) {
                continue; // no EKU extension, or anyExtendedKeyUsage: good for every usage
            }
            remaining.retainAll(ekus);
            if (remaining.isEmpty()) {
                return false;
            }
        }
        return true;
    }
}
