package io.raftlens.sdkjava;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import javax.json.Json;
import javax.json.JsonArrayBuilder;
import javax.json.JsonObjectBuilder;
import javax.json.stream.JsonGenerator;
import org.hyperledger.fabric.protos.common.Common.Envelope;
import org.hyperledger.fabric.protos.common.Configtx.Config;
import org.hyperledger.fabric.protos.common.Configtx.ConfigGroup;
import org.hyperledger.fabric.protos.common.Configtx.ConfigUpdate;
import org.hyperledger.fabric.protos.common.Configtx.ConfigValue;
import org.hyperledger.fabric.protos.common.Common.Header;
import org.hyperledger.fabric.protos.common.Common.Payload;
import org.hyperledger.fabric.protos.ledger.rwset.Rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.Rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KvRwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KvRwset.KVWrite;
import org.hyperledger.fabric.protos.orderer.Ab.BroadcastResponse;
import org.hyperledger.fabric.protos.orderer.Configuration.BatchSize;
import org.hyperledger.fabric.protos.peer.Chaincode.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ProposalPackage.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ProposalPackage.Proposal;
import org.hyperledger.fabric.protos.peer.ProposalResponsePackage.Endorsement;
import org.hyperledger.fabric.protos.peer.ProposalResponsePackage.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.ProposalResponsePackage.Response;
import org.hyperledger.fabric.sdk.Channel;
import org.hyperledger.fabric.sdk.Enrollment;
import org.hyperledger.fabric.sdk.HFClient;
import org.hyperledger.fabric.sdk.Orderer;
import org.hyperledger.fabric.sdk.OrdererBroadcast;
import org.hyperledger.fabric.sdk.UpdateChannelConfiguration;
import org.hyperledger.fabric.sdk.User;
import org.hyperledger.fabric.sdk.identity.X509Enrollment;
import org.hyperledger.fabric.sdk.security.CryptoPrimitives;
import org.hyperledger.fabric.sdk.security.CryptoSuite;
import org.hyperledger.fabric.sdk.transaction.ProposalBuilder;
import org.hyperledger.fabric.sdk.transaction.ProtoUtils;
import org.hyperledger.fabric.sdk.transaction.TransactionBuilder;
import org.hyperledger.fabric.sdk.transaction.TransactionContext;

/**
 * Fabric's Java SDK (fabric-sdk-java 2.2) against the ordering service of a network launched by RaftLens:
 * <ol>
 * <li>{@code Channel.getChannelConfigurationBytes(user, orderer)}: the SDK's Deliver over TLS (newest block, its
 * LAST_CONFIG metadata, then that block) signed with the sample's User1; the config is written to --config-out;
 * <li>the same for an identity of another CA claiming the same MSP id: refused;
 * <li>ENDORSER_TRANSACTION envelopes built with the SDK's ProposalBuilder and TransactionBuilder, signed by its
 * TransactionContext, broadcast with the SDK's orderer client: SUCCESS; the stranger's: FORBIDDEN;
 * <li>with --admin-*: a config update (BatchSize) signed by that admin, sent with updateChannelConfiguration.
 * </ol>
 * The peer's proposal response is made here (no peers in a RaftLens network), signed by the sample's peer0.
 * Result: JSON on --out; exit 0 when every step behaved as expected, 1 when not, 2 for bad arguments.
 */
public final class SdkJavaClient {

    private SdkJavaClient() {
    }

    /** A cryptogen identity as the SDK wants it: MSP id, certificate PEM and the key loaded by the SDK's crypto suite. */
    record SampleUser(String name, String mspId, Enrollment enrollment) implements User {
        static SampleUser load(CryptoSuite suite, String name, String mspId, Path cert, Path key) throws Exception {
            PrivateKey k = ((CryptoPrimitives) suite).bytesToPrivateKey(Files.readAllBytes(key));
            return new SampleUser(name, mspId, new X509Enrollment(k, Files.readString(cert, StandardCharsets.US_ASCII)));
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public Set<String> getRoles() {
            return Set.of();
        }

        @Override
        public String getAccount() {
            return null;
        }

        @Override
        public String getAffiliation() {
            return null;
        }

        @Override
        public Enrollment getEnrollment() {
            return enrollment;
        }

        @Override
        public String getMspId() {
            return mspId;
        }
    }

