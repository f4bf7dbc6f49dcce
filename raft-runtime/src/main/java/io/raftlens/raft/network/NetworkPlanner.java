package io.raftlens.raft.network;

import io.raftlens.config.fabric.FileKind;
import io.raftlens.config.fabric.ValidationSettings;
import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.model.configtx.Profile;
import io.raftlens.config.model.orderer.OrdererYaml;
import io.raftlens.config.validate.Diagnostic;
import io.raftlens.config.validate.Severity;
import io.raftlens.config.validate.ValidationResult;
import io.raftlens.config.validator.ConfigValidator;
import io.raftlens.config.validator.LoadedConfigtx;
import io.raftlens.config.value.FabricNames;
import io.raftlens.config.value.GoDuration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one launch planner: {@code raftlens launch}, {@code raftlens node}, {@code raftlens bench --launch} and the
 * editor's "Launch network" all turn a configtx.yaml (a file, or an editor's unsaved text), an orderer.yaml and the
 * launch arguments into a {@link NetworkPlan} here, with the same checks in the same order: both files are
 * validated (a file with errors is refused), {@code --tick} must be a positive duration, channel names follow
 * Fabric's rule ({@link FabricNames#channelIdError}), and the profile must describe an etcdraft network
 * ({@link NetworkPlanLoader}). Problems are data; the CLI prints them, the editor answers with the first.
 */
public final class NetworkPlanner {

    /** What to launch when no profile is named. */
    public enum DefaultProfile {
        /** The first etcdraft profile of the file (the CLI). */
        FIRST_ETCDRAFT,
        /** The only etcdraft profile with consenters; several is a problem (the editor, which can ask for one). */
        ONLY_ETCDRAFT
    }

    /**
     * A launch as asked for.
     *
     * @param configtx       the configtx.yaml (need not exist when {@code text} is given)
     * @param text           the configtx.yaml's text when it is not read from disk (an editor buffer)
     * @param profile        the profile to launch; empty: see {@code defaultProfile}
     * @param channels       {@code NAME[=PROFILE]} channel requests; empty means Fabric's sample {@code mychannel}
     * @param tick           a TickInterval override for every channel, as typed (Go duration syntax)
     * @param opsBasePort    the first node's operations port (0: ephemeral)
     * @param ordererYaml    the orderer.yaml; empty: the one beside the configtx.yaml, if any
     * @param defaultProfile how to pick the profile when none is named
     */
    public record LaunchRequest(Path configtx, Optional<String> text, Optional<String> profile, List<String> channels,
                                Optional<String> tick, Optional<Integer> opsBasePort, Optional<Path> ordererYaml,
                                DefaultProfile defaultProfile) {

        public LaunchRequest {
            channels = List.copyOf(channels);
        }

        /** The CLI's request: the file on disk, the first etcdraft profile unless one is named. */
        public static LaunchRequest ofFile(Path configtx, String profile, List<String> channels, Path ordererYaml,
                                           String tick, Integer opsBasePort) {
            return new LaunchRequest(configtx, Optional.empty(), Optional.ofNullable(profile), channels,
                    Optional.ofNullable(tick), Optional.ofNullable(opsBasePort), Optional.ofNullable(ordererYaml),
                    DefaultProfile.FIRST_ETCDRAFT);
        }
    }

    /** Why a launch cannot go ahead. */
    public sealed interface Problem {

        /** An error the validator found in the configtx.yaml or the orderer.yaml; line and column are 1-based. */
        record FileError(Path file, int line, int column, String code, String message) implements Problem {
        }

        /** A launch argument that cannot be used: {@code option} is its name without dashes ("tick", "channel"). */
        record BadArgument(String option, String value, String why) implements Problem {
        }

        /** Anything else: a file that cannot be read, a profile that cannot be launched. */
        record Unusable(String message) implements Problem {
        }
    }

    /**
     * The planner's answer: a plan, or the problems that prevent one (never both).
     *
     * @param orderer             the orderer.yaml model used, if there was one
     * @param ordererYaml         its path
     * @param ordererTickOverride orderer.yaml's {@code Consensus.TickIntervalOverride} when it (not {@code --tick})
     *                            set every channel's tick; Fabric logs that at start
     */
    public record Planned(Optional<NetworkPlan> plan, Optional<OrdererYaml> orderer, Optional<Path> ordererYaml,
                          Optional<Duration> ordererTickOverride, List<Problem> problems) {

        public Planned {
            problems = List.copyOf(problems);
        }

        static Planned refused(List<Problem> problems) {
            return new Planned(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), problems);
        }

