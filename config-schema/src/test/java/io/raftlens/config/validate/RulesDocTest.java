package io.raftlens.config.validate;

import io.raftlens.config.validator.ConfigValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** docs/rules.md documents every code RaftLens can report. */
class RulesDocTest {

    @Test
    void everyCodeHasASection() throws IOException {
        String doc = Files.readString(Path.of("../docs/rules.md"));
        List<String> undocumented = ConfigValidator.rules().stream().map(RuleInfo::code)
                .filter(code -> !doc.contains("#### " + code + " "))
                .toList();
        assertEquals(List.of(), undocumented);
    }
}
