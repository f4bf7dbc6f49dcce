package io.raftlens.config.validate.configtx;

import io.raftlens.config.validate.MissingFiles;
import io.raftlens.config.model.Sourced;
import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;
import io.raftlens.config.value.Placeholders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** CTX018: MSPDir must be a verifying MSP folder with CA certificates (missing is a warning: not generated yet). */
final class MspDirRule extends ConfigtxRule {

    MspDirRule() {
        super("CTX018", Severity.ERROR, "MSPDir missing or not an MSP",
                "configtxgen loads each organization's MSP from MSPDir (relative to configtx.yaml) and needs at least one CA "
                        + "certificate in its cacerts folder. It fails with \"1 - Error loading MSP configuration for org: %s\". A "
                        + "folder that does not exist yet is reported by FILE003 (crypto material is often generated later).");
    }

    @Override
    protected void check(Configtx configtx, RuleContext context, DiagnosticSink sink) {
        for (OrgInScope o : organizations(configtx, context)) {
            if (o.org().skipAsForeign()) {
                continue;
            }
            String org = o.org().label();
            String failure = "1 - Error loading MSP configuration for " + (o.role().equals("application") ? "org " : "org: ") + org;
            Severity severity = orgSeverity(configtx, o, Severity.ERROR);
            String note = orgNote(configtx, o);
            if (o.org().mspDir().isEmpty()) {
                report(sink, severity, o.org().name().map(Sourced::keyRange).orElse(o.org().range()), "organization " + org
                        + " has no MSPDir: configtxgen fails with \"" + failure + "\"" + note);
                continue;
            }
            Sourced<Path> dir = o.org().mspDir().get();
            if (Placeholders.contains(dir.value().toString()) || !context.settings().checkFiles()) {
                continue;
            }
            if (!Files.exists(dir.value())) {
                if (!unusedDefinition(configtx, o)) { // a definition no profile encodes needs no MSP folder
                    MissingFiles.in(context).add(dir.value(), dir.range(), "MSPDir of " + org,
                            "configtxgen will fail with \"" + failure + "\"");
                }
            } else if (!Files.isDirectory(dir.value())) {
                report(sink, severity, dir.range(), "MSPDir of " + org + " is a file, not an MSP folder: " + dir.value() + note);
            } else if (o.org().mspType().value().equals("bccsp") && !hasCaCert(dir.value().resolve("cacerts"))) {
                report(sink, severity, dir.range(), "MSPDir of " + org + " has no CA certificate in " + dir.value().resolve("cacerts")
                        + ": configtxgen fails with \"" + failure + ": could not load a valid ca certificate from directory "
                        + dir.value().resolve("cacerts") + "\"" + note);
            }
        }
    }

    private static boolean hasCaCert(Path cacerts) {
        if (!Files.isDirectory(cacerts)) {
            return false;
        }
        try (Stream<Path> files = Files.list(cacerts)) {
            return files.anyMatch(Files::isRegularFile);
        } catch (IOException e) {
            return false;
        }
    }
}
