package io.raftlens.config.validate.configtx;

import io.raftlens.config.model.Sourced;
import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;
import io.raftlens.config.value.ByteSize;

/** CTX004: blocks larger than gRPC's default 100 MB message limit cannot be delivered. */
final class AbsoluteMaxBytesRule extends ConfigtxRule {

    static final long GRPC_LIMIT = 100L * 1024 * 1024;

    AbsoluteMaxBytesRule() {
        super("CTX004", Severity.WARNING, "AbsoluteMaxBytes above the gRPC message limit",
                "Orderers and peers accept gRPC messages up to 100 MB by default (General.MaxRecvMsgSize). A block near a larger "
                        + "AbsoluteMaxBytes cannot be replicated or delivered. Fabric's sample recommends at most 49 MB.");
    }

    @Override
    protected void check(Configtx configtx, RuleContext context, DiagnosticSink sink) {
        for (OrdererInScope o : orderers(configtx, context)) {
            Sourced<Long> abs = o.orderer().batchSize().absoluteMaxBytes();
            if (abs.value() > GRPC_LIMIT) {
                report(sink, abs.range(), "AbsoluteMaxBytes is " + ByteSize.describe(abs.value()) + ", above the 100 MB gRPC "
                        + "message limit of orderers and peers: such blocks cannot be replicated or delivered; stay at or below 49 MB");
            }
        }
    }
}
