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
    private static final int KEY_CERT_SIGN = 5;
    private final List<X509Certificate> roots;
    private final List<X509Certificate> intermediates;

    CertificateChains(List<X509Certificate> roots, List<X509Certificate> intermediates) {
        this.roots = roots;
        this.intermediates = intermediates;
    }

    /** All chains, leaf first; the error names why none exists. */
    List<List<X509Certificate>> verify(X509Certificate cert) throws MspException {
        Date at = new Date(cert.getNotBefore().getTime() + 1000);
        if (!validAt(cert, at)) {
            throw new MspException("x509: certificate has expired or is not yet valid");
        }
        List<List<X509Certificate>> out = chainsAt(cert, at);
        if (out.isEmpty()) {
            throw new MspException("x509: certificate signed by unknown authority");
        }
        return out;
    }

    /**
     * Every chain from {@code cert} (whose own validity the caller checked) to a root, each issuer valid at
     * {@code at}; the certificate alone when it is itself a root, as Go's Verify; empty when there is none.
     */
    List<List<X509Certificate>> chainsAt(X509Certificate cert, Date at) {
        List<List<X509Certificate>> out = new ArrayList<>();
        for (X509Certificate r : roots) {
            if (r.equals(cert)) {
                out.add(List.of(cert));
                return out;
            }
        }
        List<X509Certificate> path = new ArrayList<>();
        path.add(cert);
        extend(path, at, out);
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

    /** Go's CheckSignatureFrom (a CA allowed to sign certificates, whose key verifies) and isValid (time, path length). */
    private static boolean usableIssuer(X509Certificate child, X509Certificate issuer, List<X509Certificate> path, Date at) {
        int pathLen = issuer.getBasicConstraints();
        if (pathLen < 0) {
            return false; // not a CA
        }
        boolean[] keyUsage = issuer.getKeyUsage();
        if (keyUsage != null && (keyUsage.length <= KEY_CERT_SIGN || !keyUsage[KEY_CERT_SIGN])) {
            return false; // a key usage without keyCertSign
        }
        if (!validAt(issuer, at) || !Certificates.signedBy(child, issuer)) {
            return false;
        }
        // intermediates below this issuer (the leaf itself does not count)
        int below = path.size() - 1;
        return pathLen == Integer.MAX_VALUE || below <= pathLen;
    }

    private static boolean validAt(X509Certificate c, Date at) {
        return !at.before(c.getNotBefore()) && !at.after(c.getNotAfter());
    }
}
