package io.raftlens.raft.fabric.msp;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Go's {@code x509.Certificate.Verify} as Fabric's MSP calls it: every chain from a certificate through the
 * intermediates to a root, each link an issuer name match with a verifying signature, every issuer a CA within
 * its path length, every certificate valid at the verification time. Fabric verifies at the certificate's own
 * NotBefore + 1 s (FAB-3678), so expiry is not an MSP concern; the broadcast expiration filter checks it.
 */
final class CertificateChains {
    private static final int MAX_DEPTH = 16;
    private final List<X509Certificate> roots;
    private final List<X509Certificate> intermediates;

    CertificateChains(List<X509Certificate> roots, List<X509Certificate> intermediates) {
        this.roots = roots;
        this.intermediates = intermediates;
    }

    /** All chains, leaf first; the error names why none exists. */
    List<List<X509Certificate>> verify(X509Certificate cert) throws MspException {
        Date at = new Date(cert.getNotBefore().getTime() + 1000);
        List<List<X509Certificate>> out = new ArrayList<>();
        if (!validAt(cert, at)) {
            throw new MspException("x509: certificate has expired or is not yet valid");
        }
        for (X509Certificate r : roots) {
            if (r.equals(cert)) {
                out.add(List.of(cert));
                return out;
            }
        }
        List<X509Certificate> path = new ArrayList<>();
        path.add(cert);
        extend(path, at, out);
        if (out.isEmpty()) {
            throw new MspException("x509: certificate signed by unknown authority");
        }
        return out;
    }

    private void extend(List<X509Certificate> path, Date at, List<List<X509Certificate>> out) {
        if (path.size() > MAX_DEPTH) {
            return;
        }
        X509Certificate child = path.get(path.size() - 1);
        for (X509Certificate root : roots) {
            if (usableIssuer(child, root, path, at)) {
                List<X509Certificate> chain = new ArrayList<>(path);
                chain.add(root);
                out.add(chain);
            }
        }
        for (X509Certificate mid : intermediates) {
            if (!path.contains(mid) && usableIssuer(child, mid, path, at)) {
                path.add(mid);
                extend(path, at, out);
                path.remove(path.size() - 1);
            }
        }
    }

    private static boolean usableIssuer(X509Certificate child, X509Certificate issuer, List<X509Certificate> path, Date at) {
        if (!Certificates.signedBy(child, issuer) || !validAt(issuer, at)) {
            return false;
        }
        int pathLen = issuer.getBasicConstraints();
        if (pathLen < 0) {
            return false; // not a CA
        }
        // intermediates below this issuer (the leaf itself does not count)
        int below = path.size() - 1;
        return pathLen == Integer.MAX_VALUE || below <= pathLen;
    }

    private static boolean validAt(X509Certificate c, Date at) {
        return !at.before(c.getNotBefore()) && !at.after(c.getNotAfter());
    }
}
