package io.raftlens.config.validate.configtx;

import java.io.ByteArrayInputStream;
import io.raftlens.config.files.SafeFiles;
import io.raftlens.config.files.UnreadableFileException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PEM certificate file read the way Fabric's orderer reads a consenter certificate: the first PEM block
 * ({@code pem.Decode}) parsed as x509.
 */
record CertificateFile(Path path, Status status, String problem, byte[] bytes, X509Certificate certificate) {

    enum Status { OK, MISSING, UNREADABLE, NOT_PEM, NOT_X509, NOT_CHECKED }

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)\\s*-----END \\1-----");

    /** The file as read once in this validation run. */
    @SuppressWarnings("unchecked")
    static CertificateFile read(io.raftlens.config.validate.RuleContext context, Path path) {
        if (!context.settings().checkFiles()) {
            return new CertificateFile(path, Status.NOT_CHECKED, "file checks are off (--no-files)", null, null);
        }
        // keyed by the path as given and by its normal form: rules ask for the same consenter paths many times
        java.util.Map<Path, CertificateFile> cache = context.shared(CertificateFile.class, java.util.HashMap::new);
        CertificateFile file = cache.get(path);
        if (file == null) {
            file = cache.computeIfAbsent(path.toAbsolutePath().normalize(), CertificateFile::read);
            cache.put(path, file);
        }
        return file;
    }

    static CertificateFile read(Path path) {
        byte[] bytes;
        try {
            if (Files.isDirectory(path)) {
                return new CertificateFile(path, Status.UNREADABLE, "it is a directory, not a certificate file", null, null);
            }
            bytes = SafeFiles.read(path, SafeFiles.SMALL_FILE_LIMIT);
        } catch (UnreadableFileException e) {
            return e.missing() ? new CertificateFile(path, Status.MISSING, "no such file", null, null)
                    : new CertificateFile(path, Status.UNREADABLE, "it " + e.reason(), null, null);
        }
        Matcher m = PEM.matcher(new String(bytes, StandardCharsets.ISO_8859_1));
        if (!m.find()) {
            return new CertificateFile(path, Status.NOT_PEM, "no PEM data found in cert", bytes, null);
        }
        if (!m.group(1).equals("CERTIFICATE")) {
            return new CertificateFile(path, Status.NOT_X509, "the first PEM block is a " + m.group(1) + ", not a CERTIFICATE", bytes, null);
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(m.group(2));
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            return new CertificateFile(path, Status.OK, null, bytes, cert);
        } catch (IllegalArgumentException | CertificateException | ClassCastException e) {
            return new CertificateFile(path, Status.NOT_X509, "TLS certificate has invalid ASN1 structure", bytes, null);
        }
    }
}
