package io.raftlens.config.validate.configtx;

import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;
import io.raftlens.config.value.Placeholders;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** RAFT014: the server certificate's subject alternative names do not cover the consenter Host. */
final class CertificateHostRule extends ConfigtxRule {

    CertificateHostRule() {
        super("RAFT014", Severity.ERROR, "Server certificate does not cover the consenter host",
                "Ordering nodes dial each other at the consenter Host and verify the server certificate against it. If no DNS or "
                        + "IP subject alternative name matches (Go ignores the Common Name), the TLS handshake fails with "
                        + "\"x509: certificate is valid for …, not <host>\" and the node cannot join the cluster.");
    }

    @Override
    protected void check(Configtx configtx, RuleContext context, DiagnosticSink sink) {
        for (CertificateUse use : CertificateUse.inScope(configtx, context)) {
            if (!use.role().equals("server") || use.consenter().host().isEmpty()) {
                continue;
            }
            String host = use.consenter().host().get().value();
            if (Placeholders.contains(host)) {
                continue;
            }
            CertificateFile cert = CertificateFile.read(context, use.path().value());
            if (cert.status() != CertificateFile.Status.OK) {
                continue;
            }
            List<String> names = new ArrayList<>();
            boolean ok = false;
            try {
                Collection<List<?>> sans = cert.certificate().getSubjectAlternativeNames();
                if (sans != null) {
                    for (List<?> san : sans) {
                        int type = (Integer) san.get(0);
                        String value = String.valueOf(san.get(1));
                        if (type == 2) {
                            names.add(value);
                            ok |= dnsMatches(value, host);
                        } else if (type == 7) {
                            names.add(value);
                            ok |= ipMatches(value, host);
                        }
                    }
                }
            } catch (CertificateParsingException e) {
                names.add("(unparseable subject alternative names)");
            }
            if (!ok) {
                String valid = names.isEmpty() ? "it has no DNS or IP subject alternative names"
                        : "it is valid for " + String.join(", ", names);
                report(sink, use.path().range(), "the server certificate of consenter " + use.consenter().endpoint()
                        + " does not cover the host " + host + ": " + valid + "; other nodes fail the TLS handshake with \"x509: "
                        + "certificate is valid for " + String.join(", ", names) + ", not " + host + "\"");
            }
        }
    }

    static boolean dnsMatches(String pattern, String host) {
        String p = pattern.toLowerCase(Locale.ROOT);
        String h = host.toLowerCase(Locale.ROOT);
        if (p.startsWith("*.")) {
            int dot = h.indexOf('.');
            return dot > 0 && h.substring(dot).equals(p.substring(1));
        }
        return p.equals(h);
    }

    private static boolean ipMatches(String ip, String host) {
        if (!host.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(ip).equals(InetAddress.getByName(host));
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
