package io.raftlens.raft.configtxgen;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import io.raftlens.config.model.Sourced;
import io.raftlens.config.model.configtx.Consenter;
import io.raftlens.config.model.configtx.OrdererSection;
import io.raftlens.config.value.Bound;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.ConfigPolicy;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.Orderers;
import org.hyperledger.fabric.protos.common.Policy;
import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.orderer.smartbft.Options;

/**
 * The BFT parts of configtxgen's orderer group: the {@code Orderers} value from ConsenterMapping
 * ({@code consenterProtosFromConfig}, certificate and identity files read), the SmartBFT options as consensus
 * metadata ({@code MarshalBFTOptions}; a written SmartBFT section is taken as is, a missing one gets
 * {@code genesisDefaults}), and the BlockValidation policy computed from the consenters
 * ({@code policies.EncodeBFTBlockVerificationPolicy}: a quorum of ceil((n+f+1)/2) of their identities).
 */
final class BftOrderer {

    private BftOrderer() {
    }

    /** {@code consenterProtosFromConfig}, after genesisconfig's checks of each mapping entry. */
    static List<org.hyperledger.fabric.protos.common.Consenter> consenters(OrdererSection o) throws ConfigtxgenException {
        List<Consenter> mapping = o.consenterMapping();
        if (mapping.isEmpty()) {
            throw new ConfigtxgenException("BFT configuration did not specify any consenter", o.fieldKeyRange("ConsenterMapping"));
        }
        List<org.hyperledger.fabric.protos.common.Consenter> out = new ArrayList<>();
        for (Consenter c : mapping) {
            String host = c.host().map(Sourced::value).orElseThrow(() -> missing("host", c));
            long port = c.port().map(Sourced::value).orElseThrow(() -> missing("port", c));
            Sourced<Path> client = c.clientTlsCert().orElseThrow(() -> missing("client TLS cert", c));
            Sourced<Path> server = c.serverTlsCert().orElseThrow(() -> missing("server TLS cert", c));
            String mspId = c.mspId().map(Sourced::value).filter(s -> !s.isEmpty()).orElseThrow(() -> missing("MSP ID", c));
            Sourced<Path> identity = c.identity().orElseThrow(() -> missing("identity certificate", c));
            out.add(org.hyperledger.fabric.protos.common.Consenter.newBuilder()
                    .setId((int) (long) c.id().map(Sourced::value).orElse(0L)).setHost(host).setPort((int) port).setMspId(mspId)
                    .setClientTlsCert(read(client, "client cert", host, port))
                    .setServerTlsCert(read(server, "server cert", host, port))
                    .setIdentity(read(identity, "identity", host, port))
                    .build());
        }
        return out;
    }

    static Orderers orderersValue(List<org.hyperledger.fabric.protos.common.Consenter> consenters) {
        return Orderers.newBuilder().addAllConsenterMapping(consenters).build();
    }

    /** The SmartBFT section as written (field names as in smartbft.Options), or genesisconfig's defaults. */
    static Options options(OrdererSection o) {
        Optional<Bound.BoundStruct> section = o.smartBft();
        if (section.isEmpty()) {
            return Options.newBuilder().setRequestBatchMaxCount(100).setRequestBatchMaxBytes(10L * 1024 * 1024)
                    .setRequestBatchMaxInterval("50ms").setIncomingMessageBufferSize(200).setRequestPoolSize(400)
                    .setRequestForwardTimeout("2s").setRequestComplainTimeout("20s").setRequestAutoRemoveTimeout("3m0s")
                    .setViewChangeResendInterval("5s").setViewChangeTimeout("20s").setLeaderHeartbeatTimeout("1m0s")
                    .setLeaderHeartbeatCount(10).setCollectTimeout("1s").setSyncOnStart(false).setSpeedUpViewChange(false).build();
        }
        Options.Builder b = Options.newBuilder();
        for (var f : section.get().fields().entrySet()) {
            FieldDescriptor fd = field(f.getKey());
            if (fd == null || !(f.getValue().value() instanceof Bound.BoundScalar s) || s.value() == null) {
                continue;
            }
            Object v = s.value();
            switch (fd.getJavaType()) {
                case LONG -> b.setField(fd, v instanceof Number n ? n.longValue() : Long.parseLong(v.toString().trim()));
                case STRING -> b.setField(fd, v instanceof java.time.Duration d ? io.raftlens.raft.orderer.GoDuration.format(d) : v.toString());
                case BOOLEAN -> b.setField(fd, v instanceof Boolean x ? x : Boolean.parseBoolean(v.toString()));
                case ENUM -> b.setField(fd, fd.getEnumType().findValueByNumber(v instanceof Number n ? n.intValue() : Integer.parseInt(v.toString().trim())));
                default -> { }
            }
        }
        return b.build();
    }

    /** {@code EncodeBFTBlockVerificationPolicy}: replaces BlockValidation, keeping its mod_policy. */
    static ConfigPolicy blockValidation(List<org.hyperledger.fabric.protos.common.Consenter> consenters, String modPolicy) {
        int n = consenters.size();
        int f = (n - 1) / 3;
        int quorum = (int) Math.ceil((n + f + 1) / 2.0);
        SignaturePolicyEnvelope.Builder env = SignaturePolicyEnvelope.newBuilder();
        SignaturePolicy.NOutOf.Builder rule = SignaturePolicy.NOutOf.newBuilder().setN(quorum);
        for (int i = 0; i < n; i++) {
            rule.addRules(SignaturePolicy.newBuilder().setSignedBy(i));
            env.addIdentities(MSPPrincipal.newBuilder().setPrincipalClassification(MSPPrincipal.Classification.IDENTITY)
                    .setPrincipal(SerializedIdentity.newBuilder().setMspid(consenters.get(i).getMspId())
                            .setIdBytes(consenters.get(i).getIdentity()).build().toByteString()));
        }
        env.setRule(SignaturePolicy.newBuilder().setNOutOf(rule));
        return ConfigPolicy.newBuilder().setModPolicy(modPolicy).setPolicy(Policy.newBuilder()
                .setType(Policy.PolicyType.SIGNATURE_VALUE).setValue(env.build().toByteString())).build();
    }

    private static FieldDescriptor field(String yamlKey) {
        String k = yamlKey.toLowerCase(Locale.ROOT).replace("_", "");
        for (FieldDescriptor fd : Options.getDescriptor().getFields()) {
            if (fd.getName().replace("_", "").equals(k)) {
                return fd;
            }
        }
        return null;
    }

    private static ByteString read(Sourced<Path> file, String what, String host, long port) throws ConfigtxgenException {
        try {
            if (!Files.exists(file.value())) {
                throw new NoSuchFileException(file.value().toString());
            }
            return ByteString.copyFrom(io.raftlens.config.files.SafeFiles.read(file.value(), io.raftlens.config.files.SafeFiles.SMALL_FILE_LIMIT));
        } catch (NoSuchFileException e) {
            throw new ConfigtxgenException("cannot load consenter config for orderer type BFT: cannot load " + what + " for consenter "
                    + host + ":" + port + ": open " + file.value() + ": no such file or directory", file.range());
        } catch (IOException e) {
            throw new ConfigtxgenException("cannot load consenter config for orderer type BFT: cannot load " + what + " for consenter "
                    + host + ":" + port + ": " + e.getMessage(), file.range());
        }
    }

    private static ConfigtxgenException missing(String what, Consenter c) {
        return new ConfigtxgenException("consenter info in BFT configuration did not specify " + what, c.range());
    }
}
