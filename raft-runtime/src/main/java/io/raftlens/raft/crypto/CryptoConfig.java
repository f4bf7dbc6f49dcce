package io.raftlens.raft.crypto;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * cryptogen's crypto-config.yaml ({@code cmd/cryptogen} {@code Config}): OrdererOrgs and PeerOrgs, each with Name,
 * Domain, EnableNodeOUs, CA, Template (Count, Start, Hostname, SANS), Specs and Users (Count), rendered as cryptogen
 * renders them: hostnames {@code {{.Prefix}}{{.Index}}}, common names {@code {{.Hostname}}.{{.Domain}}}, SANs
 * {@code [CN, Hostname, …SANS]}, the CA's hostname {@code ca}.
 */
public record CryptoConfig(List<Org> ordererOrgs, List<Org> peerOrgs) {

    /** A node (or the CA) after rendering. */
    public record Node(String hostname, String commonName, List<String> sans, CertificateAuthority.SubjectFields fields) {}

    /** An organization after rendering. */
    public record Org(String name, String domain, boolean enableNodeOus, Node ca, List<Node> specs, int users) {}

    /** The text {@code cryptogen showtemplate} prints (Fabric's default configuration). */
    public static String defaultTemplate() {
        try (var in = CryptoConfig.class.getResourceAsStream("crypto-config-template.yaml")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException | NullPointerException e) {
            throw new IllegalStateException("the cryptogen template is missing from the jar", e);
        }
    }

    /** @throws IllegalArgumentException "Error Unmarshalling YAML: …" or a template error, as cryptogen reports them */
    public static CryptoConfig parse(String yaml) {
        Object raw;
        try {
            raw = new Load(LoadSettings.builder().build()).loadFromString(yaml);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Error Unmarshalling YAML: " + e.getMessage().replace('\n', ' '));
        }
        Map<?, ?> top = raw instanceof Map<?, ?> m ? m : Map.of();
        return new CryptoConfig(orgs(top.get("OrdererOrgs"), "orderer"), orgs(top.get("PeerOrgs"), "peer"));
    }

    private static List<Org> orgs(Object list, String prefix) {
        List<Org> out = new ArrayList<>();
        if (!(list instanceof List<?> items)) {
            return out;
        }
        for (Object o : items) {
            Map<?, ?> org = map(o);
            String domain = str(org.get("Domain"));
            Map<?, ?> caSpec = map(org.get("CA"));
            Map<?, ?> template = map(org.get("Template"));
            List<Map<?, ?>> specs = new ArrayList<>();
            int count = num(template.get("Count"));
            int start = num(template.get("Start"));
            for (int i = 0; i < count; i++) {
                String hostname = render(str(template.get("Hostname")).isEmpty() ? "{{.Prefix}}{{.Index}}" : str(template.get("Hostname")),
                        Map.of("Prefix", prefix, "Index", String.valueOf(i + start), "Domain", domain));
                specs.add(Map.of("Hostname", hostname, "SANS", template.get("SANS") == null ? List.of() : template.get("SANS")));
            }
            if (org.get("Specs") instanceof List<?> given) {
                // cryptogen appends the template's nodes to Specs; Specs come first
                List<Map<?, ?>> all = new ArrayList<>();
                given.forEach(s -> all.add(map(s)));
                all.addAll(specs);
                specs = all;
            }
            List<Node> nodes = new ArrayList<>();
            for (Map<?, ?> s : specs) {
                nodes.add(node(domain, s, str(s.get("Hostname"))));
            }
            Node ca = node(domain, caSpec, str(caSpec.get("Hostname")).isEmpty() ? "ca" : str(caSpec.get("Hostname")));
            out.add(new Org(str(org.get("Name")), domain, Boolean.TRUE.equals(org.get("EnableNodeOUs")), ca, nodes,
                    num(map(org.get("Users")).get("Count"))));
        }
        return out;
    }

    /** {@code renderNodeSpec}. */
    private static Node node(String domain, Map<?, ?> spec, String hostname) {
        String cnTemplate = str(spec.get("CommonName")).isEmpty() ? "{{.Hostname}}.{{.Domain}}" : str(spec.get("CommonName"));
        String cn = render(cnTemplate, Map.of("Hostname", hostname, "Domain", domain));
        List<String> sans = new ArrayList<>(List.of(cn, hostname));
        if (spec.get("SANS") instanceof List<?> extra) {
            for (Object s : extra) {
                sans.add(render(str(s), Map.of("Hostname", hostname, "Domain", domain, "CommonName", cn)));
            }
        }
        return new Node(hostname, cn, sans, new CertificateAuthority.SubjectFields(str(spec.get("Country")), str(spec.get("Province")),
                str(spec.get("Locality")), str(spec.get("OrganizationalUnit")), str(spec.get("StreetAddress")), str(spec.get("PostalCode"))));
    }

    private static final Pattern FIELD = Pattern.compile("\\{\\{-?\\s*\\.([A-Za-z]+)\\s*-?}}");

    /** Go text/template for the field references cryptogen's templates use ({@code {{.Name}}}). */
    static String render(String template, Map<String, String> data) {
        Matcher m = FIELD.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = data.get(m.group(1));
            if (v == null) {
                throw new IllegalArgumentException("Error executing template: template: parse:1: can't evaluate field "
                        + m.group(1) + " in template " + template);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        if (out.indexOf("{{") >= 0) {
            throw new IllegalArgumentException("Error parsing template: " + template + " (raftlens cryptogen understands {{.Field}} only)");
        }
        return out.toString();
    }

    private static Map<?, ?> map(Object o) {
        return o instanceof Map<?, ?> m ? m : Map.of();
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }

    private static int num(Object o) {
        if (o instanceof Number n) {
            return n.intValue();
        }
        return o == null ? 0 : Integer.parseInt(o.toString().trim());
    }
}
