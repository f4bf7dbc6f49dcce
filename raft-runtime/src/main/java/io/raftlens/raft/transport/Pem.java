package io.raftlens.raft.transport;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/** Reads and writes PEM certificates and private keys (PKCS#8 and SEC1 EC keys, as Fabric's tools write them). */
public final class Pem {
    private Pem() {}

    public static List<X509Certificate> readCertificates(Path file) {
        String text = readText(file, "certificate");
        List<X509Certificate> certs = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            Object o;
            while ((o = parser.readObject()) != null) {
                if (o instanceof X509CertificateHolder holder) {
                    certs.add(new JcaX509CertificateConverter().getCertificate(holder));
                }
            }
        } catch (IOException | CertificateException e) {
            throw new TlsConfigException("TLS certificate " + file + " is not valid PEM: " + e.getMessage()
                    + "; regenerate it or point the configuration at a PEM-encoded X.509 certificate", e);
        }
        if (certs.isEmpty()) {
            throw new TlsConfigException("TLS certificate " + file + " contains no PEM 'CERTIFICATE' block;"
                    + " point the configuration at a PEM-encoded X.509 certificate");
        }
        return certs;
    }

    public static X509Certificate readCertificate(Path file) {
        return readCertificates(file).get(0);
    }

    public static PrivateKey readPrivateKey(Path file) {
        String text = readText(file, "private key");
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            Object o;
            while ((o = parser.readObject()) != null) {
                JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
                if (o instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (o instanceof PEMKeyPair pair) {
                    return converter.getKeyPair(pair).getPrivate();
                }
            }
        } catch (IOException e) {
            throw new TlsConfigException("TLS private key " + file + " is not valid PEM: " + e.getMessage()
                    + "; point the configuration at an unencrypted PEM private key", e);
        }
        throw new TlsConfigException("TLS private key " + file + " contains no unencrypted PEM private key;"
                + " encrypted keys are not supported, export it as PKCS#8 'PRIVATE KEY'");
    }

    public static String encode(Object certOrKey) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            if (certOrKey instanceof PrivateKey key) {
                writer.writeObject(new JcaPKCS8Generator(key, null));
            } else {
                writer.writeObject(certOrKey);
            }
        } catch (IOException e) {
            throw new IllegalStateException("PEM encoding failed", e);
        }
        return out.toString();
    }

    private static String readText(Path file, String what) {
        try {
            return io.raftlens.config.files.SafeFiles.readLatin1(file, io.raftlens.config.files.SafeFiles.SMALL_FILE_LIMIT);
        } catch (io.raftlens.config.files.UnreadableFileException e) {
            if (e.missing()) {
                throw new TlsConfigException("TLS " + what + " " + file + " does not exist;"
                        + " fix the path in the configuration or generate the crypto material");
            }
            throw new TlsConfigException("cannot read TLS " + what + " " + file + ": it " + e.reason()
                    + "; point the configuration at the PEM file", e);
        }
    }
}
