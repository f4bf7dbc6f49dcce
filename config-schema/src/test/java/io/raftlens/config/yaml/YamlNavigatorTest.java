package io.raftlens.config.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.raftlens.config.testing.Configs;
import java.util.List;
import org.junit.jupiter.api.Test;

class YamlNavigatorTest {

    @Test
    void keyPathAtAPosition() {
        ParsedYaml y = YamlParser.parse(Configs.RAFT);
        int offset = Configs.RAFT.indexOf("ElectionTick: 10") + 15;
        Position p = new TextIndex(Configs.RAFT).atOffset(offset);
        assertEquals(List.of("Orderer", "EtcdRaft", "Options", "ElectionTick"), YamlNavigator.keyPathAt(y, p));
    }

    @Test
    void keyAtAndListItems() {
        String text = Configs.RAFT;
        ParsedYaml y = YamlParser.parse(text);
        Position onKey = new TextIndex(text).atOffset(text.indexOf("Host: orderer2") + 1);
        assertEquals("Host", YamlNavigator.keyAt(y, onKey).orElseThrow().keyText());
        List<YamlNavigator.Step> steps = YamlNavigator.pathAt(y, onKey);
        assertEquals(1, steps.get(3).index(), "second consenter");
        assertEquals(List.of("Orderer", "EtcdRaft", "Consenters", "Host"), YamlNavigator.keyPathAt(y, onKey));
    }
}
