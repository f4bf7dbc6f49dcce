package io.raftlens.config.fabric;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FileKindsTest {

    @Test
    void modelineWinsOverNameAndContent() {
        assertEquals(Optional.of(FileKind.ORDERER),
                FileKinds.detect(Path.of("configtx.yaml"), "# raftlens: orderer fabric=2.5\nProfiles: {}\n"));
        Modeline m = Modeline.find("---\n#raftlens: configtx fabric=2.5\n").orElseThrow();
        assertEquals(FileKind.CONFIGTX, m.kind());
        assertEquals(Optional.of(FabricVersion.V2_5), m.fabricVersion());
    }

    @Test
    void nameThenContent() {
        assertEquals(Optional.of(FileKind.CONFIGTX), FileKinds.detect(Path.of("x/configtx-template.yaml"), "General: {}\n"));
        assertEquals(Optional.of(FileKind.ORDERER), FileKinds.detect(Path.of("Orderer.yml"), ""));
        assertEquals(Optional.of(FileKind.CONFIGTX), FileKinds.detect(Path.of("net.yaml"), "Organizations:\n  - Name: A\nProfiles: {}\n"));
        assertEquals(Optional.of(FileKind.ORDERER), FileKinds.detect(Path.of("node.yaml"), "General:\n  ListenPort: 7050\nFileLedger: {}\n"));
        assertEquals(Optional.empty(), FileKinds.detect(Path.of("docker-compose.yaml"), "services: {}\n"));
        assertEquals(Optional.empty(), FileKinds.detect(Path.of("configtx.txt"), "x: 1\n"));
    }
}
