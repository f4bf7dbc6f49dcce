package io.raftlens.config.validate;

import io.raftlens.config.fabric.FabricVersion;
import io.raftlens.config.fabric.ValidationSettings;
import io.raftlens.config.testing.Configs;
import io.raftlens.config.testing.Marked;
import io.raftlens.config.validator.ConfigValidator;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** YAML-level codes with exact ranges, and the --profile scope. */
class CommonRulesTest {

    private final ConfigValidator validator = new ConfigValidator(ValidationSettings.defaults());

    private Diagnostic only(String code, String text) {
        List<Diagnostic> d = validator.validate(Path.of("configtx.yaml"), text).diagnostics().stream()
                .filter(x -> x.code().equals(code)).toList();
        assertEquals(1, d.size(), () -> code + " in " + d);
        return d.get(0);
    }

    @Test
    void syntaxErrorAtTheToken() {
        Marked m = Marked.of("Orderer:\n  BatchTimeout: 2s\n  BatchSize: x«:» y\n");
        Diagnostic d = only("YAML001", m.text());
        assertEquals(m.range(), d.range());
        assertTrue(d.message().startsWith("YAML syntax error: mapping values are not allowed here"), d.message());
    }

    @Test
    void unclosedFlowList() {
        Diagnostic d = only("YAML001", "Profiles:\n  P:\n    Orderer: [a, b\n");
        assertEquals(Severity.ERROR, d.severity());
        assertEquals(3, d.range().start().line());
    }

    @Test
    void aliasBombRefused() {
        StringBuilder b = new StringBuilder("Organizations: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 0; i < 8; i++) {
            b.append("K").append(i).append(": &").append((char) ('b' + i)).append(" [");
            for (int j = 0; j < 10; j++) {
                b.append(j == 0 ? "" : ", ").append('*').append((char) ('a' + i));
            }
            b.append("]\n");
        }
        Diagnostic d = only("YAML003", b.toString());
        assertTrue(d.message().contains("alias bomb"), d.message());
    }

    @Test
    void topLevelMustBeAMapping() {
        Marked m = Marked.of("«- Name: Org1»\n");
        Diagnostic d = only("YAML007", m.text());
        assertEquals(m.range(), d.range());
        assertEquals("the top level of a configtx.yaml must be a mapping of keys, not a list", d.message());
    }

    @Test
    void profileSettingLimitsDeepChecks() {
        String text = Configs.RAFT + "  Broken:\n    <<: *ChannelDefaults\n    Orderer:\n      <<: *OrdererDefaults\n"
                + "      BatchTimeout: -5s\n    Application: *ApplicationDefaults\n";
        List<String> all = codes(new ConfigValidator(ValidationSettings.defaults()), text);
        assertTrue(all.contains("CTX005"), all.toString());
        List<String> one = codes(new ConfigValidator(new ValidationSettings(FabricVersion.V3, "ChannelUsingRaft")), text);
        assertTrue(!one.contains("CTX005"), one.toString());
    }

    @Test
    void modelineSelectsTheFabricVersion() {
        String text = "# raftlens: configtx fabric=2.5\n" + Configs.RAFT.replace("  BatchTimeout: 2s\n",
                "  BatchTimeout: 2s\n  Kafka:\n    Brokers: [k:9092]\n").replace("    V3_0: true", "    V2_0: true");
        List<String> codes = codes(validator, text);
        assertTrue(!codes.contains("VAL011"), codes.toString());
    }

    private static List<String> codes(ConfigValidator v, String text) {
        return v.validate(Path.of("configtx.yaml"), text).diagnostics().stream()
                .filter(d -> d.severity() == Severity.ERROR).map(Diagnostic::code).toList();
    }
}
