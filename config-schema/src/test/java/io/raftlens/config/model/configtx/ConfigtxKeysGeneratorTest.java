package io.raftlens.config.model.configtx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build's generator of {@link ConfigtxKeys} ({@code src/build/java/ConfigtxKeysGenerator.java}), compiled from
 * the same file the build launches: what a schema's annotations become, and the message a schema it cannot read fails the build with.
 */
class ConfigtxKeysGeneratorTest {

    private static final Path GENERATOR = Path.of("src", "build", "java", "ConfigtxKeysGenerator.java");

    @TempDir
    Path dir;

    @Test
    void structsMapsListsScalarsAndReleasesComeFromTheSchema() throws Exception {
        Result r = generate("""
                {"type": "object", "x-fabric-goType": "TopLevel", "additionalProperties": false,
                 "definitions": {"batch": {"type": ["object", "null"], "x-fabric-goType": "BatchSize",
                     "additionalProperties": false,
                     "properties": {"MaxMessageCount": {"type": ["integer", "string"], "x-fabric-goType": "uint32"}}}},
                 "properties": {
                   "Batch": {"$ref": "#/definitions/batch", "x-fabric-addedIn": "3.0"},
                   "Timeout": {"type": "string", "x-fabric-format": "duration", "x-fabric-goType": "time.Duration",
                               "description": "Says \\"2s\\"."},
                   "Dir": {"type": "string", "x-fabric-format": "path", "x-fabric-removedIn": "3.0"},
                   "Caps": {"type": "object", "additionalProperties": {"type": "boolean"}},
                   "Hosts": {"type": "array", "items": {"type": "string"}},
                   "TLSCert": {"type": "string", "x-fabric-format": "path", "x-fabric-goName": "TlsCert"}}}
                """);
        assertEquals(0, r.exit(), r.err());
        String java = r.source();
        assertTrue(java.contains("public static final FieldType.Struct BATCH = new FieldType.Struct(\"BatchSize\", List.of(\n"
                + "            Field.of(\"MaxMessageCount\", new FieldType.Scalar(ScalarType.UINT32), \"\")));"), java);
        assertTrue(java.contains("Field.of(\"Batch\", BATCH, \"\").releases(\"3.0\", null)"), java);
        assertTrue(java.contains("Field.of(\"Timeout\", new FieldType.Scalar(ScalarType.DURATION), \"Says \\\"2s\\\".\")"), java);
        assertTrue(java.contains("Field.of(\"Dir\", new FieldType.Scalar(ScalarType.PATH), \"\").releases(null, \"3.0\")"), java);
        assertTrue(java.contains("new FieldType.MapOf(new FieldType.Scalar(ScalarType.BOOL))"), java);
        assertTrue(java.contains("new FieldType.ListOf(new FieldType.Scalar(ScalarType.STRING))"), java);
        assertTrue(java.contains("Field.of(\"TlsCert\", new FieldType.Scalar(ScalarType.PATH), \"\")"), java);
    }

    @Test
    void aSchemaItCannotReadFailsWithThePathAndWhatToAdd() throws Exception {
        Result noGoType = generate("""
                {"type": "object", "x-fabric-goType": "TopLevel", "additionalProperties": false,
                 "properties": {"Orderer": {"type": "object", "additionalProperties": false, "properties": {}}}}
                """);
        assertEquals(1, noGoType.exit());
        assertTrue(noGoType.err().contains(": $.Orderer: a struct needs \"x-fabric-goType\", the Go type's name"), noGoType.err());

        Result number = generate("""
                {"type": "object", "x-fabric-goType": "TopLevel", "additionalProperties": false,
                 "properties": {"Port": {"type": "integer"}}}
                """);
        assertEquals(1, number.exit());
        assertTrue(number.err().contains("$.Port: a number needs \"x-fabric-goType\""), number.err());
    }

    private record Result(int exit, String err, String source) {}

    /** The generator compiled once, as the build's single-file launch compiles it. */
    private static Method run;

    @BeforeAll
    static void compile(@TempDir Path classes) throws Exception {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                GENERATOR.toString());
        assertEquals(0, rc, "the generator compiles");
        ClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, ConfigtxKeysGeneratorTest.class.getClassLoader());
        run = loader.loadClass("ConfigtxKeysGenerator").getDeclaredMethod("run", String[].class, PrintStream.class);
        run.setAccessible(true);
    }

    private Result generate(String schema) throws Exception {
        Path file = dir.resolve("configtx.schema.json");
        Files.writeString(file, schema);
        Path out = dir.resolve("out");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = (int) run.invoke(null, new String[] {file.toString(), out.toString()},
                new PrintStream(err, true, StandardCharsets.UTF_8));
        Path java = out.resolve("io/raftlens/config/model/configtx/ConfigtxKeys.java");
        return new Result(exit, err.toString(StandardCharsets.UTF_8), Files.exists(java) ? Files.readString(java) : "");
    }
}
