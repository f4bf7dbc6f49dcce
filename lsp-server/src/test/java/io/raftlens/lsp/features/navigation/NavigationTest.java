package io.raftlens.lsp.features.navigation;

import static io.raftlens.lsp.features.FabricAssert.NEVER;
import static io.raftlens.lsp.features.FabricAssert.SERVICE;
import static io.raftlens.lsp.features.FabricAssert.r;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.raftlens.lsp.features.FabricAssert;
import io.raftlens.lsp.features.Sample;
import java.util.List;
import org.eclipse.lsp4j.DocumentLink;
import org.eclipse.lsp4j.Location;
import org.junit.jupiter.api.Test;

class NavigationTest {

    @Test
    void aliasGoesToItsAnchor() {
        FabricAssert.Doc doc = Sample.configtxWithCursorAfter("<<: *OrdererDef");
        List<Location> defs = SERVICE.definition(doc.model(), doc.cursor(), NEVER);
        assertEquals(List.of(new Location(doc.model().uri(), r(75, 10, 75, 25))), defs);
    }

    @Test
    void certificatePathGoesToTheFile() {
        FabricAssert.Doc doc = Sample.configtxWithCursorAfter("ClientTLSCert: crypto/ordererOrg");
        List<Location> defs = SERVICE.definition(doc.model(), doc.cursor(), NEVER);
        assertEquals(List.of(new Location(Sample.CONFIGTX.resolveSibling(
                "crypto/ordererOrganizations/example.com/orderers/orderer1.example.com/tls/server.crt").toUri().toString(),
                r(0, 0, 0, 0))), defs);
    }

    @Test
    void linksForMspDirsAndCertificates() {
        List<DocumentLink> links = SERVICE.links(Sample.configtx().model(), NEVER);
        assertEquals(12, links.size()); // 2 MSPDirs, 5 consenters × 2 certificates
        assertEquals(r(11, 12, 11, 55), links.get(0).getRange());
        assertEquals(Sample.CONFIGTX.resolveSibling("crypto/ordererOrganizations/example.com/msp").toUri().toString(),
                links.get(0).getTarget());
    }
}