    static final String USAGE = "usage: SdkJavaClient --orderer grpcs://127.0.0.1:PORT --host ORDERER_TLS_NAME --tls-ca FILE"
            + " --channel NAME --msp-id ID --cert FILE --key FILE --endorser-cert FILE --endorser-key FILE"
            + " --stranger-cert FILE --stranger-key FILE --config-out FILE --out FILE [--transactions N]"
            + " [--admin-msp-id ID --admin-cert FILE --admin-key FILE (a config update signed by that admin)]";

    public static void main(String[] args) throws Exception {
        Map<String, String> o;
        try {
            o = options(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        JsonObjectBuilder result = Json.createObjectBuilder();
        List<String> failures = new ArrayList<>();
        try {
            run(o, result, failures);
        } catch (Exception e) {
            failures.add("client failed: " + e);
        }
        JsonArrayBuilder f = Json.createArrayBuilder();
        failures.forEach(f::add);
        result.add("failures", f).add("ok", failures.isEmpty());
        StringWriter out = new StringWriter();
        Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(out).write(result.build());
        Files.writeString(Path.of(o.get("out")), out.toString());
        System.out.println(failures.isEmpty() ? "ok" : "FAILED:\n  " + String.join("\n  ", failures));
        // the SDK leaves non-daemon gRPC threads behind
        System.exit(failures.isEmpty() ? 0 : 1);
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("transactions", "2");
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got: " + args[i]);
            }
            o.put(args[i].substring(2), args[i + 1]);
        }
        for (String k : List.of("orderer", "host", "tls-ca", "channel", "msp-id", "cert", "key", "endorser-cert",
                "endorser-key", "stranger-cert", "stranger-key", "config-out", "out")) {
            if (!o.containsKey(k)) {
                throw new IllegalArgumentException("missing --" + k);
            }
        }
        return o;
    }

    static void run(Map<String, String> o, JsonObjectBuilder result, List<String> failures) throws Exception {
        CryptoSuite suite = CryptoSuite.Factory.getCryptoSuite();
        SampleUser user = SampleUser.load(suite, "User1", o.get("msp-id"), Path.of(o.get("cert")), Path.of(o.get("key")));
        SampleUser endorser = SampleUser.load(suite, "peer0", o.get("msp-id"), Path.of(o.get("endorser-cert")),
                Path.of(o.get("endorser-key")));
        SampleUser stranger = SampleUser.load(suite, "stranger", o.get("msp-id"), Path.of(o.get("stranger-cert")),
                Path.of(o.get("stranger-key")));

        HFClient client = HFClient.createNewInstance();
        client.setCryptoSuite(suite);
        client.setUserContext(user);
        Properties p = new Properties();
        p.setProperty("pemFile", o.get("tls-ca"));
        p.setProperty("hostnameOverride", o.get("host"));
        p.setProperty("sslProvider", "JDK");
        p.setProperty("negotiationType", "TLS");
        p.setProperty("ordererWaitTimeMilliSecs", "20000");
        Orderer orderer = client.newOrderer(o.get("host"), o.get("orderer"), p);
        Channel channel = client.newChannel(o.get("channel"));
        channel.addOrderer(orderer);
        result.add("client", "fabric-sdk-java " + sdkVersion());

        byte[] config = channel.getChannelConfigurationBytes(user, orderer);
        Files.write(Path.of(o.get("config-out")), config);
        result.add("configBytes", config.length);

        try {
            channel.getChannelConfigurationBytes(stranger, orderer);
            result.add("strangerConfig", "delivered");
            failures.add("the stranger's Deliver was answered with the config");
        } catch (Exception e) {
            // the SDK's Deliver reports the orderer's status: "Bad newest block expected status 200  got  403"
            result.add("strangerConfig", String.valueOf(e.getMessage()));
            if (!String.valueOf(e.getMessage()).contains("got  403")) {
                failures.add("the stranger's Deliver: " + e.getMessage() + " (expected status 403, FORBIDDEN)");
            }
        }

        JsonArrayBuilder broadcasts = Json.createArrayBuilder();
        int count = Integer.parseInt(o.get("transactions"));
        for (int i = 0; i < count; i++) {
            Sent s = broadcast(channel, orderer, suite, user, endorser, "asset" + i, "value " + i);
            broadcasts.add(Json.createObjectBuilder().add("txId", s.txId).add("status", s.status).add("info", s.info));
            if (!s.status.equals("SUCCESS")) {
                failures.add("broadcast " + s.txId + ": " + s.status + " " + s.info);
            }
        }
        result.add("broadcasts", broadcasts);
        Sent forged = broadcast(channel, orderer, suite, stranger, endorser, "forged", "forged");
        result.add("stranger", Json.createObjectBuilder().add("txId", forged.txId).add("status", forged.status).add("info", forged.info));
        // the SDK's OrdererClient turns a non-SUCCESS answer into an exception: "... failure code 403 (FORBIDDEN) ..."
        if (!forged.info.contains("403 (FORBIDDEN)")) {
            failures.add("the stranger's broadcast: " + forged.status + " " + forged.info + " (expected FORBIDDEN)");
        }
        if (o.containsKey("admin-cert")) {
            SampleUser admin = SampleUser.load(suite, "Admin", o.get("admin-msp-id"), Path.of(o.get("admin-cert")),
                    Path.of(o.get("admin-key")));
            result.add("configUpdate", updateBatchSize(channel, orderer, admin, failures));
        }
        channel.shutdown(true);
    }

