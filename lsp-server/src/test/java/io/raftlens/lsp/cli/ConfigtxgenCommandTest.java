package io.raftlens.lsp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.hyperledger.fabric.protos.common.Block;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code raftlens configtxgen} with configtxgen's flags on real files made by Fabric's tools. */
class ConfigtxgenCommandTest {

    /** Fabric 2.5 test network files (raft-runtime/src/test/resources/fabric-blocks/SOURCES.md). */
    static final Path FABRIC = Path.of("..", "raft-runtime", "src", "test", "resources", "fabric-blocks", "linxj-2.5-app-channel");

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    static JsonNode channelGroup(JsonNode block) {
        return block.at("/data/data/0/payload/data/config/channel_group");
    }

    @Test
    void outputBlockWritesFabricsChannelConfigAndInspectBlockShowsIt() throws Exception {
        Path out = dir.resolve("mychannel.block");
        Run r = run("configtxgen", "-profile", "ChannelUsingRaft", "-outputBlock", out.toString(), "-channelID", "mychannel",
                "-configPath", FABRIC.resolve("configtx").toString());
        assertEquals(0, r.exit(), r.err());
        Block.parseFrom(Files.readAllBytes(out));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));

        Run ours = run("configtxgen", "-inspectBlock", out.toString());
        Run fabric = run("configtxgen", "-inspectBlock", FABRIC.resolve("channel-artifacts/mychannel.block").toString());
        assertEquals(0, ours.exit(), ours.err());
        ObjectMapper json = new ObjectMapper();
        JsonNode oursJson = json.readTree(ours.out());
        JsonNode fabricJson = json.readTree(fabric.out());
        assertEquals(channelGroup(fabricJson), channelGroup(oursJson));
        assertEquals("mychannel", oursJson.at("/data/data/0/payload/header/channel_header/channel_id").asText());
        assertEquals("MAJORITY", oursJson.at("/data/data/0/payload/data/config/channel_group/policies/Admins/policy/value/rule").asText());
        // Go's json.Indent layout: two spaces, "key": value, keys sorted
        assertTrue(ours.out().startsWith("{\n  \"data\": {\n    \"data\": [\n"), ours.out().substring(0, 40));
    }

    @Test
    void printOrgPrintsTheOrganizationsGroup() throws Exception {
        Run r = run("configtxgen", "-printOrg", "Org1MSP", "-configPath", FABRIC.resolve("configtx").toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode org = new ObjectMapper().readTree(r.out());
        assertEquals("Org1MSP", org.at("/values/MSP/value/config/name").asText());
        assertEquals("Admins", org.get("mod_policy").asText());
        assertEquals("PEER", org.at("/policies/Endorsement/policy/value/identities/0/principal/role").asText());

        Run orderer = run("configtxgen", "-printOrg", "OrdererOrg", "-configPath", FABRIC.resolve("configtx").toString());
        assertEquals(0, orderer.exit(), orderer.err());
        assertEquals("orderer.example.com:7050", new ObjectMapper().readTree(orderer.out()).at("/values/Endpoints/value/addresses/0").asText());
    }

    @Test
    void configtxgensOwnMessagesForMissingInput() throws Exception {
        Run noChannel = run("configtxgen", "-profile", "ChannelUsingRaft", "-outputBlock", dir.resolve("b").toString());
        assertEquals(1, noChannel.exit());
        assertEquals("Missing channelID, please specify it with '-channelID'", noChannel.err().strip());

        Run noProfile = run("configtxgen", "-profile", "Nope", "-channelID", "c", "-outputBlock", dir.resolve("b").toString(),
                "-configPath", FABRIC.resolve("configtx").toString());
        assertEquals(1, noProfile.exit());
        assertTrue(noProfile.err().startsWith("Could not find profile: Nope. Please make sure"), noProfile.err());

        Run noFile = run("configtxgen", "-profile", "P", "-channelID", "c", "-outputBlock", dir.resolve("b").toString(),
                "-configPath", dir.toString());
        assertEquals(1, noFile.exit());
        assertTrue(noFile.err().startsWith("Could not find configtx.yaml."), noFile.err());
    }

    @Test
    void aRefusedProfileIsReportedWithConfigtxgensMessageAndTheLine() throws Exception {
        try (var files = Files.walk(FABRIC)) {
            for (Path p : files.toList()) {
                Path t = dir.resolve(FABRIC.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        Path conf = dir.resolve("configtx/configtx.yaml");
        String text = Files.readString(conf).replace("MSPDir: ../organizations/ordererOrganizations/example.com/msp", "MSPDir: nowhere/msp");
        Files.writeString(conf, text);
        Run r = run("configtxgen", "-profile", "ChannelUsingRaft", "-channelID", "mychannel", "-outputBlock",
                dir.resolve("b").toString(), "-configPath", conf.getParent().toString());
        assertEquals(1, r.exit());
        int line = text.lines().toList().indexOf("    MSPDir: nowhere/msp") + 1;
        assertTrue(r.err().startsWith(conf + ":" + line + ":5: error: Error on outputBlock: could not create bootstrapper: "
                + "could not create channel group: could not create orderer group: failed to create orderer org: "
                + "1 - Error loading MSP configuration for org: OrdererOrg: could not load a valid ca certificate from directory "), r.err());
    }

    @Test
    void outputAnchorPeersUpdateWritesTheUpdateFabric2xWrote() throws Exception {
        Path fabric = Path.of("..", "raft-runtime", "src", "test", "resources", "fabric-blocks", "canisminor-2.x-anchor-peers");
        Path out = dir.resolve("Org1MSPanchors.tx");
        Run r = run("configtxgen", "-configPath", fabric.toString(), "-profile", "FiveOrgsChannel", "-channelID", "mychannel",
                "-asOrg", "Org1MSP", "-outputAnchorPeersUpdate", out.toString());
        assertEquals(0, r.exit(), r.err());
        var ours = org.hyperledger.fabric.protos.common.Payload.parseFrom(
                org.hyperledger.fabric.protos.common.Envelope.parseFrom(Files.readAllBytes(out)).getPayload());
        var theirs = org.hyperledger.fabric.protos.common.Payload.parseFrom(org.hyperledger.fabric.protos.common.Envelope
                .parseFrom(Files.readAllBytes(fabric.resolve("channel-artifacts/Org1MSPanchors.tx"))).getPayload());
        // the same config update once decoded (Go writes map entries in random order, so bytes differ)
        assertEquals(update(theirs), update(ours));

        Run noOrg = run("configtxgen", "-configPath", fabric.toString(), "-profile", "FiveOrgsChannel", "-channelID", "mychannel",
                "-outputAnchorPeersUpdate", out.toString());
        assertEquals(1, noOrg.exit());
        assertEquals("Error on outputAnchorPeersUpdate: must specify an organization to update the anchor peer for", noOrg.err().strip());
    }

    private static org.hyperledger.fabric.protos.common.ConfigUpdate update(org.hyperledger.fabric.protos.common.Payload p) throws Exception {
        return org.hyperledger.fabric.protos.common.ConfigUpdate.parseFrom(
                org.hyperledger.fabric.protos.common.ConfigUpdateEnvelope.parseFrom(p.getData()).getConfigUpdate());
    }
}
