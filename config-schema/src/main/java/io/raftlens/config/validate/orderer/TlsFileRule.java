package io.raftlens.config.validate.orderer;

import io.raftlens.config.validate.MissingFiles;
import io.raftlens.config.model.orderer.Cluster;
import io.raftlens.config.model.orderer.OrdererYaml;
import io.raftlens.config.model.orderer.Section;
import io.raftlens.config.model.orderer.Tls;
import io.raftlens.config.validate.ConfiguredPath;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;
import io.raftlens.config.value.Placeholders;
import io.raftlens.config.yaml.YamlEntry;
import io.raftlens.config.yaml.YamlNode;
import io.raftlens.config.yaml.YamlScalar;
import io.raftlens.config.yaml.YamlSequence;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ORD013: the TLS files a running orderer loads. A missing file is a warning (crypto material is often
 * generated after the configuration is written); a file that is present but unreadable, not PEM, or not
 * an X.509 certificate / private key is an error. Only files that are used are checked (General.TLS when
 * enabled, the cluster server pair with a separate cluster listener, the cluster client pair always,
 * Admin/Operations TLS when enabled). Paths Fabric does not resolve against the file's folder are
 * relative to the orderer's working directory, unknown here: only absolute ones are checked.
 */
final class TlsFileRule extends OrdererRule {

    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)-----END \\1-----");

    TlsFileRule() {
        super("ORD013", Severity.ERROR, "TLS certificate or key file missing or invalid",
                "A TLS certificate, private key or CA file the orderer loads at start. Missing: reported by FILE003 (crypto "
                        + "material is often generated later). Present but unreadable, without PEM data, or not an X.509 certificate / "
                        + "private key: an error; the orderer fails at start (\"Failed to load server Certificate file\", "
                        + "\"failed to load CA certificates\" …).");
    }

    private enum Kind { CERTIFICATES, PRIVATE_KEY }

    @Override
    void check(RuleContext context, OrdererYaml model, DiagnosticSink sink) {
        Tls general = model.general().tls();
        if (general.enabled()) {
            files(context, sink, general, true, "Certificate", Kind.CERTIFICATES);
            files(context, sink, general, true, "PrivateKey", Kind.PRIVATE_KEY);
            files(context, sink, general, true, "RootCAs", Kind.CERTIFICATES);
            files(context, sink, general, true, "ClientRootCAs", Kind.CERTIFICATES);
        }
        Cluster cluster = model.general().cluster();
        if (cluster.hasSeparateListener()) {
            files(context, sink, cluster, false, "ServerCertificate", Kind.CERTIFICATES);
            files(context, sink, cluster, false, "ServerPrivateKey", Kind.PRIVATE_KEY);
        }
        files(context, sink, cluster, true, "ClientCertificate", Kind.CERTIFICATES);
        files(context, sink, cluster, true, "ClientPrivateKey", Kind.PRIVATE_KEY);
        files(context, sink, cluster, true, "RootCAs", Kind.CERTIFICATES);
        for (Tls tls : List.of(model.admin().tls(), model.operations().tls())) {
            if (tls.enabled()) {
                files(context, sink, tls, false, "Certificate", Kind.CERTIFICATES);
                files(context, sink, tls, false, "PrivateKey", Kind.PRIVATE_KEY);
                files(context, sink, tls, false, "ClientRootCAs", Kind.CERTIFICATES);
            }
        }
    }

    private void files(RuleContext context, DiagnosticSink sink, Section section, boolean translated, String key, Kind kind) {
        YamlEntry entry = section.entry(key).orElse(null);
        if (entry == null) {
            return;
        }
        List<YamlScalar> values = new ArrayList<>();
        YamlNode value = entry.value();
        if (value instanceof YamlScalar s) {
            values.add(s);
        } else if (value instanceof YamlSequence seq) {
            seq.items().stream().filter(YamlScalar.class::isInstance).map(YamlScalar.class::cast).forEach(values::add);
        }
        for (YamlScalar scalar : values) {
            String raw = scalar.value().trim();
            if (scalar.isNull() || raw.isEmpty() || Placeholders.contains(raw) || raw.startsWith("[")) {
                continue;
            }
            if (!ConfiguredPath.isPlausiblePath(raw)) {
                report(sink, scalar.range(), ConfiguredPath.notAPath(section.path() + "." + key));
                continue;
            }
            check(context, sink, section.path() + "." + key, scalar, resolve(section, raw, translated), kind);
        }
    }

    private static Path resolve(Section section, String raw, boolean translated) {
        try {
            Path p = Path.of(raw);
            if (p.isAbsolute()) {
                return p;
            }
            return translated ? section.resolve(raw, true).orElse(null) : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private void check(RuleContext context, DiagnosticSink sink, String name, YamlScalar node, Path file, Kind kind) {
        if (file == null || !context.settings().checkFiles()) {
            return;
        }
        if (!Files.exists(file)) {
            MissingFiles.in(context).add(file, node.range(), name, "the orderer cannot start");
            return;
        }
        String problem = problem(file, kind);
        if (problem != null) {
            report(sink, node.range(), name + " " + file + ": " + problem);
        }
    }

    /** What is wrong with the file, or null. */
    static String problem(Path file, Kind kind) {
        String text;
        try {
            if (Files.isDirectory(file)) {
                return "is a folder, not a PEM file";
            }
            text = io.raftlens.config.files.SafeFiles.readLatin1(file, io.raftlens.config.files.SafeFiles.SMALL_FILE_LIMIT);
        } catch (io.raftlens.config.files.UnreadableFileException e) {
            return e.reason();
        }
        Matcher m = PEM.matcher(text);
        boolean found = false;
        while (m.find()) {
            String type = m.group(1);
            if (kind == Kind.PRIVATE_KEY && type.endsWith("PRIVATE KEY")) {
                return null;
            }
            if (kind == Kind.CERTIFICATES && type.equals("CERTIFICATE")) {
                found = true;
                try {
                    byte[] der = java.util.Base64.getMimeDecoder().decode(m.group(2));
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
                } catch (CertificateException | IllegalArgumentException e) {
                    return "a CERTIFICATE block is not a valid X.509 certificate";
                }
            }
        }
        if (found) {
            return null;
        }
        return kind == Kind.PRIVATE_KEY ? "no PEM private key (-----BEGIN PRIVATE KEY-----) found"
                : "no PEM certificate (-----BEGIN CERTIFICATE-----) found";
    }
}