    /**
     * A config update as an SDK application makes one: the current config (Deliver), BatchSize.MaxMessageCount one
     * lower, the read/write sets computed by the SDK's ProtoUtils.computeUpdate (configtxlator's compute-update),
     * signed by the orderer admin for the /Channel/Orderer/Admins mod_policy, sent with updateChannelConfiguration
     * (which waits for LAST_CONFIG to move), then read back.
     */
    static JsonObjectBuilder updateBatchSize(Channel channel, Orderer orderer, SampleUser admin, List<String> failures) throws Exception {
        Config original = Config.parseFrom(channel.getChannelConfigurationBytes(admin, orderer));
        ConfigGroup ordererGroup = original.getChannelGroup().getGroupsOrThrow("Orderer");
        ConfigValue value = ordererGroup.getValuesOrThrow("BatchSize");
        BatchSize before = BatchSize.parseFrom(value.getValue());
        BatchSize wanted = before.toBuilder().setMaxMessageCount(before.getMaxMessageCount() - 1).build();
        Config.Builder updated = original.toBuilder();
        updated.getChannelGroupBuilder().putGroups("Orderer", ordererGroup.toBuilder()
                .putValues("BatchSize", value.toBuilder().setValue(wanted.toByteString()).build()).build());
        ConfigUpdate.Builder update = ConfigUpdate.newBuilder();
        if (!ProtoUtils.computeUpdate(channel.getName(), original, updated.build(), update)) {
            throw new IllegalStateException("computeUpdate found no difference");
        }
        UpdateChannelConfiguration ucc = new UpdateChannelConfiguration(update.build().toByteArray());
        // updateChannelConfiguration wants an initialized channel; without peers initialize() only warns about that
        channel.initialize();
        byte[] signature = channel.getUpdateChannelConfigurationSignature(ucc, admin);
        JsonObjectBuilder out = Json.createObjectBuilder().add("maxMessageCountBefore", before.getMaxMessageCount());
        try {
            channel.updateChannelConfiguration(admin, ucc, orderer, signature);
            out.add("status", "SUCCESS");
        } catch (Exception e) {
            out.add("status", "REFUSED").add("info", String.valueOf(e.getMessage()));
            failures.add("config update: " + e.getMessage());
            return out;
        }
        Config after = Config.parseFrom(channel.getChannelConfigurationBytes(admin, orderer));
        long now = BatchSize.parseFrom(after.getChannelGroup().getGroupsOrThrow("Orderer").getValuesOrThrow("BatchSize")
                .getValue()).getMaxMessageCount();
        out.add("sequenceBefore", original.getSequence()).add("sequenceAfter", after.getSequence())
                .add("maxMessageCountAfter", now);
        if (now != wanted.getMaxMessageCount() || after.getSequence() != original.getSequence() + 1) {
            failures.add("config after the update: MaxMessageCount " + now + ", sequence " + after.getSequence());
        }
        return out;
    }

