package io.raftlens.raft.network;

import io.raftlens.config.fabric.FabricVersion;
import io.raftlens.config.fabric.VersionInference;
import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.raft.core.EtcdRaftVersion;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Fabric release a launch stands in for, and the etcd raft release that Fabric vendors, which decides the Raft
 * core's self-vote / self-ack timing and its log lines ({@link EtcdRaftVersion}). From Fabric's {@code go.mod} per
 * tag: 2.5.0 vendors {@code go.etcd.io/etcd/raft/v3 v3.5.1}, 2.5.10 v3.5.9, 3.0.0 v3.5.14, 3.1.0 to 3.1.4 v3.5.16;
 * only 3.1.5 and later vendor {@code go.etcd.io/raft/v3 v3.6.0}.
 *
 * <p>Without {@code --fabric-version}, a launch infers the release from the configtx.yaml's channel capabilities as
 * {@code raftlens validate} does: V2_x (or V1_x) means Fabric 2.5, hence etcd raft 3.5; V3_0 (or a BFT orderer) means
 * Fabric 3, for which a launch takes the current 3.1.5+ line and etcd raft 3.6 (a new Fabric 3 network installs the
 * latest 3.1 patch; 3.0.x to 3.1.4 still ran 3.5: pass {@code --fabric-version 3.1.4} to get it). A file that enables
 * no channel capability keeps 3.6, what the core did before the choice existed.
 *
 * @param release  the release as shown ("2.5", "3.1.5+", "3.0.2")
 * @param etcdRaft the etcd raft release it vendors
 * @param basis    why this release ("Channel capability V2_0", "--fabric-version 3.1.4", "no channel capability")
 */
public record FabricRelease(String release, EtcdRaftVersion etcdRaft, String basis) {

    private static final Pattern NUMBER = Pattern.compile("v?(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?(?:[-+].*)?");

    /** What a launch of this configtx.yaml stands in for, from its channel capabilities. */
    public static FabricRelease inferred(Configtx configtx) {
        Optional<VersionInference.Inferred> inferred = VersionInference.fromChannelCapabilities(configtx.yaml());
        if (inferred.isEmpty()) {
            return new FabricRelease("3.1.5+", EtcdRaftVersion.V3_6, "no channel capability");
        }
        return inferred.get().version() == FabricVersion.V2_5
                ? new FabricRelease("2.5", EtcdRaftVersion.V3_5, inferred.get().basis())
                : new FabricRelease("3.1.5+", EtcdRaftVersion.V3_6, inferred.get().basis());
    }

    /**
     * {@code --fabric-version}: "2.5", "2.5.10", "3", "3.0", "3.1.4", "3.1.5", "v3.1.5" … A release line without a patch
     * ("3", "3.1") means its latest patch.
     *
     * @throws IllegalArgumentException naming what is accepted
     */
    public static FabricRelease parse(String text) {
        String t = text == null ? "" : text.trim();
        Matcher m = NUMBER.matcher(t);
        if (!m.matches()) {
            throw refused(text);
        }
        int major = Integer.parseInt(m.group(1));
        int minor = m.group(2) == null ? -1 : Integer.parseInt(m.group(2));
        int patch = m.group(3) == null ? -1 : Integer.parseInt(m.group(3));
        String basis = "--fabric-version " + t;
        if (major == 2 && minor == 5) {
            return new FabricRelease(t, EtcdRaftVersion.V3_5, basis);
        }
        if (major == 3) {
            boolean vendors35 = minor == 0 || (minor == 1 && patch >= 0 && patch <= 4);
            return new FabricRelease(t, vendors35 ? EtcdRaftVersion.V3_5 : EtcdRaftVersion.V3_6, basis);
        }
        throw refused(text);
    }

    private static IllegalArgumentException refused(String text) {
        return new IllegalArgumentException("--fabric-version " + text + " is not a Fabric release RaftLens models: use 2.5 "
                + "(etcd raft 3.5), 3.0 or 3.1.0 to 3.1.4 (etcd raft 3.5), or 3 / 3.1.5 and later (etcd raft 3.6)");
    }

    /** One line for the launch's start: "Fabric 2.5 (Channel capability V2_0): etcd raft 3.5". */
    public String describe() {
        return "Fabric " + release + " (" + basis + "): etcd raft " + etcdRaft.label();
    }
}
