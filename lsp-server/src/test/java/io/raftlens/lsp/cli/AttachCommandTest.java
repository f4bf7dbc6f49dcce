package io.raftlens.lsp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftlens.raft.metrics.ChannelRaftMetrics;
import io.raftlens.raft.metrics.HealthRegistry;
import io.raftlens.raft.metrics.OperationsServer;
import io.raftlens.raft.metrics.OrdererMetrics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code raftlens attach} against a RaftLens node's operations endpoint (127.0.0.1, ephemeral port). */
class AttachCommandTest {

    @Test
    void printsTheTableOfAttachedOrderers() {
        OrdererMetrics metrics = new OrdererMetrics();
        ChannelRaftMetrics ch = metrics.etcdraft().forChannel("mychannel", 3, 7);
        ch.isLeader(true);
        ch.activeNodes(3);
        ch.leaderChanged();
        try (OperationsServer ops = OperationsServer.start("127.0.0.1", 0, metrics, new HealthRegistry())) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cl = Main.commandLine();
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            int exit = cl.execute("attach", "../samples/three-orderers/configtx.yaml", "--count", "1",
                    "--ops", "orderer1.example.com=http://127.0.0.1:" + ops.address().getPort(),
                    "--ops", "orderer2.example.com=http://127.0.0.1:1");
            assertEquals(0, exit, err.toString());
            String table = out.toString();
            assertTrue(table.lines().anyMatch(l -> l.matches("orderer1\\.example\\.com\\s+mychannel\\s+LEADER\\s+8\\s+3\\s+3\\s+1\\s+OK")), table);
            assertTrue(table.lines().anyMatch(l -> l.startsWith("orderer2.example.com") && l.contains("DOWN")
                    && l.contains("connection refused at http://127.0.0.1:1")), table);
        }
    }

    /**
     * {@code --admin} with osnadmin's mutual TLS options against RaftLens's participation API (the sample's orderer1
     * TLS certificate; the Admin user's TLS client certificate): each channel's relation, status and height.
     */
    @Test
    void readsTheChannelParticipationApiOverMutualTls() throws Exception {
        java.nio.file.Path org = java.nio.file.Path.of("../samples/three-orderers/crypto/ordererOrganizations/example.com");
        java.nio.file.Path tls = org.resolve("orderers/orderer1.example.com/tls");
        java.nio.file.Path ca = org.resolve("tlsca/tlsca.example.com-cert.pem");
        java.nio.file.Path user = org.resolve("users/Admin@example.com/tls");
        var server = io.raftlens.raft.transport.TlsMaterial.fromPemFiles(tls.resolve("server.crt"), tls.resolve("server.key"),
                java.util.List.of(ca));
        io.raftlens.raft.fabric.participation.ChannelManagement one = new io.raftlens.raft.fabric.participation.ChannelManagement() {
            @Override
            public java.util.List<String> channels() {
                return java.util.List.of("mychannel");
            }

            @Override
            public io.raftlens.raft.fabric.participation.ChannelInfo channelInfo(String channel) {
                return new io.raftlens.raft.fabric.participation.ChannelInfo(channel, "",
                        io.raftlens.raft.fabric.participation.ConsensusRelation.CONSENTER,
                        io.raftlens.raft.fabric.participation.ChannelStatus.ACTIVE, 8);
            }

            @Override
            public io.raftlens.raft.fabric.participation.ChannelInfo joinChannel(String channel,
                                                                                 org.hyperledger.fabric.protos.common.Block block) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void removeChannel(String channel) {
                throw new UnsupportedOperationException();
            }

            @Override
            public org.hyperledger.fabric.protos.common.Block fetchBlock(String channel, String id) {
                throw new UnsupportedOperationException();
            }
        };
        try (var admin = io.raftlens.raft.fabric.participation.AdminServer.start("127.0.0.1", 0, one,
                java.util.Optional.of(new io.raftlens.raft.fabric.participation.AdminTls(server, java.util.List.of(
                        io.raftlens.raft.transport.Pem.readCertificate(ca)))), 1024 * 1024);
             OperationsServer ops = OperationsServer.start("127.0.0.1", 0, new OrdererMetrics(), new HealthRegistry())) {
            String url = "orderer1.example.com=https://127.0.0.1:" + admin.address().getPort();
            StringWriter out = new StringWriter();
            CommandLine cl = Main.commandLine();
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(new StringWriter(), true));
            int exit = cl.execute("attach", "../samples/three-orderers/configtx.yaml", "--count", "1",
                    "--ops", "orderer1.example.com=http://127.0.0.1:" + ops.address().getPort(), "--admin", url,
                    "--cacert", ca.toString(), "--cert", user.resolve("client.crt").toString(), "--key", user.resolve("client.key").toString());
            assertEquals(0, exit, out.toString());
            assertTrue(out.toString().contains("orderer1.example.com channel participation: mychannel (consenter, active, height 8)"),
                    out.toString());

            StringWriter anonymous = new StringWriter();
            CommandLine cl2 = Main.commandLine();
            cl2.setOut(new PrintWriter(anonymous, true));
            cl2.setErr(new PrintWriter(new StringWriter(), true));
            cl2.execute("attach", "../samples/three-orderers/configtx.yaml", "--count", "1",
                    "--ops", "orderer1.example.com=http://127.0.0.1:" + ops.address().getPort(), "--admin", url, "--cacert", ca.toString());
            assertTrue(anonymous.toString().contains("orderer1.example.com channel participation: unavailable"), anonymous.toString());
            assertTrue(anonymous.toString().contains("give an orderer admin's TLS client certificate with --cert and --key"), anonymous.toString());

            // no --admin, no --cacert: Admin.ListenAddress of the orderer1.example.com/orderer.yaml beside the configtx.yaml,
            // https trusting its General.TLS.RootCAs (the sample's TLS CA)
            java.nio.file.Path beside = Files.createTempDirectory("attach-admin");
            try {
                java.nio.file.Path sample = java.nio.file.Path.of("../samples/three-orderers").toAbsolutePath().normalize();
                Files.writeString(beside.resolve("configtx.yaml"), Files.readString(sample.resolve("configtx.yaml"))
                        .replace(" crypto/", " " + sample.resolve("crypto") + "/"));
                java.nio.file.Path own = Files.createDirectories(beside.resolve("orderer1.example.com"));
                Files.writeString(own.resolve("orderer.yaml"), "General:\n  TLS:\n    RootCAs:\n      - " + ca.toAbsolutePath()
                        + "\nOperations:\n  ListenAddress: 127.0.0.1:" + ops.address().getPort()
                        + "\nAdmin:\n  ListenAddress: 127.0.0.1:" + admin.address().getPort() + "\n  TLS:\n    Enabled: true\n"
                        + "    ClientAuthRequired: true\n");
                StringWriter found = new StringWriter();
                CommandLine cl3 = Main.commandLine();
                cl3.setOut(new PrintWriter(found, true));
                cl3.setErr(new PrintWriter(new StringWriter(), true));
                cl3.execute("attach", beside.resolve("configtx.yaml").toString(), "--count", "1",
                        "--ops", "orderer2.example.com=http://127.0.0.1:1", "--ops", "orderer3.example.com=http://127.0.0.1:1",
                        "--cert", user.resolve("client.crt").toString(), "--key", user.resolve("client.key").toString());
                assertTrue(found.toString().contains("orderer1.example.com channel participation: mychannel (consenter, active, height 8)"),
                        found.toString());
            } finally {
                try (var walk = Files.walk(beside)) {
                    walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    /** Without --ops, the orderer.yaml beside the configtx.yaml names the endpoints, as launch binds them (port + index). */
    @Test
    void findsTheEndpointsInTheOrdererYamlBesideTheConfigtx(@TempDir Path dir) throws Exception {
        OrdererMetrics metrics = new OrdererMetrics();
        ChannelRaftMetrics ch = metrics.etcdraft().forChannel("mychannel", 3, 2);
        ch.activeNodes(3);
        try (OperationsServer ops = OperationsServer.start("127.0.0.1", 0, metrics, new HealthRegistry())) {
            Path sample = Path.of("../samples/three-orderers").toAbsolutePath().normalize();
            Files.writeString(dir.resolve("configtx.yaml"), Files.readString(sample.resolve("configtx.yaml"))
                    .replace(" crypto/", " " + sample.resolve("crypto") + "/"));
            int port = ops.address().getPort();
            Files.writeString(dir.resolve("orderer.yaml"), "Operations:\n  ListenAddress: 127.0.0.1:" + port + "\n");
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cl = Main.commandLine();
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            int exit = cl.execute("attach", dir.resolve("configtx.yaml").toString(), "--count", "1",
                    "--ops", "orderer3.example.com=http://127.0.0.1:1");
            assertEquals(0, exit, err.toString());
            String table = out.toString();
            assertTrue(table.lines().anyMatch(l -> l.matches("orderer1\\.example\\.com\\s+mychannel\\s+follower\\s+3\\s+3\\s+3\\s+0\\s+OK")), table);
            assertTrue(table.lines().anyMatch(l -> l.startsWith("orderer2.example.com") && l.contains("DOWN")
                    && l.contains("http://127.0.0.1:" + (port + 1))), table);
            assertTrue(table.lines().anyMatch(l -> l.startsWith("orderer3.example.com") && l.contains("connection refused at http://127.0.0.1:1")), table);
        }
    }

    @Test
    void aConsenterWithoutAnyEndpointIsAClearUsageError(@TempDir Path dir) throws Exception {
        Path sample = Path.of("../samples/three-orderers").toAbsolutePath().normalize();
        Files.writeString(dir.resolve("configtx.yaml"), Files.readString(sample.resolve("configtx.yaml"))
                .replace(" crypto/", " " + sample.resolve("crypto") + "/"));
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(err, true));
        assertEquals(2, cl.execute("attach", dir.resolve("configtx.yaml").toString(), "--count", "1"));
        assertEquals("raftlens attach: no operations endpoint for orderer1.example.com:7050: no --ops entry, no "
                + dir.toAbsolutePath().resolve("orderer1.example.com/orderer.yaml") + ", and no orderer.yaml beside configtx.yaml; add"
                + " --ops orderer1.example.com=http://HOST:PORT (the orderer's Operations.ListenAddress) (and the same"
                + " for 2 more consenters)", err.toString().strip());
    }
}
