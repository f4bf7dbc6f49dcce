package io.raftlens.config.model.orderer;

import java.nio.file.Path;
import java.util.Optional;

/** {@code General}: the orderer's client-facing listener, TLS, cluster, MSP and crypto settings. */
public final class General extends Section {

    public static final String DEFAULT_LISTEN_ADDRESS = "127.0.0.1";
    public static final int DEFAULT_LISTEN_PORT = 7050;

    General(OrdererYaml file) {
        super(file.child("General"), "General", file.folder());
    }

    /** The IP to bind (default 127.0.0.1). */
    public String listenAddress() {
        return text("ListenAddress").orElse(DEFAULT_LISTEN_ADDRESS);
    }

    /** The port to bind (default 7050; 0 or unset means the default, as Fabric fills it in). */
    public int listenPort() {
        var p = integer("ListenPort");
        return p.isPresent() && p.getAsLong() > 0 && p.getAsLong() <= 65535 ? (int) p.getAsLong() : DEFAULT_LISTEN_PORT;
    }

    public HostPort listenEndpoint() {
        return new HostPort(listenAddress(), listenPort());
    }

    public Tls tls() {
        return new Tls(this, true);
    }

    public Cluster cluster() {
        return new Cluster(this);
    }

    public Keepalive keepalive() {
        return new Keepalive(this);
    }

    public Bccsp bccsp() {
        return new Bccsp(this);
    }

    /**
     * The effective bootstrap method: BootstrapMethod, else the deprecated GenesisMethod (which Fabric
     * copies into it), else {@code none}.
     */
    public String bootstrapMethod() {
        return text("BootstrapMethod").or(() -> text("GenesisMethod")).orElse("none");
    }

    public Optional<Path> bootstrapFile() {
        return path("BootstrapFile", true);
    }

    /** The local MSP folder, resolved against the folder of orderer.yaml (default {@code msp}). */
    public Path localMspDir() {
        return path("LocalMSPDir", true).orElse(folder().resolve("msp"));
    }

    /** The MSP ID of this orderer (default SampleOrg). */
    public String localMspId() {
        return text("LocalMSPID").orElse("SampleOrg");
    }

    /** The pprof listener when {@code Profile.Enabled} (default address 0.0.0.0:6060). */
    public Optional<HostPort> profileEndpoint() {
        Section profile = new Section(child("Profile"), "General.Profile", folder());
        if (!profile.bool("Enabled").orElse(false)) {
            return Optional.empty();
        }
        return HostPort.parse(profile.text("Address").orElse("0.0.0.0:6060"));
    }

    /** gRPC receive limit in bytes (default 100 MiB). */
    public long maxRecvMsgSize() {
        return integer("MaxRecvMsgSize").orElse(104857600);
    }

    /** gRPC send limit in bytes (default 100 MiB). */
    public long maxSendMsgSize() {
        return integer("MaxSendMsgSize").orElse(104857600);
    }
}
