package io.raftlens.lsp.live;

import io.raftlens.config.fabric.FabricVersion;
import io.raftlens.config.fabric.FileKind;
import io.raftlens.config.fabric.ValidationSettings;
import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.model.configtx.ConfigtxLoader;
import io.raftlens.config.model.orderer.OrdererYaml;
import io.raftlens.config.validate.Diagnostic;
import io.raftlens.config.validate.Severity;
import io.raftlens.config.validate.ValidationResult;
import io.raftlens.config.validator.ConfigValidator;
import io.raftlens.config.value.GoDuration;
import io.raftlens.lsp.documents.DocumentModel;
import io.raftlens.raft.network.NetworkPlan;
import io.raftlens.raft.network.NetworkPlanLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns the open configtx.yaml (its current text, saved or not) and a launch request into a network plan:
 * picks the profile (asked for, else the one under the cursor, else the only etcdraft one), refuses a file
 * with errors, applies orderer.yaml beside it and the tick override. Problems are one-line
 * {@link IllegalArgumentException}s naming the file and line.
 */
final class LivePlanner {

    private static final Pattern CHANNEL = Pattern.compile("[a-z][a-z0-9.-]*");

    private LivePlanner() {
    }

    static NetworkPlan plan(DocumentModel model, Optional<String> profileArg, Optional<org.eclipse.lsp4j.Position> cursor,
                            List<String> channelArgs, Optional<String> tick, Optional<Integer> opsBasePort) {
        Path file = model.path();
        if (file == null || model.kind().orElse(null) != FileKind.CONFIGTX) {
            throw new IllegalArgumentException(model.uri() + " is not a configtx.yaml file; open the channel configuration to launch its network");
        }
        String name = file.getFileName().toString();
        ValidationResult validation = new ConfigValidator(new ValidationSettings(FabricVersion.V3, null))
                .validate(file, model.text(), FileKind.CONFIGTX);
        List<Diagnostic> errors = validation.diagnostics().stream().filter(d -> d.severity() == Severity.ERROR).toList();
        if (!errors.isEmpty()) {
            Diagnostic d = errors.get(0);
            throw new IllegalArgumentException(name + ":" + (d.range().start().line() + 1) + ": " + d.message() + " [" + d.code()
                    + "]" + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more errors)" : "")
                    + "; fix the errors, then launch again");
        }
        String profile = profileArg.or(() -> cursor.flatMap(p -> ConsenterLayout.profileAt(model, p)))
                .orElseGet(() -> onlyProfile(model, name));
        Configtx configtx = ConfigtxLoader.model(file, model.yaml(), FabricVersion.V3);
        List<NetworkPlanLoader.ChannelRequest> channels = new ArrayList<>();
        for (String c : channelArgs) {
            String[] kv = c.split("=", 2);
            if (!CHANNEL.matcher(kv[0]).matches()) {
                throw new IllegalArgumentException("channel " + kv[0] + " is not a valid channel name (lower case letters, digits, '.' and '-', starting with a letter)");
            }
            channels.add(new NetworkPlanLoader.ChannelRequest(kv[0], kv.length == 2 ? kv[1] : null));
        }
        return NetworkPlanLoader.load(configtx, profile, channels, ordererYaml(file),
                new NetworkPlanLoader.Overrides(tick.map(LivePlanner::duration).orElse(null), opsBasePort.orElse(null)));
    }

    private static String onlyProfile(DocumentModel model, String name) {
        List<String> profiles = ConsenterLayout.of(model).stream().map(ConsenterLayout::profile).toList();
        if (profiles.size() == 1) {
            return profiles.get(0);
        }
        if (profiles.isEmpty()) {
            throw new IllegalArgumentException(name + " has no profile with an etcdraft Orderer and EtcdRaft consenters to launch");
        }
        throw new IllegalArgumentException(name + " has " + profiles.size() + " etcdraft profiles (" + String.join(", ", profiles)
                + "); put the cursor in one or pass \"profile\"");
    }

    private static OrdererYaml ordererYaml(Path configtx) {
        Path beside = configtx.toAbsolutePath().resolveSibling("orderer.yaml");
        if (!Files.isRegularFile(beside)) {
            return null;
        }
        try {
            return OrdererYaml.load(beside);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + beside + ": " + e.getMessage());
        }
    }

    private static Duration duration(String tick) {
        GoDuration.Parsed p = GoDuration.parse(tick);
        if (!p.ok() || p.value().isZero() || p.value().isNegative()) {
            throw new IllegalArgumentException("tick " + tick + " is not a positive duration (e.g. 100ms, 1s)");
        }
        return p.value();
    }
}
