package io.raftlens.raft.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.raftlens.raft.fabric.FabricFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fabric's own Node.js client library, npm {@code fabric-common} 2.2 ({@code sdk-tests/node/broadcast-deliver.js}),
 * against a launched copy of {@code samples/three-orderers}, talking to a follower: the sample's User1 broadcasts
 * ENDORSER_TRANSACTION envelopes that fabric-common built and signed (SUCCESS), fabric-sdk-java's User1 from another
 * CA claiming Org1MSP is FORBIDDEN for Broadcast and Deliver, and the blocks read back over Deliver carry orderer
 * signatures that node's crypto verifies against the orderer organization's certificates. The node project is
 * installed with {@code npm ci} when its {@code node_modules} is missing (cache under target/); without
 * {@code node} on the PATH the test is skipped.
 */
class FabricCommonClientTest {
    private static final Path NODE_PROJECT = Path.of("..", "sdk-tests", "node").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void fabricCommonBroadcastsSignedTransactionsAndVerifiesSignedBlocks() throws Exception {
        Assumptions.assumeTrue(ChildProcess.works(List.of("node", "--version")),
                "node is not installed: the fabric-common client test needs Node.js 18+ and npm (.ci/run installs them)");
        installNodeProject();
        // kept in target/ for a look at what the client saw (blocks, signers, statuses)
        Path out = Path.of("target", "sdk-tests", "fabric-common.json").toAbsolutePath();
        Files.createDirectories(out.getParent());
        Files.deleteIfExists(out);
        try (LaunchedSample sample = LaunchedSample.start(dir)) {
            long follower = sample.follower();
            Path user = sample.org1Msp("users", "User1");
            Path peer = sample.org1Msp("peers", "peer0");
            List<String> cmd = new ArrayList<>(List.of("node", NODE_PROJECT.resolve("broadcast-deliver.js").toString(),
                    "--orderer", sample.clientUrl(follower), "--host", sample.host(follower),
                    "--tls-ca", sample.tlsCa().toString(), "--channel", LaunchedSample.CHANNEL,
                    "--msp-id", "Org1MSP", "--cert", LaunchedSample.signCert(user).toString(),
                    "--key", LaunchedSample.key(user).toString(),
                    "--endorser-cert", LaunchedSample.signCert(peer).toString(), "--endorser-key", LaunchedSample.key(peer).toString(),
                    "--stranger-cert", FabricFixtures.path("sdk-java/org1-user1-cert.pem").toString(),
                    "--stranger-key", FabricFixtures.path("sdk-java/org1-user1-key.pem").toString(),
                    "--orderer-msp-id", "OrdererMSP", "--orderer-ca", sample.ordererCa().toString(),
                    "--transactions", "3", "--timeout-ms", "20000", "--out", out.toString()));
            for (Path cert : sample.ordererSignCerts()) {
                cmd.add("--orderer-cert");
                cmd.add(cert.toString());
            }
            ChildProcess run = ChildProcess.run(cmd, NODE_PROJECT, dir.resolve("node.log"), 90);
            assertTrue(Files.exists(out), "the script wrote no result: " + run);
            JsonNode r = new ObjectMapper().readTree(out.toFile());
            assertEquals(List.of(), texts(r.path("failures")), run.toString());
            assertEquals(0, run.exit(), run.toString());
            assertTrue(r.path("client").asText().startsWith("fabric-common 2.2."), r.toString());

            assertEquals(3, r.path("broadcasts").size());
            r.path("broadcasts").forEach(b -> assertEquals("SUCCESS", b.path("status").asText(), b.toString()));
            assertEquals("FORBIDDEN", r.path("stranger").path("status").asText(), r.path("stranger").toString());
            assertEquals("FORBIDDEN", r.path("strangerDeliver").path("status").asText());
            assertEquals(0, r.path("strangerDeliver").path("blocks").asInt());

            JsonNode blocks = r.path("deliver").path("blocks");
            assertEquals(0, blocks.get(0).path("number").asInt());
            assertEquals("CONFIG", blocks.get(0).path("transactions").get(0).path("type").asText());
            List<String> delivered = new ArrayList<>();
            for (JsonNode b : blocks) {
                assertTrue(b.path("dataHashOk").asBoolean(), b.toString());
                b.path("transactions").forEach(t -> delivered.add(t.path("txId").asText()));
                if (b.path("number").asInt() > 0) {
                    assertEquals(0, b.path("lastConfig").asInt(-1), "OrdererBlockMetadata.last_config: " + b);
                    assertFalse(b.path("signatures").isEmpty(), b.toString());
                    for (JsonNode s : b.path("signatures")) {
                        assertEquals("OrdererMSP", s.path("mspId").asText(), s.toString());
                        assertTrue(s.path("ok").asBoolean(), s.toString());
                    }
                    b.path("transactions").forEach(t -> {
                        assertEquals("ENDORSER_TRANSACTION", t.path("type").asText(), t.toString());
                        assertEquals("Org1MSP", t.path("creatorMspId").asText(), t.toString());
                    });
                }
            }
            r.path("broadcasts").forEach(b -> assertTrue(delivered.contains(b.path("txId").asText()), b.toString()));
        }
    }

