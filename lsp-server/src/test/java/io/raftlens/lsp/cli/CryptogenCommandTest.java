package io.raftlens.lsp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code raftlens cryptogen} with cryptogen's subcommands and flags, feeding {@code raftlens configtxgen}. */
class CryptogenCommandTest {

    @TempDir
    Path dir;

    @Test
    void showtemplatePrintsFabricsDefaultConfiguration() {
        ConfigtxgenCommandTest.Run r = ConfigtxgenCommandTest.run("cryptogen", "showtemplate");
        assertEquals(0, r.exit());
        assertTrue(r.out().startsWith("# ---------------------------------------------------------------------------\n# \"OrdererOrgs\""), r.out());
        assertTrue(r.out().contains("    EnableNodeOUs: false\n"), r.out());
    }

    @Test
    void generatedMaterialIsWhatConfigtxgenReads() throws Exception {
        Path config = dir.resolve("crypto-config.yaml");
        Files.writeString(config, """
                OrdererOrgs:
                  - Name: Orderer
                    Domain: example.com
                    EnableNodeOUs: true
                    Specs:
                      - Hostname: orderer
                      - Hostname: orderer1
                      - Hostname: orderer2
                      - Hostname: orderer3
                      - Hostname: orderer4
                PeerOrgs:
                  - Name: Org1
                    Domain: org1.example.com
                    EnableNodeOUs: true
                    Template:
                      Count: 1
                    Users:
                      Count: 1
                  - Name: Org2
                    Domain: org2.example.com
                    EnableNodeOUs: true
                    Template:
                      Count: 1
                    Users:
                      Count: 1
                """);
        Path out = dir.resolve("organizations");
        ConfigtxgenCommandTest.Run r = ConfigtxgenCommandTest.run("cryptogen", "generate", "--config=" + config, "--output=" + out);
        assertEquals(0, r.exit(), r.err());
        assertEquals("org1.example.com\norg2.example.com\n", r.out());
        for (String p : new String[] {
                "ordererOrganizations/example.com/msp/cacerts/ca.example.com-cert.pem",
                "ordererOrganizations/example.com/msp/tlscacerts/tlsca.example.com-cert.pem",
                "ordererOrganizations/example.com/msp/config.yaml",
                "ordererOrganizations/example.com/orderers/orderer.example.com/tls/server.crt",
                "ordererOrganizations/example.com/users/Admin@example.com/msp/signcerts/Admin@example.com-cert.pem",
                "peerOrganizations/org1.example.com/peers/peer0.org1.example.com/msp/keystore/priv_sk",
                "peerOrganizations/org1.example.com/users/User1@org1.example.com/tls/client.key",
                "peerOrganizations/org1.example.com/users/Admin@org1.example.com/msp/signcerts/Admin@org1.example.com-cert.pem"}) {
            assertTrue(Files.isRegularFile(out.resolve(p)), p);
        }
        // the Fabric test network's own configtx.yaml (unchanged) reads that material, as it reads cryptogen's
        Path conf = dir.resolve("configtx").resolve("configtx.yaml");
        Files.createDirectories(conf.getParent());
        Files.copy(ConfigtxgenCommandTest.FABRIC.resolve("configtx/configtx.yaml"), conf);
        Path block = dir.resolve("mychannel.block");
        ConfigtxgenCommandTest.Run gen = ConfigtxgenCommandTest.run("configtxgen", "-profile", "ChannelUsingRaft", "-channelID", "mychannel",
                "-outputBlock", block.toString(), "-configPath", conf.getParent().toString());
        assertEquals(0, gen.exit(), gen.err());
        ConfigtxgenCommandTest.Run inspect = ConfigtxgenCommandTest.run("configtxgen", "-inspectBlock", block.toString());
        assertTrue(inspect.out().contains("\"OrganizationalUnitIdentifier\": \"orderer\"") || inspect.out().contains("\"organizational_unit_identifier\": \"orderer\""),
                "NodeOUs from the generated config.yaml are in the block");
    }

    @Test
    void aBrokenConfigIsReportedAsCryptogenReportsIt() throws Exception {
        Path config = dir.resolve("bad.yaml");
        Files.writeString(config, "PeerOrgs: [\n");
        ConfigtxgenCommandTest.Run r = ConfigtxgenCommandTest.run("cryptogen", "generate", "--config", config.toString(), "--output", dir.resolve("o").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("Error reading config: Error Unmarshalling YAML: "), r.err());
    }
}
