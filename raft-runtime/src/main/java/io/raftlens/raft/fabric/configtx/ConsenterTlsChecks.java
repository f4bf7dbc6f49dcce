package io.raftlens.raft.fabric.configtx;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.raftlens.raft.fabric.config.ChannelConfig;
import io.raftlens.raft.fabric.msp.Certificates;
import io.raftlens.raft.fabric.msp.FabricMsp;
import io.raftlens.raft.fabric.msp.MspException;
import io.raftlens.raft.fabric.msp.TlsCertificateVerifier;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.msp.FabricMSPConfig;
import org.hyperledger.fabric.protos.msp.MSPConfig;
import org.hyperledger.fabric.protos.orderer.etcdraft.Consenter;

/**
 * etcdraft's consenter certificate checks ({@code orderer/consensus/etcdraft/util.go}): {@code createX509VerifyOptions}
 * (the TLS root and intermediate CAs of every orderer organization) and {@code validateConsenterTLSCerts} (client
 * and server certificate parsed and verified against them; expiry ignored for the whole set in
 * VerifyConfigMetadata, enforced for consenters being added).
 *
 * <p>A channel config without orderer organizations — RaftLens's ordering-only development block, which configtxgen
 * cannot produce — has no CA to verify against: its certificates are only parsed.
 */
final class ConsenterTlsChecks {
    /** Empty: no orderer organization to verify against (parse only). */
    private final Optional<TlsCertificateVerifier> verifier;
    private final Instant now;

    private ConsenterTlsChecks(Optional<TlsCertificateVerifier> verifier, Instant now) {
        this.verifier = verifier;
        this.now = now;
    }

    /** createX509VerifyOptions of {@code config}'s orderer organizations (parse-only checks when it has none). */
    static ConsenterTlsChecks of(ChannelConfig config, Instant now) throws ConfigtxException {
        Optional<ConfigGroup> orderer = config.group(ChannelConfig.ORDERER);
        if (orderer.isEmpty() || orderer.get().getGroupsCount() == 0) {
            return new ConsenterTlsChecks(Optional.empty(), now);
        }
        List<X509Certificate> roots = new ArrayList<>();
        List<X509Certificate> intermediates = new ArrayList<>();
        for (ConfigGroup org : orderer.get().getGroupsMap().values()) {
            var value = org.getValuesMap().get("MSP");
            if (value == null) {
                continue; // the bundle refuses such an organization before this is reached
            }
            FabricMSPConfig msp;
            try {
                MSPConfig c = MSPConfig.parseFrom(value.getValue());
                if (c.getType() != FabricMsp.TYPE_FABRIC) {
                    continue; // an idemix MSP has no TLS certificates (GetTLSRootCerts is nil)
                }
                msp = FabricMSPConfig.parseFrom(c.getConfig());
            } catch (InvalidProtocolBufferException e) {
                continue; // likewise refused earlier by the bundle, with its own message
            }
            parseAll(msp.getTlsRootCertsList(), roots, "parsing tls root certs");
            parseAll(msp.getTlsIntermediateCertsList(), intermediates, "parsing tls intermediate certs");
        }
        return new ConsenterTlsChecks(Optional.of(new TlsCertificateVerifier(roots, intermediates)), now);
    }

    /** validateConsenterTLSCerts: null when both certificates verify, else Fabric's error text. */
    String validate(Consenter c, boolean ignoreExpiration) {
        String where = c.getHost() + ":" + c.getPort();
        X509Certificate client;
        X509Certificate server;
        try {
            client = certificate(c.getClientTlsCert());
        } catch (MspException e) {
            return "parsing tls client cert of " + where + ": " + e.getMessage();
        }
        try {
            server = certificate(c.getServerTlsCert());
        } catch (MspException e) {
            return "parsing tls server cert of " + where + ": " + e.getMessage();
        }
        if (verifier.isEmpty()) {
            return null;
        }
        String invalid = verify("client", client, ignoreExpiration);
        return invalid != null ? invalid : verify("server", server, ignoreExpiration);
    }

    private String verify(String certType, X509Certificate cert, boolean ignoreExpiration) {
        return verifier.get().verify(cert, now, ignoreExpiration)
                .map(err -> "verifying tls " + certType + " cert with serial number " + cert.getSerialNumber() + ": " + err)
                .orElse(null);
    }

    private static X509Certificate certificate(ByteString pem) throws MspException {
        return Certificates.fromPem(pem.toByteArray());
    }

    private static void parseAll(List<ByteString> pems, List<X509Certificate> into, String what) throws ConfigtxException {
        for (ByteString pem : pems) {
            try {
                into.add(Certificates.fromPem(pem.toByteArray()));
            } catch (MspException e) {
                // Go: parseCertificateFromBytes — "no PEM data found in cert[% x]" or an ASN.1 error
                String detail = e.getMessage().contains("PEM")
                        ? "no PEM data found in cert[" + HexFormat.ofDelimiter(" ").formatHex(pem.toByteArray()) + "]"
                        : e.getMessage();
                throw new ConfigtxException(what + ": " + detail);
            }
        }
    }
}
