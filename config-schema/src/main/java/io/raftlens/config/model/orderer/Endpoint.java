package io.raftlens.config.model.orderer;

import java.util.Optional;

/** {@code Operations} and {@code Admin}: an HTTP server with a ListenAddress ({@code host:port}) and TLS. */
public final class Endpoint extends Section {

    Endpoint(OrdererYaml file, String name) {
        super(file.child(name), name, file.folder());
    }

    /** The written ListenAddress, empty when unset or not {@code host:port}. */
    public Optional<HostPort> listenAddress() {
        return text("ListenAddress").flatMap(HostPort::parse);
    }

    /** TLS of this server; its file paths are not resolved against the folder of orderer.yaml (Fabric does not). */
    public Tls tls() {
        return new Tls(this, false);
    }
}
