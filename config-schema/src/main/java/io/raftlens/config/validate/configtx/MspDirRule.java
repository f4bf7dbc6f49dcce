package io.raftlens.config.validate.configtx;

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
                        + "folder that does not exist yet is a warning (crypto material is often generated later).");
    }

    @Override
    protected void check(Configtx configtx, RuleContext context, DiagnosticSink sink) {
        for (OrgInScope o : organizations(configtx, context)) {
            if (o.org().skipAsForeign()) {
                continue;
            }
            String org = o.org().label();
            if (o.org().mspDir().isEmpty()) {
                report(sink, o.org().name().map(Sourced::keyRange).orElse(o.org().range()), "organization " + org
                        + " has no MSPDir: configtxgen fails with \"1 - Error loading MSP configuration for org: " + org + "\"");
                continue;
            }
            Sourced<Path> dir = o.org().mspDir().get();
            if (Placeholders.contains(dir.value().toString())) {
                continue;
            }
            if (!Files.exists(dir.value())) {
                report(sink, Severity.WARNING, dir.range(), "MSPDir of " + org + " does not exist (yet): " + dir.value()
                        + "; configtxgen will fail with \"1 - Error loading MSP configuration for org: " + org + "\" unless it is generated first");
            } else if (!Files.isDirectory(dir.value())) {
                report(sink, dir.range(), "MSPDir of " + org + " is a file, not an MSP folder: " + dir.value());
            } else if (o.org().mspType().value().equals("bccsp") && !hasCaCert(dir.value().resolve("cacerts"))) {
                report(sink, dir.range(), "MSPDir of " + org + " has no CA certificate in " + dir.value().resolve("cacerts")
                        + ": configtxgen fails with \"1 - Error loading MSP configuration for org: " + org
                        + ": could not load a valid ca certificate from directory " + dir.value().resolve("cacerts") + "\"");
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
