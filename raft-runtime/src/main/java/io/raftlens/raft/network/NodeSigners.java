package io.raftlens.raft.network;

import io.raftlens.raft.fabric.config.ChannelConfig;
import io.raftlens.raft.fabric.config.ConfigException;
import io.raftlens.raft.fabric.msp.FabricMsp;
import io.raftlens.raft.fabric.msp.MspException;
import io.raftlens.raft.fabric.msp.SigningIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.hyperledger.fabric.protos.common.Block;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orderer signing identity of a consenter (Fabric's General.LocalMSPDir/LocalMSPID), found where cryptogen puts
 * it: {@code …/orderers/<host>/msp/signcerts/*.pem} and {@code msp/keystore/*} beside the consenter's
 * {@code tls/server.crt}. Its MSP id is the orderer organization of the channel config whose CAs validate it.
 * None when the folder is missing (the sample and development networks), so blocks stay unsigned.
 */
public final class NodeSigners {
    private static final Logger LOG = LoggerFactory.getLogger(NodeSigners.class);

    private NodeSigners() {
    }

    public static Optional<SigningIdentity> forConsenter(ConsenterPlan c, Block genesis) {
        if (c.clientTlsCert() == null) {
            return Optional.empty();
        }
        Path tlsDir = c.clientTlsCert().toAbsolutePath().getParent();
        Path msp = tlsDir == null || tlsDir.getParent() == null ? null : tlsDir.getParent().resolve("msp");
        if (msp == null || !Files.isDirectory(msp.resolve("signcerts")) || !Files.isDirectory(msp.resolve("keystore"))) {
            return Optional.empty();
        }
        Optional<Path> cert = first(msp.resolve("signcerts"));
        Optional<Path> key = first(msp.resolve("keystore"));
        if (cert.isEmpty() || key.isEmpty()) {
            return Optional.empty();
        }
        ChannelConfig config;
        try {
            config = ChannelConfig.fromBlock(genesis);
        } catch (ConfigException e) {
            LOG.warn("consenter {}: blocks will not be signed: {}", c.address(), e.getMessage());
            return Optional.empty();
        }
        for (var org : config.organizationMspIds().entrySet()) {
            if (!org.getKey().startsWith("/Channel/Orderer/")) {
                continue;
            }
            Optional<FabricMsp> msp0 = config.mspManager().msp(org.getValue());
            if (msp0.isEmpty()) {
                continue;
            }
            try {
                SigningIdentity signer = SigningIdentity.fromPemFiles(org.getValue(), cert.get(), key.get());
                msp0.get().deserializeIdentity(signer.serialize()).validate();
                return Optional.of(signer);
            } catch (MspException e) {
                // not this organization's identity
            }
        }
        LOG.warn("consenter {}: blocks will not be signed: {} is not valid under any orderer organization of the channel",
                c.address(), cert.get());
        return Optional.empty();
    }

    private static Optional<Path> first(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).sorted().findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
