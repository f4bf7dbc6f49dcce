package io.raftlens.raft.fabric;

import com.google.protobuf.ByteString;
import io.raftlens.raft.fabric.config.ChannelConfig;
import io.raftlens.raft.fabric.msp.MspException;
import io.raftlens.raft.fabric.msp.SigningIdentity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.hyperledger.fabric.protos.common.Block;

/**
 * Real Fabric material under src/test/resources/fabric-protocols (sources in SOURCES.md there): blocks written by
 * Fabric orderers and configtxgen, and cryptogen identities with their keys.
 */
public final class FabricFixtures {
    private FabricFixtures() {
    }

    public static byte[] bytes(String resource) {
        try (InputStream in = FabricFixtures.class.getResourceAsStream("/fabric-protocols/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource fabric-protocols/" + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path path(String resource) {
        try {
            return Paths.get(FabricFixtures.class.getResource("/fabric-protocols/" + resource).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Block block(String resource) {
        try {
            return Block.parseFrom(bytes(resource));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** configtxgen's system channel genesis of fabric-sdk-java's v2.1 fixture (OrdererMSP, Org1MSP, Org2MSP). */
    public static ChannelConfig sdkSystemChannel() {
        try {
            return ChannelConfig.fromBlock(block("sdk-java/orderer.block"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A cryptogen identity of fabric-sdk-java's fixture: "org1-user1", "org1-admin", "orderer", … */
    public static SigningIdentity sdkSigner(String mspId, String name) {
        try {
            return SigningIdentity.fromPemFiles(mspId, path("sdk-java/" + name + "-cert.pem"), path("sdk-java/" + name + "-key.pem"));
        } catch (MspException e) {
            throw new IllegalStateException(e);
        }
    }

    public static SigningIdentity nodeOuSigner(String mspId, String name) {
        try {
            return SigningIdentity.fromPemFiles(mspId, path("nodeous/" + name + "-cert.pem"), path("nodeous/" + name + "-key.pem"));
        } catch (MspException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ByteString pem(String resource) {
        return ByteString.copyFrom(bytes(resource));
    }
}
