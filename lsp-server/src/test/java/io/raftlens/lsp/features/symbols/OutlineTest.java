package io.raftlens.lsp.features.symbols;

import static io.raftlens.lsp.features.FabricAssert.NEVER;
import static io.raftlens.lsp.features.FabricAssert.SERVICE;
import static io.raftlens.lsp.features.FabricAssert.r;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.raftlens.lsp.features.Sample;
import java.util.List;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.SymbolKind;
import org.junit.jupiter.api.Test;

class OutlineTest {

    private static DocumentSymbol child(DocumentSymbol s, String name) {
        return s.getChildren().stream().filter(c -> c.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not under " + s.getName()));
    }

    @Test
    void organizationsProfilesAndConsenters() {
        List<DocumentSymbol> top = SERVICE.symbols(Sample.configtx().model(), NEVER);
        assertEquals(List.of("Organizations", "Capabilities", "Application", "Orderer", "Channel", "Profiles"),
                top.stream().map(DocumentSymbol::getName).toList());
        DocumentSymbol orgs = top.get(0);
        assertEquals(List.of("OrdererOrg", "Org1MSP"), orgs.getChildren().stream().map(DocumentSymbol::getName).toList());
        DocumentSymbol consenters = child(child(top.get(3), "EtcdRaft"), "Consenters");
        assertEquals(List.of("orderer1.example.com:7050", "orderer2.example.com:8050", "orderer3.example.com:9050",
                "orderer4.example.com:10050", "orderer5.example.com:11050"),
                consenters.getChildren().stream().map(DocumentSymbol::getName).toList());
        DocumentSymbol first = consenters.getChildren().get(0);
        assertEquals(r(80, 8, 83, 107), first.getRange());
        assertEquals(SymbolKind.Object, first.getKind());
        DocumentSymbol profile = child(top.get(5), "ChannelUsingRaft");
        assertEquals(SymbolKind.Namespace, profile.getKind());
        DocumentSymbol ordererOrgs = child(child(profile, "Orderer"), "Organizations");
        assertEquals("*OrdererOrg", ordererOrgs.getChildren().get(0).getDetail());
    }
}
