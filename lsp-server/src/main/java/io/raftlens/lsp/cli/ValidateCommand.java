package io.raftlens.lsp.cli;

import io.raftlens.config.fabric.FabricVersion;
import io.raftlens.config.fabric.ValidationSettings;
import io.raftlens.config.report.ReportFormat;
import io.raftlens.config.report.Summary;
import io.raftlens.config.validate.Diagnostic;
import io.raftlens.config.validate.ValidationResult;
import io.raftlens.config.validator.ConfigValidator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code raftlens validate}: checks configtx.yaml / orderer.yaml files the way Fabric 3 (or 2.5) would
 * load them and prints a text, JSON or SARIF report. Exit 0 clean, 1 errors found (or warnings with
 * {@code --strict}), 2 usage error or unreadable input.
 */
@Command(name = "validate", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
            "Validate Hyperledger Fabric configtx.yaml and orderer.yaml files.",
            "A PATH may be a file or a folder; folders are searched recursively for configtx*.yaml, "
                    + "orderer*.yaml and YAML files with a '# raftlens: configtx|orderer' modeline."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:no errors (warnings allowed unless --strict)", "1:errors found",
            "2:usage error or unreadable input"})
public final class ValidateCommand implements Callable<Integer> {

    static final int OK = 0;
    static final int FINDINGS = 1;
    static final int USAGE = 2;

    /** The validator's code for a file that is binary, not UTF-8 or too large: unreadable input, exit 2. */
    static final String UNREADABLE_CODE = "FILE002";

    @Spec
    CommandSpec spec;

    @Option(names = "--format", paramLabel = "text|json|sarif", defaultValue = "text",
            description = "Report format (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "Check only this configtx.yaml profile in depth (default: every profile).")
    String profile;

    @Option(names = "--fabric-version", paramLabel = "auto|2.5|3", defaultValue = "auto",
            description = "Apply the rules of this Fabric release (default: ${DEFAULT-VALUE}: inferred per file, a "
                    + "configtx.yaml from its Channel capabilities (V3_0 -> 3, V2_x -> 2.5), an orderer.yaml from keys only "
                    + "one release has (Kafka -> 2.5, Backoff/Throttling -> 3), else 3); a file's "
                    + "'# raftlens: configtx fabric=2.5' modeline overrides it. The summary says which was used.")
    String fabricVersion;

    @Option(names = "--no-files", description = "Do not look at the files a configuration references (MSP folders, "
            + "certificates, keys): for CI runs without crypto material. The summary says the checks were skipped.")
    boolean noFiles;

    @Option(names = "--strict", description = "Fail (exit 1) on warnings too.")
    boolean strict;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files or folders to validate.")
    List<Path> paths;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<ReportFormat> reportFormat = ReportFormat.parse(format);
        if (reportFormat.isEmpty()) {
            return usage(err, "--format must be text, json or sarif, not '" + format + "'");
        }
        boolean auto = fabricVersion.trim().equalsIgnoreCase("auto");
        Optional<FabricVersion> version = auto ? Optional.of(FabricVersion.V3) : FabricVersion.parse(fabricVersion);
        if (version.isEmpty()) {
            return usage(err, "--fabric-version must be auto, 2.5 or 3, not '" + fabricVersion + "'");
        }
        ValidationSettings settings = (auto ? ValidationSettings.inferred(profile)
                : new ValidationSettings(version.get(), profile)).withCheckFiles(!noFiles);

        ConfigFinder.Found found = new ConfigFinder().find(paths);
        found.problems().forEach(p -> err.println("raftlens validate: " + p));
        boolean unreadable = !found.problems().isEmpty();

        ConfigValidator validator = new ConfigValidator(settings);
        List<ValidationResult> results = new ArrayList<>();
        for (Path file : found.files()) {
            Optional<ValidationResult> result = validate(validator, file, err);
            if (result.isPresent()) {
                results.add(result.get());
            } else {
                unreadable = true;
            }
        }

        try {
            reportFormat.get().writer(ConfigValidator.rules(), Main.VERSION).write(results, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
        err.flush();

        if (unreadable) {
            return USAGE;
        }
        Summary summary = Summary.of(results);
        return summary.errors() > 0 || (strict && summary.warnings() > 0) ? FINDINGS : OK;
    }

    /** The file's result, or empty (with the reason on stderr) when the file cannot be read as text. */
    private static Optional<ValidationResult> validate(ConfigValidator validator, Path file, PrintWriter err) {
        ValidationResult result;
        try {
            result = validator.validate(file);
        } catch (io.raftlens.config.files.UnreadableFileException e) {
            // "is a FIFO (named pipe), not a regular file", "is 2.0 GB; …": one line, never a hang or an OOM
            err.println("raftlens validate: " + file + ": " + (e.missing() ? "no such file"
                    : e.reason().contains("permission denied") ? "permission denied" : e.reason()));
            return Optional.empty();
        } catch (NoSuchFileException e) {
            err.println("raftlens validate: " + file + ": no such file");
            return Optional.empty();
        } catch (AccessDeniedException e) {
            err.println("raftlens validate: " + file + ": permission denied");
            return Optional.empty();
        } catch (IOException e) {
            err.println("raftlens validate: " + file + ": cannot read: " + e.getMessage());
            return Optional.empty();
        }
        for (Diagnostic d : result.diagnostics()) {
            if (d.code().equals(UNREADABLE_CODE)) {
                err.println("raftlens validate: " + file + ": " + d.message());
                return Optional.empty();
            }
        }
        return Optional.of(result);
    }

    private static int usage(PrintWriter err, String reason) {
        err.println("raftlens validate: " + reason + " (see 'raftlens validate --help')");
        err.flush();
        return USAGE;
    }
}
