package io.raftlens.config.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftlens.config.fabric.FabricVersion;
import io.raftlens.config.fabric.FileKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaCatalogTest {

    private final SchemaCatalog catalog = SchemaCatalog.standard();

    private KeyInfo configtx(String... path) {
        return catalog.keyInfo(FileKind.CONFIGTX, List.of(path)).orElseThrow(() -> new AssertionError(String.join(".", path)));
    }

    private KeyInfo orderer(String... path) {
        return catalog.keyInfo(FileKind.ORDERER, List.of(path)).orElseThrow(() -> new AssertionError(String.join(".", path)));
    }

    @Test
    void tickIntervalHasFabricDocsDefaultAndFormat() {
        KeyInfo tick = configtx("Orderer", "EtcdRaft", "Options", "TickInterval");
        assertEquals("TickInterval", tick.name());
        assertEquals(List.of("Orderer", "EtcdRaft", "Options", "TickInterval"), tick.path());
        assertEquals("500ms", tick.defaultValue());
        assertEquals("duration-string", tick.format());
        assertTrue(tick.description().startsWith("TickInterval is the time interval between two Node.Tick invocations."));
        assertFalse(tick.isDeprecated());
    }

    @Test
    void keysMatchCaseInsensitivelyAndReportCanonicalNames() {
        KeyInfo batch = configtx("orderer", "batchtimeout");
        assertEquals(List.of("Orderer", "BatchTimeout"), batch.path());
        assertEquals("2s", batch.defaultValue());
        assertEquals("time.Duration", batch.goType());
        assertEquals("10 MB", configtx("ORDERER", "BatchSize", "absolutemaxbytes").defaultValue());
    }

    @Test
    void profilesAreAnOpenMapOfProfiles() {
        assertTrue(configtx("Profiles").openMap());
        KeyInfo consenterHost = configtx("Profiles", "MyChannel", "Orderer", "EtcdRaft", "Consenters", "0", "Host");
        assertEquals(List.of("Profiles", "MyChannel", "Orderer", "EtcdRaft", "Consenters", "[]", "Host"), consenterHost.path());
        assertEquals(List.of("etcdraft", "BFT"), configtx("Profiles", "P", "Orderer", "OrdererType").enumValues());
        assertTrue(catalog.keyInfo(FileKind.CONFIGTX, List.of("Orderer", "EtcdRaft", "Consenters", "[]", "MSPID")).isEmpty(),
                "MSPID belongs to ConsenterMapping only");
        assertTrue(catalog.keyInfo(FileKind.CONFIGTX, List.of("Consortiums")).isEmpty(), "no top-level Consortiums");
    }

    @Test
    void policyTypeAndMetricsProviderAreEnums() {
        assertEquals(List.of("Signature", "ImplicitMeta"), configtx("Channel", "Policies", "Readers", "Type").enumValues());
        assertEquals(List.of("Signature", "ImplicitMeta"), configtx("Organizations", "[]", "Policies", "Endorsement", "Type").enumValues());
        assertEquals(List.of("prometheus", "statsd", "disabled"), orderer("Metrics", "Provider").enumValues());
        assertEquals("disabled", orderer("Metrics", "Provider").defaultValue());
        assertEquals(List.of("none", "file"), orderer("General", "BootstrapMethod").enumValues());
    }

    @Test
    void kafkaIsRemovedInFabric3Only() {
        KeyInfo kafka = configtx("Orderer", "Kafka");
        assertEquals("3.0", kafka.removedIn());
        assertTrue(kafka.isRemovedIn(FabricVersion.V3));
        assertFalse(kafka.isRemovedIn(FabricVersion.V2_5));
        assertTrue(kafka.deprecation().contains("'Orderer' has invalid keys: Kafka"));
        assertTrue(orderer("Kafka", "Retry", "ShortInterval").isRemovedIn(FabricVersion.V3));
        assertTrue(orderer("General", "Cluster", "ReplicationBackgroundRefreshInterval").isRemovedIn(FabricVersion.V3));
    }

    @Test
    void deprecatedKeysCarryTheirReason() {
        assertTrue(orderer("General", "GenesisMethod").deprecation().contains("use BootstrapMethod"));
        assertNull(orderer("General", "GenesisMethod").removedIn());
        assertTrue(configtx("Orderer", "Addresses").isDeprecated());
    }

    @Test
    void capabilitiesListKnownNamesAndAcceptOthers() {
        assertEquals(List.of("V3_0", "V2_0", "V1_4_3", "V1_4_2", "V1_3", "V1_1"),
                catalog.children(FileKind.CONFIGTX, List.of("Capabilities", "Channel")).stream().map(KeyInfo::name).toList());
        assertEquals(List.of("Capabilities", "Channel", "V9_9"), configtx("Capabilities", "Channel", "V9_9").path());
    }

    @Test
    void childrenFollowFabricsDocumentationOrder() {
        assertEquals(List.of("General", "FileLedger", "Debug", "Operations", "Metrics", "Admin", "ChannelParticipation", "Consensus", "Kafka",
                "RAMLedger"),
                catalog.children(FileKind.ORDERER, List.of()).stream().map(KeyInfo::name).toList());
        assertEquals(List.of("TickInterval", "ElectionTick", "HeartbeatTick", "MaxInflightBlocks", "SnapshotIntervalSize"),
                catalog.children(FileKind.CONFIGTX, List.of("Profiles", "X", "Orderer", "EtcdRaft", "Options")).stream().map(KeyInfo::name).toList());
        assertEquals(List.of("Host", "Port", "ClientTLSCert", "ServerTLSCert"),
                catalog.children(FileKind.CONFIGTX, List.of("Orderer", "EtcdRaft", "Consenters")).stream().map(KeyInfo::name).toList());
        assertEquals(List.of(), catalog.children(FileKind.CONFIGTX, List.of("NoSuchSection")));
    }

    @Test
    void clusterListenerKeysAndConsensusAreDescribed() {
        assertTrue(orderer("General", "Cluster", "ListenPort").description().contains("set together"));
        assertEquals("uint16", orderer("General", "Cluster", "ListenPort").goType());
        assertEquals("path", orderer("Consensus", "WALDir").format());
        assertTrue(orderer("Admin", "TLS", "ClientAuthRequired").description().contains("panic on startup"));
        assertEquals("true", orderer("Admin", "TLS", "ClientAuthRequired").defaultValue());
        assertTrue(orderer("Consensus", "SomePluginKey").path().contains("SomePluginKey"), "Consensus is opaque to the orderer");
        assertTrue(orderer("General", "BCCSP", "PKCS11", "KeyIDs").path().contains("KeyIDs"), "BCCSP is decoded leniently");
    }
}
