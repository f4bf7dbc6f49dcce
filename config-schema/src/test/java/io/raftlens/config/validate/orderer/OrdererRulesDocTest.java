package io.raftlens.config.validate.orderer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.raftlens.config.validate.Rule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/rules.md has a section and a table row for every orderer.yaml rule. */
class OrdererRulesDocTest {

    @Test
    void everyOrdererCodeIsDocumented() throws IOException {
        String doc = Files.readString(Path.of("../docs/rules.md"));
        List<String> undocumented = OrdererRules.all().stream().map(Rule::code)
                .filter(code -> !doc.contains("#### " + code + " ") || !doc.contains("| " + code + " |"))
                .toList();
        assertEquals(List.of(), undocumented);
    }
}
