package io.raftlens.config.report;

import io.raftlens.config.fabric.FileKind;
import io.raftlens.config.validate.Diagnostic;
import io.raftlens.config.validate.RuleInfo;
import io.raftlens.config.validate.Severity;
import io.raftlens.config.validate.ValidationResult;
import io.raftlens.config.yaml.Position;
import io.raftlens.config.yaml.Range;
import java.nio.file.Path;
import java.util.List;

final class ReportFixtures {

    private ReportFixtures() {}

    static Range range(int line, int col, int endLine, int endCol) {
        return new Range(new Position(line, col, 0), new Position(endLine, endCol, 0));
    }

    static final List<RuleInfo> RULES = List.of(
            new RuleInfo("RAFT001", Severity.ERROR, "ElectionTick must exceed HeartbeatTick",
                    "etcdraft: ElectionTick must be greater than HeartbeatTick."),
            new RuleInfo("ORD001", Severity.ERROR, "BootstrapMethod must be none",
                    "Fabric 3 forbids BootstrapMethod file."),
            new RuleInfo("RAFT010", Severity.WARNING, "Even consenter count", "An even count tolerates no more failures."));

    /** Two files given out of order, diagnostics out of order, one clean file. */
    static List<ValidationResult> results() {
        ValidationResult orderer = new ValidationResult(Path.of("net/orderer.yaml"), FileKind.ORDERER, List.of(
                new Diagnostic("ORD001", Severity.ERROR,
                        "Bootstrap method: 'file' is forbidden, since system channel is no longer supported", range(40, 19, 40, 23))));
        ValidationResult configtx = new ValidationResult(Path.of("net/configtx.yaml"), FileKind.CONFIGTX, List.of(
                new Diagnostic("RAFT010", Severity.WARNING, "4 consenters tolerate 1 failure, as 3 do", range(80, 6, 80, 16)),
                new Diagnostic("RAFT001", Severity.ERROR,
                        "ElectionTick (1) must be greater than HeartbeatTick (1)", range(12, 20, 12, 21)),
                new Diagnostic("YAML001", Severity.INFORMATION, "placeholder ${ORG}\nis kept as text", range(3, 0, 3, 4))));
        ValidationResult clean = new ValidationResult(Path.of("net/a/orderer.yaml"), FileKind.ORDERER, List.of());
        return List.of(orderer, configtx, clean);
    }
}
