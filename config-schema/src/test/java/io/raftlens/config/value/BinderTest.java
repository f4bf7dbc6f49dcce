package io.raftlens.config.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftlens.config.fabric.FabricVersion;
import io.raftlens.config.yaml.YamlParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BinderTest {

    private static final FieldType.Struct T = new FieldType.Struct("T", List.of(
            Field.of("Count", ScalarType.UINT32, ""),
            Field.of("Big", ScalarType.UINT64, ""),
            Field.of("Timeout", ScalarType.DURATION, ""),
            Field.of("Name", ScalarType.STRING, ""),
            Field.of("On", ScalarType.BOOL, ""),
            Field.of("List", new FieldType.ListOf(new FieldType.Scalar(ScalarType.STRING)), ""),
            Field.of("Old", ScalarType.STRING, "").only(FabricVersion.V2_5)));

    @TempDir
    Path dir;

    private Binder binder;

    private Bound.BoundStruct bind(String yaml) {
        binder = new Binder(FabricVersion.V3, dir, Map.of());
        return (Bound.BoundStruct) binder.bind(YamlParser.parse(yaml).root().orElseThrow(), T, "");
    }

    private Object value(Bound.BoundStruct s, String field) {
        return ((Bound.BoundScalar) s.field(field).orElseThrow().value()).value();
    }

    private List<ValueIssue.Kind> kinds() {
        return binder.issues().stream().map(ValueIssue::kind).toList();
    }

    @Test
    void keysMatchCaseInsensitivelyExactFirst() {
        Bound.BoundStruct s = bind("count: 5\nCOUNT: 6\n");
        assertEquals(5L, value(s, "Count"));
        assertEquals(List.of(ValueIssue.Kind.UNKNOWN_KEY), kinds());
        assertTrue(binder.issues().get(0).message().contains("\"COUNT\" repeats the key Count"));
        s = bind("Count: 5\ncount: 6\n");
        assertEquals(5L, value(s, "Count"));
    }

    @Test
    void weakTyping() {
        Bound.BoundStruct s = bind("Count: \"0x10\"\nBig: 18446744073709551615\nOn: 1\nName: 0x10\n");
        assertEquals(16L, value(s, "Count"));
        assertEquals(true, value(s, "On"));
        assertEquals("16", value(s, "Name"));
        assertEquals(List.of(ValueIssue.Kind.OVERFLOW, ValueIssue.Kind.WEAK_CONVERSION, ValueIssue.Kind.WEAK_CONVERSION), kinds());
    }

    @Test
    void sizesOnlyInUint32() {
        Bound.BoundStruct s = bind("Count: 16 MB\nBig: 10 MB\n");
        assertEquals(16L * 1024 * 1024, value(s, "Count"));
        assertEquals(List.of(ValueIssue.Kind.BAD_VALUE), kinds());
        assertTrue(binder.issues().get(0).message().contains("Big is a uint64 and takes plain numbers only"));
    }

    @Test
    void durations() {
        assertEquals(Duration.ofSeconds(2), value(bind("Timeout: 2s\n"), "Timeout"));
        assertEquals(Duration.ofNanos(2), value(bind("Timeout: 2\n"), "Timeout"));
        assertEquals(List.of(ValueIssue.Kind.BARE_DURATION), kinds());
    }

    @Test
    void listsFromStringsAndSingleValues() {
        Bound.BoundStruct s = bind("List: \"[a, b]\"\n");
        assertEquals(2, ((Bound.BoundList) s.field("List").orElseThrow().value()).items().size());
        s = bind("List: a:7050\n");
        assertEquals(1, ((Bound.BoundList) s.field("List").orElseThrow().value()).items().size());
        assertEquals(List.of(), kinds());
    }

    @Test
    void placeholdersAreInformationNotTypeErrors() {
        Bound.BoundStruct s = bind("Count: ${COUNT}\n");
        assertEquals("${COUNT}", value(s, "Count"));
        assertEquals(List.of(ValueIssue.Kind.PLACEHOLDER), kinds());
        assertTrue(!binder.issues().get(0).error());
    }

    @Test
    void fileIndirectionNamesTheFileButNeverReadsIt() throws Exception {
        Files.writeString(dir.resolve("name.txt"), "SECRET-CONTENT");
        assertEquals(new FileReference("name.txt"), value(bind("Name: {File: name.txt}\n"), "Name"));
        assertEquals(List.of(ValueIssue.Kind.FILE_REFERENCE_NOT_READ), kinds());
        assertTrue(binder.issues().get(0).message().contains("name.txt"));
        // Fabric's hook also accepts the lower-case key and ignores other keys of the mapping
        assertEquals(new FileReference("name.txt"), value(bind("Name: {file: name.txt, Other: x}\n"), "Name"));
        bind("Name: {File: missing.txt}\n");
        assertEquals(List.of(ValueIssue.Kind.FILE_REFERENCE), kinds());
        assertTrue(!binder.issues().get(0).error());
        bind("Name: {File: }\n");
        assertTrue(binder.issues().get(0).message().contains("Value of File: was nil"), binder.issues().toString());
        // a list field takes the file's PEM certificates (pemBlocksFromFileDecodeHook)
        Bound.BoundStruct s = bind("List: {File: name.txt}\n");
        Bound.BoundList l = (Bound.BoundList) s.field("List").orElseThrow().value();
        assertEquals(new FileReference("name.txt"), ((Bound.BoundScalar) l.items().get(0)).value());
        // not where Fabric has no hook: a number field
        bind("Count: {File: name.txt}\n");
        assertEquals(List.of(ValueIssue.Kind.WRONG_SHAPE), kinds());
        assertTrue(binder.issues().stream().noneMatch(i -> i.message().contains("SECRET")), binder.issues().toString());
    }

    @Test
    void fileIndirectionToADeviceOrFolderIsAnError() {
        bind("Name: {File: /dev/zero}\n");
        assertEquals(List.of(ValueIssue.Kind.FILE_REFERENCE), kinds());
        assertTrue(binder.issues().get(0).error());
        assertTrue(binder.issues().get(0).message().contains("not a regular file"), binder.issues().toString());
        bind("Name: {File: " + dir + "}\n");
        assertTrue(binder.issues().get(0).message().contains("is a folder"), binder.issues().toString());
    }

    @Test
    void keysOfOtherVersions() {
        bind("Old: x\n");
        assertEquals(List.of(ValueIssue.Kind.VERSION_KEY), kinds());
        binder = new Binder(FabricVersion.V2_5, dir, Map.of());
        binder.bind(YamlParser.parse("Old: x\n").root().orElseThrow(), T, "");
        assertEquals(List.of(), kinds());
    }

    @Test
    void anAliasedSubtreeIsReportedOnce() {
        FieldType.Struct outer = new FieldType.Struct("Outer", List.of(Field.of("A", T, ""), Field.of("B", T, "")));
        binder = new Binder(FabricVersion.V3, dir, Map.of());
        binder.bind(YamlParser.parse("A: &x {Count: nope}\nB: *x\n").root().orElseThrow(), outer, "");
        assertEquals(List.of(ValueIssue.Kind.BAD_VALUE), kinds());
        assertEquals("A.Count", binder.issues().get(0).path());
    }
}