        static Planned refused(Problem problem) {
            return refused(List.of(problem));
        }
    }

    private NetworkPlanner() {
    }

    public static Planned plan(LaunchRequest request) {
        Path configtx = request.configtx();
        if (request.text().isEmpty() && !Files.isReadable(configtx)) {
            return Planned.refused(new Problem.Unusable("cannot read " + configtx + " (no such file or not readable)"));
        }
        Optional<Path> ordererPath = request.ordererYaml();
        if (ordererPath.isEmpty()) {
            Path beside = configtx.toAbsolutePath().resolveSibling("orderer.yaml");
            ordererPath = Files.isRegularFile(beside) ? Optional.of(beside) : Optional.empty();
        } else if (!Files.isReadable(ordererPath.get())) {
            return Planned.refused(new Problem.Unusable("cannot read orderer.yaml " + ordererPath.get()
                    + " (no such file or not readable)"));
        }
        LoadedConfigtx loaded;
        OrdererYaml orderer = null;
        List<Problem> errors = new ArrayList<>();
        try {
            String text = request.text().isPresent() ? request.text().get()
                    : new String(io.raftlens.config.files.SafeFiles.read(configtx, io.raftlens.config.yaml.YamlLimits.DEFAULT.maxChars()), StandardCharsets.UTF_8);
            loaded = LoadedConfigtx.of(configtx, text, ValidationSettings.defaults());
            addErrors(loaded.validation(), errors);
            if (ordererPath.isPresent()) {
                Path path = ordererPath.get();
                addErrors(new ConfigValidator(ValidationSettings.defaults())
                        .validate(path, new String(io.raftlens.config.files.SafeFiles.read(path, io.raftlens.config.yaml.YamlLimits.DEFAULT.maxChars()), StandardCharsets.UTF_8), FileKind.ORDERER), errors);
                orderer = OrdererYaml.load(path);
            }
        } catch (IOException e) {
            return Planned.refused(new Problem.Unusable("cannot read configuration: " + e.getMessage()));
        }
        if (!errors.isEmpty() || loaded.model().isEmpty()) {
            return Planned.refused(errors);
        }
        Duration tick = null;
        if (request.tick().isPresent()) {
            GoDuration.Parsed p = GoDuration.parse(request.tick().get().trim());
            if (!p.ok() || p.value().isZero() || p.value().isNegative()) {
                return Planned.refused(new Problem.BadArgument("tick", request.tick().get(),
                        "is not a positive duration (e.g. 100ms, 1s)"));
            }
            tick = p.value();
        }
        List<NetworkPlanLoader.ChannelRequest> channels = new ArrayList<>();
        for (String c : request.channels()) {
            String[] kv = c.split("=", 2);
            Optional<String> bad = FabricNames.channelIdError(kv[0]);
            if (bad.isPresent()) {
                return Planned.refused(new Problem.BadArgument("channel", kv[0], "is not a valid channel name ("
                        + bad.get() + "; use lower case letters, digits, '.' and '-', starting with a letter)"));
            }
            channels.add(new NetworkPlanLoader.ChannelRequest(kv[0], kv.length == 2 ? kv[1] : null));
        }
        Configtx model = loaded.model().get();
        try {
            String profile = request.profile().isPresent() ? request.profile().get()
                    : switch (request.defaultProfile()) {
                        case FIRST_ETCDRAFT -> NetworkPlanLoader.defaultProfile(model);
                        case ONLY_ETCDRAFT -> onlyProfile(model);
                    };
            NetworkPlan plan = NetworkPlanLoader.load(model, profile, channels, orderer,
                    new NetworkPlanLoader.Overrides(tick, request.opsBasePort().orElse(null)));
            Optional<Duration> ordererTick = tick == null && orderer != null
                    ? orderer.consensus().tickIntervalOverride() : Optional.empty();
            return new Planned(Optional.of(plan), Optional.ofNullable(orderer), ordererPath, ordererTick, List.of());
        } catch (IllegalArgumentException e) {
            return Planned.refused(new Problem.Unusable(e.getMessage()));
        }
    }

    private static void addErrors(ValidationResult result, List<Problem> into) {
        for (Diagnostic d : result.diagnostics()) {
            if (d.severity() == Severity.ERROR) {
                into.add(new Problem.FileError(result.file(), d.range().start().line() + 1,
                        d.range().start().column() + 1, d.code(), d.message()));
            }
        }
    }

    private static String onlyProfile(Configtx model) {
        String name = model.file().getFileName().toString();
        List<String> profiles = model.etcdRaftProfiles().stream()
                .filter(p -> p.orderer().flatMap(o -> o.etcdRaft()).map(r -> !r.consenters().isEmpty()).orElse(false))
                .map(Profile::name).toList();
        if (profiles.size() == 1) {
            return profiles.get(0);
        }
        if (profiles.isEmpty()) {
            throw new IllegalArgumentException(name + " has no profile with an etcdraft Orderer and EtcdRaft consenters to launch");
        }
        throw new IllegalArgumentException(name + " has " + profiles.size() + " etcdraft profiles ("
                + String.join(", ", profiles) + "); put the cursor in one or pass \"profile\"");
    }
}
