package io.raftlens.lsp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import io.raftlens.config.fabric.FabricVersion;
import io.raftlens.lsp.features.LspSettings;
import org.junit.jupiter.api.Test;

/** The editor's fabricVersion ("auto", "2.5", "3") and checkFiles settings (issue 19). */
class SettingsReaderTest {

    private static LspSettings read(String json, LspSettings current) {
        return SettingsReader.read(JsonParser.parseString(json), current);
    }

    @Test
    void autoIsTheDefaultAndAReleaseTurnsItOff() {
        LspSettings defaults = LspSettings.defaults();
        assertTrue(defaults.inferVersion());
        assertTrue(defaults.validation().inferVersion());
        LspSettings v25 = read("{\"raftlens\": {\"fabricVersion\": \"2.5\"}}", defaults);
        assertFalse(v25.inferVersion());
        assertEquals(FabricVersion.V2_5, v25.validation().fabricVersion());
        LspSettings auto = read("{\"fabricVersion\": \"auto\"}", v25);
        assertTrue(auto.inferVersion());
        assertEquals(auto, read("{\"fabricVersion\": \"1.4\"}", auto), "an unknown release keeps the current setting");
    }

    @Test
    void checkFilesFalseIsTheEditorsNoFiles() {
        LspSettings off = read("{\"raftlens\": {\"checkFiles\": false}}", LspSettings.defaults());
        assertFalse(off.checkFiles());
        assertFalse(off.validation().checkFiles());
        assertTrue(read("{\"raftlens\": {\"inlayHints\": false}}", off).validation().inferVersion(), "other keys keep it");
        assertFalse(read("{\"raftlens\": {\"inlayHints\": false}}", off).checkFiles());
    }
}