    /**
     * The script's signature check on a block Fabric's own orderer signed (block 3 of a Fabric system channel from
     * hyperledger/fabric's cluster testdata): valid; the same block with another number: not valid. So a SUCCESS of
     * the test above means RaftLens signs what Fabric's blockwriter signs, not only what the script expects.
     */
    @Test
    void theScriptsSignatureCheckAgreesWithABlockFabricSigned() throws Exception {
        Assumptions.assumeTrue(ChildProcess.works(List.of("node", "--version")),
                "node is not installed: the fabric-common client test needs Node.js 18+ and npm (.ci/run installs them)");
        installNodeProject();
        Path fabricBlock = FabricFixtures.path("fabric/block3.pb");
        ChildProcess valid = ChildProcess.run(List.of("node", "broadcast-deliver.js", "--check-block", fabricBlock.toString()), NODE_PROJECT,
                dir.resolve("valid.log"), 60);
        assertEquals(0, valid.exit(), valid.toString());
        assertTrue(valid.output().contains("\"mspId\":\"OrdererMSP\",\"signer\":\"C=US,ST=California,L=San Francisco,CN=orderer.example.com\",\"valid\":true"),
                valid.toString());

        Block block = Block.parseFrom(Files.readAllBytes(fabricBlock));
        Path tampered = dir.resolve("tampered.pb");
        Files.write(tampered, block.toBuilder().setHeader(block.getHeader().toBuilder().setNumber(4)).build().toByteArray());
        ChildProcess invalid = ChildProcess.run(List.of("node", "broadcast-deliver.js", "--check-block", tampered.toString()), NODE_PROJECT,
                dir.resolve("invalid.log"), 60);
        assertEquals(1, invalid.exit(), invalid.toString());
        assertTrue(invalid.output().contains("\"valid\":false"), invalid.toString());
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** {@code npm ci} from the pinned lock file, once per checkout; optional native modules (pkcs11js) left out. */
    private void installNodeProject() throws Exception {
        if (Files.isDirectory(NODE_PROJECT.resolve("node_modules/fabric-common"))) {
            return;
        }
        Path cache = Path.of("target", "npm-cache").toAbsolutePath();
        ChildProcess npm = ChildProcess.run(List.of("npm", "ci", "--omit=optional", "--ignore-scripts", "--no-audit", "--no-fund",
                "--cache", cache.toString()), NODE_PROJECT, dir.resolve("npm.log"), 300);
        if (npm.exit() != 0) {
            fail("npm ci in " + NODE_PROJECT + " failed (is the npm registry reachable?): " + npm);
        }
    }
}
