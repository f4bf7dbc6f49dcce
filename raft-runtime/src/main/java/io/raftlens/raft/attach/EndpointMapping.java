package io.raftlens.raft.attach;

import io.raftlens.config.model.orderer.HostPort;
import io.raftlens.config.model.orderer.OrdererYaml;
import io.raftlens.config.model.orderer.Tls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which operations endpoint ({@code /metrics}, {@code /healthz}) stands for which consenter of a configtx.yaml
 * profile. In order:
 * <ol>
 * <li>an explicit mapping (the editor setting {@code raftlens.attach.endpoints}, the CLI's {@code --ops}): consenter
 *     {@code host:port} or {@code host} → URL;</li>
 * <li>the consenter's own orderer.yaml in a folder named for its host beside the configtx.yaml
 *     ({@code <dir>/orderer1.example.com/orderer.yaml}): its {@code Operations.ListenAddress}; a wildcard host
 *     (0.0.0.0, empty) means the consenter's Host;</li>
 * <li>the orderer.yaml beside the configtx.yaml, the way {@code raftlens launch} reads it: every node on 127.0.0.1,
 *     consenter <i>i</i> (0-based, list order) at {@code Operations.ListenAddress} port + <i>i</i>.</li>
 * </ol>
 * {@code Operations.TLS.Enabled} makes the URL https; the endpoint's certificate (or its RootCAs) is what the client
 * trusts unless a CA file is given. A consenter none of these covers gets a {@link Missing} saying what to add.
 */
public final class EndpointMapping {

    /** A consenter as the configtx.yaml lists it: Raft id (list order, 1-based), Host, Port. */
    public record Consenter(long id, String host, int port) {
        public String address() {
            return host + ":" + port;
        }
    }

    /**
     * Where one consenter's operations endpoint is.
     *
     * @param url      base URL, e.g. {@code http://127.0.0.1:8443}
     * @param trust    PEM file(s) of the endpoint's TLS certificate or CA, from orderer.yaml (null: none / http)
     * @param clientAuthRequired {@code Operations.TLS.ClientAuthRequired}: the endpoint wants a client certificate
     * @param source   where the mapping came from, for messages ("raftlens.attach.endpoints", "…/orderer.yaml")
     */
    public record Endpoint(Consenter consenter, String url, Path trust, boolean clientAuthRequired, String source) {
    }

    /** A consenter with no endpoint: {@code why} says what was looked for and how to add one. */
    public record Missing(Consenter consenter, String why) {
    }

    /** @param problems explicit entries that name no consenter, unreadable orderer.yaml files */
    public record Result(List<Endpoint> endpoints, List<Missing> missing, List<String> problems) {
        public Optional<Endpoint> endpoint(Consenter c) {
            return endpoints.stream().filter(e -> e.consenter().equals(c)).findFirst();
        }
    }

    private EndpointMapping() {
    }

    /**
     * @param configtx   the configtx.yaml (its folder is searched for orderer.yaml files); null: explicit mapping only
     * @param explicit   consenter {@code host:port} or {@code host} → base URL
     * @param settingName what to call the explicit mapping in messages ({@code raftlens.attach.endpoints}, {@code --ops})
     */
    public static Result resolve(Path configtx, List<Consenter> consenters, Map<String, String> explicit, String settingName) {
        return resolve(Kind.OPERATIONS, configtx, consenters, explicit, settingName);
    }

    /**
     * Where each consenter's channel participation API is: the same three places as {@link #resolve} with orderer.yaml's
     * {@code Admin} section ({@code Admin.ListenAddress}; with {@code Admin.TLS}, https trusting General.TLS.RootCAs —
     * the TLS CA of the orderers, which every node's certificate chains to — else Admin.TLS.Certificate). A consenter
     * without one is only followed through its operations endpoint.
     */
    public static Result resolveAdmin(Path configtx, List<Consenter> consenters, Map<String, String> explicit, String settingName) {
        return resolve(Kind.ADMIN, configtx, consenters, explicit, settingName);
    }

    /** Which orderer.yaml endpoint: the operations one ({@code /metrics}) or the admin one (channel participation). */
    private enum Kind {
        OPERATIONS("Operations", "operations endpoint", "http://HOST:PORT", "http://127.0.0.1:9443"),
        ADMIN("Admin", "channel participation API", "https://HOST:PORT", "https://127.0.0.1:7053");

        final String section;
        final String what;
        final String placeholder;
        final String example;

        Kind(String section, String what, String placeholder, String example) {
            this.section = section;
            this.what = what;
            this.placeholder = placeholder;
            this.example = example;
        }
    }

    private static Result resolve(Kind kind, Path configtx, List<Consenter> consenters, Map<String, String> explicit, String settingName) {
        List<Endpoint> endpoints = new ArrayList<>();
        List<Missing> missing = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, String> given = new LinkedHashMap<>();
        explicit.forEach((k, v) -> given.put(k.trim().toLowerCase(Locale.ROOT), v == null ? "" : v.trim()));
        for (String key : given.keySet()) {
            boolean known = consenters.stream().anyMatch(c -> key.equals(c.address().toLowerCase(Locale.ROOT))
                    || key.equals(c.host().toLowerCase(Locale.ROOT)));
            if (!known) {
                problems.add(settingName + ": \"" + key + "\" is not a consenter of the profile (consenters: "
                        + String.join(", ", consenters.stream().map(Consenter::address).toList()) + ")");
            }
        }
        Path dir = configtx == null ? null : configtx.toAbsolutePath().getParent();
        Optional<OrdererYaml> shared = Optional.empty();
        Path sharedPath = dir == null ? null : dir.resolve("orderer.yaml");
        if (sharedPath != null && Files.isRegularFile(sharedPath)) {
            shared = load(sharedPath, problems);
        }
        for (int i = 0; i < consenters.size(); i++) {
            Consenter c = consenters.get(i);
            String url = given.getOrDefault(c.address().toLowerCase(Locale.ROOT), given.get(c.host().toLowerCase(Locale.ROOT)));
            if (url != null) {
                if (!url.startsWith("http://") && !url.startsWith("https://")) {
                    problems.add(settingName + ": \"" + c.address() + "\": \"" + url
                            + "\" is not an http:// or https:// URL (e.g. " + kind.example + ")");
                    missing.add(new Missing(c, "its " + settingName + " entry is not a URL"));
                } else {
                    endpoints.add(new Endpoint(c, strip(url), null, false, settingName));
                }
                continue;
            }
            Path own = dir == null ? null : dir.resolve(c.host()).resolve("orderer.yaml");
            if (own != null && Files.isRegularFile(own)) {
                Optional<OrdererYaml> yaml = load(own, problems);
                Optional<Endpoint> e = yaml.flatMap(y -> fromYaml(kind, c, y, own, 0, false));
                if (e.isPresent()) {
                    endpoints.add(e.get());
                } else {
                    missing.add(new Missing(c, own + " has no " + kind.section + ".ListenAddress (host:port); add one, or map "
                            + c.address() + " in " + settingName));
                }
                continue;
            }
            if (shared.isPresent()) {
                Optional<Endpoint> e = fromYaml(kind, c, shared.get(), sharedPath, i, true);
                if (e.isPresent()) {
                    endpoints.add(e.get());
                    continue;
                }
            }
            missing.add(new Missing(c, "no " + kind.what + " for " + c.address() + ": no " + settingName + " entry, no "
                    + (dir == null ? "orderer.yaml" : dir.resolve(c.host()).resolve("orderer.yaml") + ", and "
                    + (shared.isPresent() ? sharedPath + " has no " + kind.section + ".ListenAddress"
                    : "no orderer.yaml beside " + configtx.getFileName()))
                    + "; " + howToAdd(kind, c, settingName)));
        }
        return new Result(endpoints, missing, problems);
    }

    /** A command-line option is given as {@code --ops HOST=URL}, a setting as a JSON entry. */
    private static String howToAdd(Kind kind, Consenter c, String settingName) {
        return settingName.startsWith("--")
                ? "add " + settingName + " " + c.host() + "=" + kind.placeholder + " (the orderer's " + kind.section + ".ListenAddress)"
                : "add \"" + c.address() + "\": \"" + kind.placeholder + "\" (the orderer's " + kind.section + ".ListenAddress) to " + settingName;
    }

    private static Optional<OrdererYaml> load(Path file, List<String> problems) {
        try {
            return Optional.of(OrdererYaml.load(file));
        } catch (IOException | RuntimeException e) {
            problems.add("cannot read " + file + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Operations.ListenAddress (+ TLS) of {@code yaml}; {@code launchStyle}: loopback, port + index, as the launch binds. */
    private static Optional<Endpoint> fromYaml(Kind kind, Consenter c, OrdererYaml yaml, Path file, int index, boolean launchStyle) {
        io.raftlens.config.model.orderer.Endpoint section = kind == Kind.ADMIN ? yaml.admin() : yaml.operations();
        Optional<HostPort> listen = section.listenAddress();
        if (listen.isEmpty()) {
            return Optional.empty();
        }
        HostPort hp = listen.get();
        String host = launchStyle ? "127.0.0.1" : hp.isWildcard() ? c.host() : hp.host();
        int port = launchStyle && hp.port() > 0 ? hp.port() + index : hp.port();
        Tls tls = section.tls();
        boolean https = tls.enabled();
        Path trust = null;
        if (https) {
            // Admin.TLS has no RootCAs (Fabric's orderer.yaml): the orderers' TLS CA is General.TLS.RootCAs
            List<Path> roots = kind == Kind.ADMIN ? yaml.general().tls().rootCAs() : tls.rootCAs();
            Optional<Path> t = roots.stream().findFirst().or(tls::certificate);
            trust = t.map(p -> p.isAbsolute() ? p : file.getParent().resolve(p)).orElse(null);
        }
        String url = (https ? "https://" : "http://") + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        return Optional.of(new Endpoint(c, url, trust, https && tls.clientAuthRequired(), file.toString()
                + (launchStyle ? " (" + kind.section + ".ListenAddress port + " + index + ", as raftlens launch binds it)" : "")));
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