    record Sent(String txId, String status, String info) {
    }

    static String sdkVersion() throws IOException {
        Properties p = new Properties();
        try (var in = HFClient.class.getResourceAsStream("/META-INF/maven/org.hyperledger.fabric-sdk-java/fabric-sdk-java/pom.properties")) {
            if (in != null) {
                p.load(in);
            }
        }
        return p.getProperty("version", "?");
    }

    /** As Channel.sendTransaction builds and sends it, with the endorsement a peer would have returned. */
    static Sent broadcast(Channel channel, Orderer orderer, CryptoSuite suite, SampleUser creator, SampleUser peer,
                          String key, String value) throws Exception {
        TransactionContext ctx = new TransactionContext(channel, creator, suite);
        ChaincodeID cc = ChaincodeID.newBuilder().setName("basic").setVersion("1.0").build();
        Proposal proposal = ProposalBuilder.newBuilder().context(ctx).chaincodeID(cc)
                .args(List.of(ByteString.copyFromUtf8("CreateAsset"), ByteString.copyFromUtf8(key), ByteString.copyFromUtf8(value)))
                .build();
        Header header = Header.parseFrom(proposal.getHeader());
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(header.getChannelHeader().toByteArray());
        sha.update(header.getSignatureHeader().toByteArray());
        sha.update(proposal.getPayload().toByteArray()); // no transient map: the payload as proposed
        TxReadWriteSet rwset = TxReadWriteSet.newBuilder().setDataModel(TxReadWriteSet.DataModel.KV)
                .addNsRwset(NsReadWriteSet.newBuilder().setNamespace("basic").setRwset(KVRWSet.newBuilder()
                        .addWrites(KVWrite.newBuilder().setKey(key).setValue(ByteString.copyFromUtf8(value))).build().toByteString()))
                .build();
        ChaincodeAction action = ChaincodeAction.newBuilder().setResults(rwset.toByteString())
                .setResponse(Response.newBuilder().setStatus(200).setPayload(ByteString.copyFromUtf8(value))).setChaincodeId(cc).build();
        ByteString responsePayload = ProposalResponsePayload.newBuilder().setProposalHash(ByteString.copyFrom(sha.digest()))
                .setExtension(action.toByteString()).build().toByteString();
        ByteString endorserId = ProtoUtils.createSerializedIdentity(peer).toByteString();
        byte[] signature = suite.sign(peer.getEnrollment().getKey(), responsePayload.concat(endorserId).toByteArray());
        Endorsement endorsement = Endorsement.newBuilder().setEndorser(endorserId).setSignature(ByteString.copyFrom(signature)).build();

        Payload payload = TransactionBuilder.newBuilder().chaincodeProposal(proposal).endorsements(List.of(endorsement))
                .proposalResponsePayload(responsePayload).build();
        Envelope envelope = Envelope.newBuilder().setPayload(payload.toByteString())
                .setSignature(ByteString.copyFrom(ctx.sign(payload.toByteArray()))).build();
        try {
            BroadcastResponse r = OrdererBroadcast.send(orderer, envelope);
            return new Sent(ctx.getTxID(), r.getStatus().name(), r.getInfo());
        } catch (Exception e) {
            return new Sent(ctx.getTxID(), "REFUSED", String.valueOf(e.getMessage()));
        }
    }
}
