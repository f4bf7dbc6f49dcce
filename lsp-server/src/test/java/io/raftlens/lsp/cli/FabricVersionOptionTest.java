package io.raftlens.lsp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftlens.raft.core.EtcdRaftVersion;
import io.raftlens.raft.network.NetworkPlan;
import io.raftlens.raft.network.NetworkPlanner;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --fabric-version} of launch/node/attach: the etcd raft of the named Fabric release, whatever the capabilities say. */
class FabricVersionOptionTest {

    private static final Path SAMPLE = Path.of("..", "samples", "three-orderers", "configtx.yaml");

    private static NetworkPlanner.Planned planned(PlanOptions options) {
        return NetworkPlanner.plan(options.request(SAMPLE));
    }

    @Test
    void theSamplesV30CapabilityRunsEtcdRaft36AndTheOptionOverridesIt() {
        PlanOptions inferred = new PlanOptions();
        assertEquals(EtcdRaftVersion.V3_6, inferred.withConfigBlocks(planned(inferred)).etcdRaftVersion());

        PlanOptions auto = new PlanOptions();
        new CommandLine(auto).parseArgs("--fabric-version", "auto");
        assertEquals(EtcdRaftVersion.V3_6, auto.withConfigBlocks(planned(auto)).etcdRaftVersion(), "auto: as validate infers");

        PlanOptions on25 = new PlanOptions();
        new CommandLine(on25).parseArgs("--fabric-version", "2.5");
        NetworkPlan plan = on25.withConfigBlocks(planned(on25));
        assertEquals(EtcdRaftVersion.V3_5, plan.etcdRaftVersion());
        plan.channels().values().forEach(o -> assertEquals(EtcdRaftVersion.V3_5, o.etcdRaftVersion()));
    }

    @Test
    void aReleaseRaftLensDoesNotModelIsAClearError() {
        PlanOptions options = new PlanOptions();
        new CommandLine(options).parseArgs("--fabric-version", "2.2");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> options.withConfigBlocks(planned(options)));
        assertTrue(e.getMessage().startsWith("--fabric-version 2.2 is not a Fabric release RaftLens models"), e.getMessage());
    }
}
