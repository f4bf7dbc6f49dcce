package io.raftlens.raft.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftlens.raft.core.EtcdRaftVersion;
import io.raftlens.raft.network.NetworkPlanner.DefaultProfile;
import io.raftlens.raft.network.NetworkPlanner.LaunchRequest;
import io.raftlens.raft.network.NetworkPlanner.Planned;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Fabric release a launch stands in for picks the etcd raft release its nodes run (Fabric's go.mod per tag). */
class FabricReleaseTest {

    static final Path SAMPLE = Path.of("..", "samples", "three-orderers", "configtx.yaml");

    @Test
    void releasesMapToTheEtcdRaftTheyVendor() {
        assertEquals(EtcdRaftVersion.V3_5, FabricRelease.parse("2.5").etcdRaft());
        assertEquals(EtcdRaftVersion.V3_5, FabricRelease.parse("2.5.10").etcdRaft());
        assertEquals(EtcdRaftVersion.V3_5, FabricRelease.parse("3.0").etcdRaft());
        assertEquals(EtcdRaftVersion.V3_5, FabricRelease.parse("v3.0.0").etcdRaft());
        assertEquals(EtcdRaftVersion.V3_5, FabricRelease.parse("3.1.4").etcdRaft());
        assertEquals(EtcdRaftVersion.V3_6, FabricRelease.parse("3.1.5").etcdRaft());
        assertEquals(EtcdRaftVersion.V3_6, FabricRelease.parse("3.1").etcdRaft(), "a line means its latest patch");
        assertEquals(EtcdRaftVersion.V3_6, FabricRelease.parse("3").etcdRaft());
        assertEquals(EtcdRaftVersion.V3_6, FabricRelease.parse("3.2.0").etcdRaft());
    }

    @Test
    void anUnmodelledReleaseIsRefusedNamingTheChoices() {
        for (String bad : List.of("2.4", "1.4.12", "latest", "")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FabricRelease.parse(bad));
            assertTrue(e.getMessage().startsWith("--fabric-version " + bad + " is not a Fabric release RaftLens models: use 2.5"),
                    e.getMessage());
        }
    }

    @Test
    void aV3ChannelCapabilityLaunchesOnEtcdRaft36AndAV2OneOn35() throws Exception {
        String v3 = Files.readString(SAMPLE);
        assertEquals(EtcdRaftVersion.V3_6, plan(v3).etcdRaftVersion());

        String v2 = v3.replace("Channel: &ChannelCapabilities\n    V3_0: true", "Channel: &ChannelCapabilities\n    V2_0: true");
        assertTrue(!v2.equals(v3), "the sample's Channel capabilities moved; update this test");
        NetworkPlan plan = plan(v2);
        assertEquals(EtcdRaftVersion.V3_5, plan.etcdRaftVersion());
        plan.channels().values().forEach(o -> assertEquals(EtcdRaftVersion.V3_5, o.etcdRaftVersion()));
        assertEquals("Fabric 2.5 (Channel capability V2_0): etcd raft 3.5",
                FabricRelease.inferred(io.raftlens.config.validator.LoadedConfigtx.of(SAMPLE, v2,
                        io.raftlens.config.fabric.ValidationSettings.defaults()).model().orElseThrow()).describe());

        // --fabric-version wins over the capabilities
        assertEquals(EtcdRaftVersion.V3_6, plan.withEtcdRaftVersion(FabricRelease.parse("3.1.5").etcdRaft()).etcdRaftVersion());
    }

    private static NetworkPlan plan(String text) {
        Planned planned = NetworkPlanner.plan(new LaunchRequest(SAMPLE, Optional.of(text), Optional.empty(), List.of(),
                Optional.empty(), Optional.of(0), Optional.empty(), DefaultProfile.FIRST_ETCDRAFT));
        assertEquals(List.of(), planned.problems());
        return planned.plan().orElseThrow();
    }
}
