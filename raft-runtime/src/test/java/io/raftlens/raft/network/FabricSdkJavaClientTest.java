package io.raftlens.raft.network;

import static io.raftlens.raft.network.OrdererGrpcClient.at;
import static io.raftlens.raft.network.OrdererGrpcClient.connect;
import static io.raftlens.raft.network.OrdererGrpcClient.deliver;
import static io.raftlens.raft.network.OrdererGrpcClient.seek;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.ManagedChannel;
import io.raftlens.raft.fabric.FabricFixtures;
import io.raftlens.raft.fabric.msp.SigningIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.ConfigUpdateEnvelope;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.DeliverResponse;
import org.hyperledger.fabric.protos.orderer.SeekInfo;
import org.hyperledger.fabric.protos.orderer.SeekNewest;
import org.hyperledger.fabric.protos.orderer.SeekPosition;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fabric's Java SDK, {@code fabric-sdk-java} 2.2 ({@code sdk-tests/java}, in its own JVM: its generated protobuf
 * classes collide with fabric-protos'), against a launched copy of {@code samples/three-orderers} through a follower:
 * {@code Channel.getChannelConfigurationBytes(user, orderer)} (the SDK's Deliver over TLS: newest block, LAST_CONFIG,
 * the config block) returns block 0's channel config; an identity of another CA claiming Org1MSP is refused; the
 * SDK's transaction envelopes are SUCCESS and land in blocks, the stranger's are FORBIDDEN; and
 * {@code Channel.updateChannelConfiguration} as an SDK application calls it (BatchSize.MaxMessageCount one lower,
 * read/write sets from the SDK's {@code ProtoUtils.computeUpdate}, signed by the sample's orderer admin for
 * /Channel/Orderer/Admins) is ordered as a CONFIG block that the SDK then reads back.
 */
class FabricSdkJavaClientTest {
    private static final Path MODULE = Path.of("..", "sdk-tests", "java", "target").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void fabricSdkJavaReadsTheConfigAndBroadcastsSignedTransactions() throws Exception {
        assumeBuilt();
        Path out = result("fabric-sdk-java.json");
        Path configOut = dir.resolve("config.pb");
        try (LaunchedSample sample = LaunchedSample.start(dir)) {
            long follower = sample.follower();
            Path user = sample.org1Msp("users", "User1");
            Path admin = sample.ordererAdminMsp();
            List<String> cmd = command(sample, follower, configOut, out, List.of("--transactions", "2",
                    "--admin-msp-id", "OrdererMSP", "--admin-cert", LaunchedSample.signCert(admin).toString(),
                    "--admin-key", LaunchedSample.key(admin).toString()));
            ChildProcess run = ChildProcess.run(cmd, dir, dir.resolve("sdk-java.log"), 90);
            assertTrue(Files.exists(out), "the client wrote no result: " + run);
            JsonNode r = new ObjectMapper().readTree(out.toFile());
            assertEquals("[]", r.path("failures").toString(), run.toString());
            assertEquals(0, run.exit(), run.toString());
            assertTrue(r.path("client").asText().startsWith("fabric-sdk-java 2.2."), r.toString());
            r.path("broadcasts").forEach(b -> assertEquals("SUCCESS", b.path("status").asText(), b.toString()));
            // the SDK reports a refusal as an exception with the orderer's status code
            assertTrue(r.path("stranger").path("info").asText().contains("failure code 403 (FORBIDDEN)"), r.toString());
            assertTrue(r.path("strangerConfig").asText().contains("expected status 200  got  403"), r.toString());
            JsonNode update = r.path("configUpdate");
            assertEquals("SUCCESS", update.path("status").asText(), update.toString());
            assertEquals(update.path("maxMessageCountBefore").asInt() - 1, update.path("maxMessageCountAfter").asInt(), update.toString());
            assertEquals(update.path("sequenceBefore").asInt() + 1, update.path("sequenceAfter").asInt(), update.toString());

            SigningIdentity reader = SigningIdentity.fromPemFiles("Org1MSP", LaunchedSample.signCert(user), LaunchedSample.key(user));
            ManagedChannel ch = connect(sample.network(), follower, sample.tlsCa(), sample.host(follower));
            try {
                SeekPosition newest = SeekPosition.newBuilder().setNewest(SeekNewest.getDefaultInstance()).build();
                List<DeliverResponse> got = deliver(ch, seek(reader, LaunchedSample.CHANNEL, at(0), newest,
                        SeekInfo.SeekBehavior.FAIL_IF_NOT_READY));
                assertEquals(Status.SUCCESS, got.get(got.size() - 1).getStatus());
                Block genesis = got.get(0).getBlock();
                Config config = ConfigEnvelope.parseFrom(Payload.parseFrom(Envelope.parseFrom(genesis.getData().getData(0))
                        .getPayload()).getData()).getConfig();
                assertEquals(config, Config.parseFrom(Files.readAllBytes(configOut)), "the SDK's channel config is block 0's");

                List<String> txIds = new ArrayList<>();
                List<Long> configBlocks = new ArrayList<>();
                for (DeliverResponse d : got.subList(1, got.size() - 1)) {
                    for (var data : d.getBlock().getData().getDataList()) {
                        ChannelHeader h = ChannelHeader.parseFrom(Payload.parseFrom(Envelope.parseFrom(data).getPayload())
                                .getHeader().getChannelHeader());
                        if (h.getType() == HeaderType.CONFIG_VALUE) {
                            configBlocks.add(d.getBlock().getHeader().getNumber());
                        } else {
                            txIds.add(h.getTxId());
                        }
                    }
                }
                r.path("broadcasts").forEach(b -> assertTrue(txIds.contains(b.path("txId").asText()), b + " in " + txIds));
                assertEquals(2, txIds.size(), txIds.toString());
                // the SDK's update is the last block, a CONFIG block
                assertEquals(List.of(got.get(got.size() - 2).getBlock().getHeader().getNumber()), configBlocks);
                // its last_update: the SDK's CONFIG_UPDATE envelope, with the orderer admin's config signature
                Block configBlock = got.get(got.size() - 2).getBlock();
                Envelope lastUpdate = ConfigEnvelope.parseFrom(Payload.parseFrom(Envelope.parseFrom(configBlock.getData()
                        .getData(0)).getPayload()).getData()).getLastUpdate();
                ConfigUpdateEnvelope cue = ConfigUpdateEnvelope.parseFrom(Payload.parseFrom(lastUpdate.getPayload()).getData());
                assertEquals(1, cue.getSignaturesCount());
                assertEquals("OrdererMSP", SerializedIdentity.parseFrom(SignatureHeader.parseFrom(
                        cue.getSignatures(0).getSignatureHeader()).getCreator()).getMspid());
            } finally {
                ch.shutdownNow();
            }
        }
    }

