package io.raftlens.lsp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LspCommandTest {

    @Test
    void aPortOutOfRangeIsAUsageError() {
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        assertEquals(2, cl.execute("lsp", "--port", "70000"));
        assertEquals("raftlens lsp: --port must be between 0 and 65535, not 70000", err.toString().strip());
    }

    @Test
    void registeredAsASubcommand() {
        StringWriter out = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        assertEquals(0, cl.execute("lsp", "--help"));
        assertTrue(out.toString().startsWith("Usage: raftlens lsp [-hV] [--port=N]"), out.toString());
    }

    @Test
    void theStandaloneLspCommandLineBehavesLikeTheSubcommand() {
        StringWriter out = new StringWriter();
        CommandLine alone = Main.lspCommandLine();
        alone.setOut(new PrintWriter(out));
        assertEquals(0, alone.execute("--help"));
        StringWriter viaMain = new StringWriter();
        CommandLine full = Main.commandLine();
        full.setOut(new PrintWriter(viaMain));
        full.execute("lsp", "--help");
        assertEquals(viaMain.toString(), out.toString());

        StringWriter err = new StringWriter();
        alone = Main.lspCommandLine();
        alone.setErr(new PrintWriter(err));
        assertEquals(2, alone.execute("--port", "70000"));
        assertEquals("raftlens lsp: --port must be between 0 and 65535, not 70000", err.toString().strip());

        err = new StringWriter();
        alone = Main.lspCommandLine();
        alone.setErr(new PrintWriter(err));
        assertEquals(2, alone.execute("--bogus"));
        assertEquals("raftlens lsp: Unknown option: '--bogus' (see 'raftlens lsp --help')", err.toString().strip());

        StringWriter version = new StringWriter();
        alone = Main.lspCommandLine();
        alone.setOut(new PrintWriter(version));
        assertEquals(0, alone.execute("--version"));
        assertEquals("raftlens " + Main.VERSION, version.toString().strip());
    }
}
