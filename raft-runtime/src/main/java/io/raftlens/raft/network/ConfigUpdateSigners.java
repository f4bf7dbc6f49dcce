package io.raftlens.raft.network;

import io.raftlens.raft.fabric.config.ChannelConfig;
import io.raftlens.raft.fabric.msp.FabricMsp;
import io.raftlens.raft.fabric.msp.MspException;
import io.raftlens.raft.fabric.msp.SigningIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The admin identities the control API signs config updates with (what an operator does with {@code peer channel
 * signconfigtx}): each orderer organization's {@code users/Admin@<domain>/msp} in the cryptogen layout, found from
 * the consenters' TLS certificates ({@code <org>/orderers/<host>/tls/server.crt}) and kept when the channel's orderer
 * organization MSP validates it. A development network without MSP folders has none (its ordering-only config has
 * no organizations, so Fabric's implicit policies need no signature).
 */
final class ConfigUpdateSigners {

    private ConfigUpdateSigners() {
    }

    /** One admin per orderer organization of {@code config} that the consenters' crypto folders hold. */
    static List<SigningIdentity> ordererAdmins(NetworkPlan plan, ChannelConfig config) {
        Set<Path> orgDirs = ordererOrgDirs(plan);
        List<SigningIdentity> admins = new ArrayList<>();
        Set<String> signedFor = new LinkedHashSet<>();
        for (Path org : orgDirs) {
            for (Path msp : userMsps(org, true)) {
                Optional<SigningIdentity> s = validIn(msp, config, "/Channel/Orderer/");
                if (s.isPresent() && signedFor.add(s.get().mspId())) {
                    admins.add(s.get());
                    break;
                }
            }
        }
        return admins;
    }

    /**
     * The sample client the control API's broadcast endpoint signs with: {@code User1@…} (any non-admin user) of the
     * first application organization of {@code config} whose cryptogen folder is beside the orderer organizations',
     * else a non-admin user of an orderer organization; none on a network without MSP folders.
     */
    static Optional<SigningIdentity> client(NetworkPlan plan, ChannelConfig config) {
        Set<Path> ordererOrgs = ordererOrgDirs(plan);
        List<Path> candidates = new ArrayList<>();
        for (Path org : ordererOrgs) {
            Path root = org.getParent() == null ? null : org.getParent().getParent();
            if (root != null) {
                candidates.addAll(orgDirs(root.resolve("peerOrganizations")));
            }
        }
        for (var org : config.organizationMspIds().entrySet()) {
            if (!org.getKey().startsWith("/Channel/Application/")) {
                continue;
            }
            for (Path dir : candidates) {
                for (Path msp : userMsps(dir, false)) {
                    Optional<SigningIdentity> s = validIn(msp, config, org.getKey());
                    if (s.isPresent()) {
                        return s;
                    }
                }
            }
        }
        for (Path org : ordererOrgs) {
            for (Path msp : userMsps(org, false)) {
                Optional<SigningIdentity> s = validIn(msp, config, "/Channel/Orderer/");
                if (s.isPresent()) {
                    return s;
                }
            }
        }
        return Optional.empty();
    }

    private static Set<Path> ordererOrgDirs(NetworkPlan plan) {
        Set<Path> orgDirs = new LinkedHashSet<>();
        for (ConsenterPlan c : plan.consenters()) {
            Path cert = c.clientTlsCert() != null ? c.clientTlsCert() : c.serverTlsCert();
            Path host = cert == null ? null : cert.toAbsolutePath().normalize().getParent();
            host = host == null ? null : host.getParent();
            Path orderers = host == null ? null : host.getParent();
            if (orderers != null && orderers.getParent() != null && orderers.getFileName().toString().equals("orderers")) {
                orgDirs.add(orderers.getParent());
            }
        }
        return orgDirs;
    }

    private static List<Path> orgDirs(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** users/*&#47;msp of an organization folder: admins ({@code Admin@…}) or the others, User1 first. */
    private static List<Path> userMsps(Path orgDir, boolean admins) {
        Path users = orgDir.resolve("users");
        if (!Files.isDirectory(users)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(users)) {
            return s.filter(p -> p.getFileName().toString().startsWith("Admin@") == admins).sorted()
                    .map(p -> p.resolve("msp")).filter(Files::isDirectory).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The identity of a cryptogen MSP folder, when an organization of {@code section} validates it. */
    static Optional<SigningIdentity> validIn(Path msp, ChannelConfig config, String section) {
        Optional<Path> cert = first(msp.resolve("signcerts"));
        Optional<Path> key = first(msp.resolve("keystore"));
        if (cert.isEmpty() || key.isEmpty()) {
            return Optional.empty();
        }
        for (var org : config.organizationMspIds().entrySet()) {
            if (!org.getKey().startsWith(section)) {
                continue;
            }
            Optional<FabricMsp> fm = config.mspManager().msp(org.getValue());
            if (fm.isEmpty()) {
                continue;
            }
            try {
                SigningIdentity signer = SigningIdentity.fromPemFiles(org.getValue(), cert.get(), key.get());
                fm.get().deserializeIdentity(signer.serialize()).validate();
                return Optional.of(signer);
            } catch (MspException e) {
                // not this organization's identity
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> first(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).sorted().findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