    private static void assumeBuilt() {
        Assumptions.assumeTrue(Files.exists(MODULE.resolve("sdk-classpath.txt")) && Files.isDirectory(MODULE.resolve("classes")),
                "sdk-tests/java is not built: ./mvnw -pl raft-runtime -am builds it (" + MODULE + ")");
    }

    /** Kept in target/ for a look at what the client saw. */
    private static Path result(String name) throws java.io.IOException {
        Path out = Path.of("target", "sdk-tests", name).toAbsolutePath();
        Files.createDirectories(out.getParent());
        Files.deleteIfExists(out);
        return out;
    }

    /** The SDK client in its own JVM, talking to {@code node} as the sample's User1. */
    private static List<String> command(LaunchedSample sample, long node, Path configOut, Path out, List<String> extra)
            throws java.io.IOException {
        Path user = sample.org1Msp("users", "User1");
        Path peer = sample.org1Msp("peers", "peer0");
        String javaCmd = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(javaCmd,
                // the SDK exports OpenTelemetry spans to localhost:4317 unless told not to
                "-Dotel.sdk.disabled=true", "-Dotel.traces.exporter=none", "-Dotel.metrics.exporter=none", "-Dotel.logs.exporter=none",
                "-cp", MODULE.resolve("classes") + java.io.File.pathSeparator + Files.readString(MODULE.resolve("sdk-classpath.txt")).trim(),
                "io.raftlens.sdkjava.SdkJavaClient",
                "--orderer", sample.clientUrl(node), "--host", sample.host(node),
                "--tls-ca", sample.tlsCa().toString(), "--channel", LaunchedSample.CHANNEL,
                "--msp-id", "Org1MSP", "--cert", LaunchedSample.signCert(user).toString(),
                "--key", LaunchedSample.key(user).toString(),
                "--endorser-cert", LaunchedSample.signCert(peer).toString(), "--endorser-key", LaunchedSample.key(peer).toString(),
                "--stranger-cert", FabricFixtures.path("sdk-java/org1-user1-cert.pem").toString(),
                "--stranger-key", FabricFixtures.path("sdk-java/org1-user1-key.pem").toString(),
                "--config-out", configOut.toString(), "--out", out.toString()));
        cmd.addAll(extra);
        return cmd;
    }
}
