package io.raftlens.config.model.orderer;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A TLS block ({@code General.TLS}, {@code Admin.TLS}, {@code Operations.TLS}). Fabric resolves the
 * General.TLS paths against the folder of orderer.yaml, but not the Admin and Operations ones.
 */
public final class Tls extends Section {

    private final boolean translated;

    Tls(Section parent, boolean translated) {
        super(parent.child("TLS"), parent.path() + ".TLS", parent.folder());
        this.translated = translated;
    }

    public boolean enabled() {
        return bool("Enabled").orElse(false);
    }

    /** False when absent: Go's zero value (the sample's Admin.TLS sets it to true). */
    public boolean clientAuthRequired() {
        return bool("ClientAuthRequired").orElse(false);
    }

    public Optional<Path> certificate() {
        return path("Certificate", translated);
    }

    public Optional<Path> privateKey() {
        return path("PrivateKey", translated);
    }

    public List<Path> rootCAs() {
        return paths("RootCAs", translated);
    }

    public List<Path> clientRootCAs() {
        return paths("ClientRootCAs", translated);
    }
}
