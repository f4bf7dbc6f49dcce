package io.raftlens.config.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class YamlParserTest {

    private static YamlMapping root(String text) {
        ParsedYaml y = YamlParser.parse(text);
        assertEquals(List.of(), y.problems(), "problems");
        return y.root().orElseThrow();
    }

    private static YamlMapping map(YamlNode n) {
        return (YamlMapping) n;
    }

    private static String scalar(YamlNode n) {
        return ((YamlScalar) n).value();
    }

    @Test
    void scalarRangesAreZeroBasedAndCoverTheToken() {
        YamlMapping r = root("Orderer:\n  BatchTimeout: 2s\n  Name: \"quoted\"\n");
        YamlMapping orderer = map(r.get("Orderer").orElseThrow());
        YamlEntry e = orderer.entry("BatchTimeout").orElseThrow();
        assertEquals(new Range(new Position(1, 2, 11), new Position(1, 14, 23)), e.key().range());
        assertEquals(new Range(new Position(1, 16, 25), new Position(1, 18, 27)), e.value().range());
        YamlNode quoted = orderer.get("Name").orElseThrow();
        assertEquals(8, quoted.range().start().column());
        assertEquals(16, quoted.range().end().column());
        assertEquals(YamlScalar.Style.DOUBLE_QUOTED, ((YamlScalar) quoted).style());
        // a block mapping ends at its last value, not at the next token
        assertEquals(new Position(2, 16, 44), orderer.range().end());
    }

    @Test
    void aliasViewKnowsItsAliasAndTheAnchor() {
        YamlMapping r = root("Caps: &OrdererCapabilities\n  V2_0: true\nOrderer:\n  Capabilities: *OrdererCapabilities\n");
        YamlNode caps = map(r.get("Orderer").orElseThrow()).get("Capabilities").orElseThrow();
        assertEquals("OrdererCapabilities", caps.via().orElseThrow().name());
        assertEquals(new Range(new Position(3, 16, 65), new Position(3, 36, 85)), caps.via().orElseThrow().range());
        assertEquals("OrdererCapabilities", caps.anchor().orElseThrow().name());
        assertEquals(new Range(new Position(0, 6, 6), new Position(0, 26, 26)), caps.anchor().orElseThrow().range());
        assertEquals("true", scalar(map(caps).get("V2_0").orElseThrow()));
        assertEquals(new Position(0, 6, 6), caps.range().start(), "content range is the anchored definition, from its anchor");
    }

    @Test
    void singleMergeExplicitKeysOverrideAndInheritanceIsRecorded() {
        String text = """
                Orderer: &OrdererDefaults
                  OrdererType: etcdraft
                  BatchTimeout: 2s
                Profiles:
                  P:
                    Orderer:
                      <<: *OrdererDefaults
                      BatchTimeout: 5s
                """;
        YamlMapping p = map(map(map(root(text).get("Profiles").orElseThrow()).get("P").orElseThrow()).get("Orderer").orElseThrow());
        YamlEntry timeout = p.entry("BatchTimeout").orElseThrow();
        assertEquals("5s", scalar(timeout.value()));
        assertFalse(timeout.isInherited());
        YamlEntry type = p.entry("OrdererType").orElseThrow();
        assertEquals("etcdraft", scalar(type.value()));
        assertEquals("inherited from &OrdererDefaults, line 1", type.inherited().orElseThrow().describe());
        assertEquals(1, type.value().range().start().line());
        assertEquals(List.of(new YamlMapping.MergeSource("OrdererDefaults",
                new Range(new Position(6, 10, 107), new Position(6, 26, 123)))), p.merges());
        assertEquals(2, p.entries().size(), "the << entry itself is not an entry");
    }

    @Test
    void explicitKeyBeforeMergeStillWins() {
        YamlMapping r = root("a: &A {x: 1, y: 2}\nb:\n  x: 9\n  <<: *A\n");
        YamlMapping b = map(r.get("b").orElseThrow());
        assertEquals("9", scalar(b.get("x").orElseThrow()));
        assertEquals("2", scalar(b.get("y").orElseThrow()));
    }

    @Test
    void listOfMergesEarlierWins() {
        YamlMapping r = root("a: &A {x: 1}\nb: &B {x: 2, y: 2}\nc:\n  <<: [*A, *B]\n");
        YamlMapping c = map(r.get("c").orElseThrow());
        assertEquals("1", scalar(c.get("x").orElseThrow()));
        assertEquals("2", scalar(c.get("y").orElseThrow()));
        assertEquals("B", c.entry("y").orElseThrow().inherited().orElseThrow().anchor());
        assertEquals(2, c.merges().size());
    }

    @Test
    void aliasOfAnAnchorThatItselfMergesKeepsTheChain() {
        String text = """
                base: &Base
                  Type: ImplicitMeta
                mid: &Mid
                  <<: *Base
                  Rule: ANY Readers
                top:
                  <<: *Mid
                """;
        YamlMapping top = map(root(text).get("top").orElseThrow());
        YamlEntry type = top.entry("Type").orElseThrow();
        Inheritance how = type.inherited().orElseThrow();
        assertEquals("Mid", how.anchor());
        assertEquals("Base", how.via().orElseThrow().anchor());
        assertEquals("Base", how.origin().anchor());
        assertEquals(1, type.value().range().start().line());
        assertFalse(top.entry("Rule").orElseThrow().inherited().orElseThrow().via().isPresent());
    }

    @Test
    void inlineMergeMapping() {
        YamlMapping r = root("c:\n  <<: {x: 1}\n  y: 2\n");
        YamlEntry x = map(r.get("c").orElseThrow()).entry("x").orElseThrow();
        assertTrue(x.isInherited());
        assertEquals(null, x.inherited().orElseThrow().anchor());
    }

    @Test
    void orgListItemWithMergeAndPolicyOverride() {
        String text = """
                Organizations:
                  - &SampleOrg
                    Name: SampleOrg
                    Policies: &SampleOrgPolicies
                      Readers: {Type: Signature, Rule: "OR('SampleOrg.member')"}
                      Admins: {Type: Signature, Rule: "OR('SampleOrg.admin')"}
                Profiles:
                  P:
                    Application:
                      Organizations:
                        - <<: *SampleOrg
                          Policies:
                            <<: *SampleOrgPolicies
                            Admins: {Type: Signature, Rule: "OR('SampleOrg.member')"}
                """;
        YamlMapping r = root(text);
        YamlMapping app = map(map(map(r.get("Profiles").orElseThrow()).get("P").orElseThrow()).get("Application").orElseThrow());
        YamlMapping org = map(((YamlSequence) app.get("Organizations").orElseThrow()).items().get(0));
        assertEquals("SampleOrg", scalar(org.get("Name").orElseThrow()));
        YamlMapping policies = map(org.get("Policies").orElseThrow());
        assertFalse(org.entry("Policies").orElseThrow().isInherited());
        assertEquals("OR('SampleOrg.member')", scalar(map(policies.get("Admins").orElseThrow()).get("Rule").orElseThrow()));
        assertTrue(policies.entry("Readers").orElseThrow().isInherited());
    }

    @Test
    void duplicateKeyUsesFabricsMessageAndPointsAtTheSecondKey() {
        ParsedYaml y = YamlParser.parse("Orderer:\n  BatchTimeout: 2s\n  BatchTimeout: 3s\n");
        assertEquals(1, y.problems().size());
        YamlProblem p = y.problems().get(0);
        assertEquals(YamlProblem.Kind.DUPLICATE_KEY, p.kind());
        assertEquals("mapping key \"BatchTimeout\" already defined at line 2", p.message());
        assertEquals(new Range(new Position(2, 2, 30), new Position(2, 14, 42)), p.range());
        assertEquals(1, p.related().start().line());
    }

    @Test
    void keyOverridingAMergedKeyIsNotADuplicate() {
        assertTrue(YamlParser.parse("a: &A {x: 1}\nb: {<<: *A, x: 2}\n").problems().isEmpty());
    }

    @Test
    void syntaxErrorPointsAtTheToken() {
        ParsedYaml y = YamlParser.parse("Orderer:\n  BatchTimeout: 2s\n   bad: x: y\n");
        YamlProblem p = y.problems().get(0);
        assertEquals(YamlProblem.Kind.SYNTAX, p.kind());
        assertTrue(p.message().startsWith("YAML syntax error: mapping values are not allowed here"), p.message());
        assertEquals(2, p.range().start().line());
        assertFalse(y.documents().get(0).complete());
    }

    @Test
    void tabIndentationExplained() {
        ParsedYaml y = YamlParser.parse("Orderer:\n\tBatchTimeout: 2s\n");
        YamlProblem p = y.problems().get(0);
        assertEquals(YamlProblem.Kind.SYNTAX, p.kind());
        assertTrue(p.message().contains("tabs"), p.message());
        assertEquals(new Position(1, 0, 9), p.range().start());
    }

    @Test
    void undefinedAliasReported() {
        ParsedYaml y = YamlParser.parse("a: *Nope\n");
        assertEquals("unknown anchor 'Nope' referenced", y.problems().get(0).message());
        assertEquals(new Range(new Position(0, 3, 3), new Position(0, 8, 8)), y.problems().get(0).range());
    }

    @Test
    void mergeOfAScalarIsRefused() {
        ParsedYaml y = YamlParser.parse("a: &A x\nb:\n  <<: *A\n");
        assertEquals(YamlProblem.Kind.BAD_MERGE, y.problems().get(0).kind());
    }

    @Test
    void multiDocument() {
        ParsedYaml y = YamlParser.parse("a: 1\n---\nb: 2\n");
        assertEquals(2, y.documents().size());
        assertEquals(2, y.documents().get(1).root().orElseThrow().range().start().line());
    }

    @Test
    void aliasBombRefusedQuickly() {
        StringBuilder b = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            char p = (char) (c - 1);
            b.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                b.append(i == 0 ? "" : ",").append('*').append(p);
            }
            b.append("]\n");
        }
        ParsedYaml y = YamlParser.parse(b.toString());
        assertEquals(YamlProblem.Kind.LIMIT, y.problems().get(0).kind());
        assertTrue(y.problems().get(0).message().contains("alias bomb"));
        assertTrue(y.hasSyntaxErrors());
    }

    @Test
    void deepNestingRefused() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        ParsedYaml y = YamlParser.parse(deep);
        assertEquals(YamlProblem.Kind.LIMIT, y.problems().get(0).kind());
    }

    @Test
    void hugeTextRefusedWithoutParsing() {
        ParsedYaml y = new YamlParser(new YamlLimits(1000, 200, 1000, 100)).parseText("a: " + "x".repeat(2000));
        assertEquals(YamlProblem.Kind.LIMIT, y.problems().get(0).kind());
        assertTrue(y.documents().isEmpty());
    }

    @Test
    void scalarKindsFollowGoYaml() {
        YamlMapping r = root("a: 10\nb: 0x10\nc: '10'\nd: true\ne: ~\nf: 1.5\ng: 500ms\nh:\ni: 010\n");
        assertEquals(YamlScalar.Kind.INT, ((YamlScalar) r.get("a").orElseThrow()).kind());
        assertEquals(YamlScalar.Kind.INT, ((YamlScalar) r.get("b").orElseThrow()).kind());
        assertEquals(YamlScalar.Kind.STRING, ((YamlScalar) r.get("c").orElseThrow()).kind());
        assertEquals(YamlScalar.Kind.BOOL, ((YamlScalar) r.get("d").orElseThrow()).kind());
        assertEquals(YamlScalar.Kind.NULL, ((YamlScalar) r.get("e").orElseThrow()).kind());
        assertEquals(YamlScalar.Kind.FLOAT, ((YamlScalar) r.get("f").orElseThrow()).kind());
        assertEquals(YamlScalar.Kind.STRING, ((YamlScalar) r.get("g").orElseThrow()).kind());
        assertEquals(YamlScalar.Kind.NULL, ((YamlScalar) r.get("h").orElseThrow()).kind());
        assertEquals(YamlScalar.Kind.INT, ((YamlScalar) r.get("i").orElseThrow()).kind());
    }

    @Test
    void crlfLineEndings() {
        YamlMapping r = root("Orderer:\r\n  BatchTimeout: 2s\r\n");
        YamlNode v = map(r.get("Orderer").orElseThrow()).get("BatchTimeout").orElseThrow();
        assertEquals(new Range(new Position(1, 16, 26), new Position(1, 18, 28)), v.range());
    }

    @Test
    void columnsCountUtf16UnitsAfterNonBmpCharacters() {
        YamlMapping r = root("a: \uD83D\uDE80 b\nc: \"\uD83D\uDE80\" x\n".replace(" x", ""));
        YamlNode a = r.get("a").orElseThrow();
        assertEquals(new Range(new Position(0, 3, 3), new Position(0, 7, 7)), a.range());
        YamlNode c = r.get("c").orElseThrow();
        assertEquals(new Position(1, 7, 15), c.range().end());
    }

    @Test
    void emptyTextHasNoDocuments() {
        ParsedYaml y = YamlParser.parse("");
        assertTrue(y.documents().isEmpty());
        assertTrue(y.problems().isEmpty());
    }
}
