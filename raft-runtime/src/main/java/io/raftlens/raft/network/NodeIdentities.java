package io.raftlens.raft.network;

import io.raftlens.raft.transport.DevCa;
import io.raftlens.raft.transport.TlsConfigException;
import io.raftlens.raft.transport.TlsMaterial;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The TLS identity of every consenter. A consenter whose ClientTLSCert file has its private key beside it
 * ({@code server.key} next to {@code server.crt}, or {@code <name>.key}, or {@code priv_sk}) uses that pair and
 * trusts the {@code ca.crt} beside it; any other consenter gets a certificate from the development CA kept in the
 * data directory (like cryptogen). Every node trusts every root in use, and a channel's members are the
 * certificates the consenters actually present, so a certificate that is not a consenter's is refused.
 */
public final class NodeIdentities {

    /** How one consenter authenticates: its material and where it came from (for the startup line). */
    public record Identity(TlsMaterial tls, String origin) {
        public X509Certificate certificate() {
            return tls.certificate();
        }
    }

    private NodeIdentities() {
    }

    /**
     * @throws IllegalStateException one line naming the consenter, the file and its configtx line when a
     *     certificate or key exists but cannot be read, or they do not match
     */
    public static Map<Long, Identity> resolve(NetworkPlan plan, Path devCaDir) {
        record Own(PrivateKey key, List<X509Certificate> chain, Path cert) {
        }
        Map<Long, Own> own = new LinkedHashMap<>();
        LinkedHashSet<X509Certificate> roots = new LinkedHashSet<>();
        for (ConsenterPlan c : plan.consenters()) {
            Path cert = c.clientTlsCert();
            if (cert == null || !Files.isRegularFile(cert)) {
                continue;
            }
            Optional<Path> key = keyBeside(cert);
            if (key.isEmpty()) {
                continue;
            }
            Path ca = cert.resolveSibling("ca.crt");
            Path root = Files.isRegularFile(ca) ? ca : cert;
            try {
                TlsMaterial m = TlsMaterial.fromPemFiles(cert, key.get(), List.of(root));
                own.put(c.id().value(), new Own(m.key(), m.certChain(), cert));
                roots.addAll(m.trustedRoots());
            } catch (TlsConfigException e) {
                throw new IllegalStateException(where(c) + ": " + e.getMessage());
            } catch (RuntimeException e) {
                throw new IllegalStateException(where(c) + ": cannot read ClientTLSCert " + cert + ", its key "
                        + key.get() + " or CA " + root + ": " + e.getMessage());
            }
        }
        DevCa devCa = null;
        if (own.size() < plan.consenters().size()) {
            devCa = DevCa.loadOrCreate(devCaDir, organization(plan));
            roots.add(devCa.certificate());
        }
        Map<Long, Identity> out = new LinkedHashMap<>();
        for (ConsenterPlan c : plan.consenters()) {
            Own o = own.get(c.id().value());
            if (o != null) {
                out.put(c.id().value(), new Identity(new TlsMaterial(o.key(), o.chain(), new ArrayList<>(roots)),
                        plan.configtx().toAbsolutePath().getParent().relativize(o.cert().toAbsolutePath()).toString()));
            } else {
                TlsMaterial dev = devCa.nodeMaterial(c.host());
                out.put(c.id().value(), new Identity(new TlsMaterial(dev.key(), dev.certChain(), new ArrayList<>(roots)),
                        "development CA " + devCaDir));
            }
        }
        return out;
    }

    static Optional<Path> keyBeside(Path cert) {
        String name = cert.getFileName().toString();
        String base = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
        for (String candidate : List.of(base + ".key", "server.key", "priv_sk")) {
            Path p = cert.resolveSibling(candidate);
            if (Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static String organization(NetworkPlan plan) {
        String host = plan.consenters().get(0).host();
        int dot = host.indexOf('.');
        return dot > 0 && dot < host.length() - 1 ? host.substring(dot + 1) : "raftlens.local";
    }

    private static String where(ConsenterPlan c) {
        return "consenter " + c.address() + " (" + c.source() + ")";
    }
}
