package io.raftlens.raft.crypto;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.bouncycastle.asn1.x509.KeyPurposeId;

/**
 * {@code cryptogen generate} and {@code cryptogen extend}: for every organization a signing CA ({@code ca/}) and a
 * TLS CA ({@code tlsca/}), the organization's verifying MSP ({@code msp/}), and a local MSP plus TLS folder for every
 * node ({@code orderers/<cn>} or {@code peers/<cn>}) and user ({@code users/Admin@<domain>}, {@code User<n>@<domain>}
 * for peer orgs), laid out, named and issued as cryptogen does.
 */
public final class Cryptogen {

    /** Node types of {@code internal/cryptogen/msp}: they pick the NodeOU and the TLS file names. */
    public enum NodeType {
        CLIENT("client"), ORDERER("orderer"), PEER("peer"), ADMIN("admin");

        final String ou;

        NodeType(String ou) {
            this.ou = ou;
        }
    }

    private final Consumer<String> out;

    /** @param out receives the lines cryptogen prints (the domain of each peer organization) */
    public Cryptogen(Consumer<String> out) {
        this.out = out;
    }

    public void generate(CryptoConfig config, Path outputDir) throws IOException {
        for (CryptoConfig.Org org : config.peerOrgs()) {
            generateOrg(outputDir, org, true);
        }
        for (CryptoConfig.Org org : config.ordererOrgs()) {
            generateOrg(outputDir, org, false);
        }
    }

    /** {@code cryptogen extend}: generates missing organizations, and missing nodes and users of existing ones with their CAs. */
    public void extend(CryptoConfig config, Path inputDir) throws IOException {
        for (CryptoConfig.Org org : config.peerOrgs()) {
            extendOrg(inputDir, org, true);
        }
        for (CryptoConfig.Org org : config.ordererOrgs()) {
            extendOrg(inputDir, org, false);
        }
    }

    private void generateOrg(Path base, CryptoConfig.Org org, boolean peer) throws IOException {
        String domain = org.domain();
        if (peer) {
            out.accept(domain);
        }
        Path orgDir = base.resolve(peer ? "peerOrganizations" : "ordererOrganizations").resolve(domain);
        Path mspDir = orgDir.resolve("msp");
        CertificateAuthority signCa = CertificateAuthority.create(orgDir.resolve("ca"), domain, org.ca().commonName(), org.ca().fields());
        CertificateAuthority tlsCa = CertificateAuthority.create(orgDir.resolve("tlsca"), domain, "tls" + org.ca().commonName(), org.ca().fields());
        verifyingMsp(mspDir, signCa, tlsCa, org.enableNodeOus());
        Path nodesDir = orgDir.resolve(peer ? "peers" : "orderers");
        Path usersDir = orgDir.resolve("users");
        nodes(nodesDir, org.specs(), signCa, tlsCa, peer ? NodeType.PEER : NodeType.ORDERER, org.enableNodeOus(), false);
        String admin = "Admin@" + domain;
        if (peer) {
            List<CryptoConfig.Node> users = new ArrayList<>();
            for (int j = 1; j <= org.users(); j++) {
                users.add(user("User" + j + "@" + domain));
            }
            nodes(usersDir, users, signCa, tlsCa, NodeType.CLIENT, org.enableNodeOus(), false);
        }
        nodes(usersDir, List.of(user(admin)), signCa, tlsCa, NodeType.CLIENT, org.enableNodeOus(), true);
        if (!org.enableNodeOus()) {
            copyAdminCert(usersDir, mspDir.resolve("admincerts"), admin);
            for (CryptoConfig.Node spec : org.specs()) {
                copyAdminCert(usersDir, nodesDir.resolve(spec.commonName()).resolve("msp").resolve("admincerts"), admin);
            }
        }
    }

    private void extendOrg(Path base, CryptoConfig.Org org, boolean peer) throws IOException {
        String domain = org.domain();
        Path orgDir = base.resolve(peer ? "peerOrganizations" : "ordererOrganizations").resolve(domain);
        if (!Files.exists(orgDir)) {
            generateOrg(base, org, peer);
            return;
        }
        CertificateAuthority signCa = load(orgDir.resolve("ca"), org.ca().commonName(), org.ca().fields());
        CertificateAuthority tlsCa = load(orgDir.resolve("tlsca"), "tls" + org.ca().commonName(), org.ca().fields());
        Path nodesDir = orgDir.resolve(peer ? "peers" : "orderers");
        Path usersDir = orgDir.resolve("users");
        nodes(nodesDir, org.specs(), signCa, tlsCa, peer ? NodeType.PEER : NodeType.ORDERER, org.enableNodeOus(), false);
        String admin = "Admin@" + domain;
        if (!org.enableNodeOus()) {
            for (CryptoConfig.Node spec : org.specs()) {
                copyAdminCert(usersDir, nodesDir.resolve(spec.commonName()).resolve("msp").resolve("admincerts"), admin);
            }
        }
        if (peer) {
            List<CryptoConfig.Node> users = new ArrayList<>();
            for (int j = 1; j <= org.users(); j++) {
                users.add(user("User" + j + "@" + domain));
            }
            nodes(usersDir, users, signCa, tlsCa, NodeType.CLIENT, org.enableNodeOus(), false);
        }
    }

    /** {@code getCA}: the CA's {@code *_sk} key and {@code *.pem} certificate in its folder. */
    static CertificateAuthority load(Path dir, String name, CertificateAuthority.SubjectFields fields) throws IOException {
        Path key = null;
        Path cert = null;
        try (var files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String n = f.getFileName().toString();
                if (n.endsWith("_sk")) {
                    key = f;
                } else if (n.endsWith(".pem")) {
                    cert = f;
                }
            }
        }
        if (key == null || cert == null) {
            throw new IOException(dir + ": no CA key (*_sk) and certificate (*.pem) to extend from");
        }
        return new CertificateAuthority(name, fields, PemFiles.readPrivateKey(key), PemFiles.readCertificate(cert));
    }

    private static CryptoConfig.Node user(String commonName) {
        return new CryptoConfig.Node("", commonName, List.of(), CertificateAuthority.SubjectFields.DEFAULT);
    }

    /** {@code generateNodes}: only nodes whose folder does not exist yet. */
    private static void nodes(Path baseDir, List<CryptoConfig.Node> nodes, CertificateAuthority signCa, CertificateAuthority tlsCa,
                              NodeType type, boolean nodeOus, boolean admin) throws IOException {
        for (CryptoConfig.Node n : nodes) {
            Path nodeDir = baseDir.resolve(n.commonName());
            if (!Files.exists(nodeDir)) {
                localMsp(nodeDir, n.commonName(), n.sans(), signCa, tlsCa, admin && nodeOus ? NodeType.ADMIN : type, nodeOus);
            }
        }
    }

    /** {@code msp.GenerateLocalMSP}. */
    public static void localMsp(Path baseDir, String name, List<String> sans, CertificateAuthority signCa, CertificateAuthority tlsCa,
                                NodeType type, boolean nodeOus) throws IOException {
        Path msp = baseDir.resolve("msp");
        Path tls = baseDir.resolve("tls");
        for (String d : List.of("admincerts", "cacerts", "tlscacerts", "keystore", "signcerts")) {
            Files.createDirectories(msp.resolve(d));
        }
        Files.createDirectories(tls);
        KeyPair signKey = CertificateAuthority.newKeyPair();
        PemFiles.writeSecret(msp.resolve("keystore").resolve("priv_sk"), PemFiles.privateKey(signKey.getPrivate()));
        X509Certificate cert = signCa.sign(msp.resolve("signcerts"), name, nodeOus ? List.of(type.ou) : List.of(), List.of(),
                signKey.getPublic(), CertificateAuthority.SIGN_KEY_USAGE, List.of());
        PemFiles.writePublic(msp.resolve("cacerts").resolve(signCa.name() + "-cert.pem"), PemFiles.certificate(signCa.certificate()));
        PemFiles.writePublic(msp.resolve("tlscacerts").resolve(tlsCa.name() + "-cert.pem"), PemFiles.certificate(tlsCa.certificate()));
        if (nodeOus) {
            nodeOuConfig(msp, "cacerts/" + signCa.name() + "-cert.pem");
        } else {
            PemFiles.writePublic(msp.resolve("admincerts").resolve(name + "-cert.pem"), PemFiles.certificate(cert));
        }
        KeyPair tlsKey = CertificateAuthority.newKeyPair();
        String prefix = type == NodeType.CLIENT || type == NodeType.ADMIN ? "client" : "server";
        X509Certificate tlsCert = tlsCa.sign(null, name, List.of(), sans, tlsKey.getPublic(), CertificateAuthority.TLS_KEY_USAGE,
                List.of(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth));
        PemFiles.writePublic(tls.resolve("ca.crt"), PemFiles.certificate(tlsCa.certificate()));
        PemFiles.writePublic(tls.resolve(prefix + ".crt"), PemFiles.certificate(tlsCert));
        PemFiles.writeSecret(tls.resolve(prefix + ".key"), PemFiles.privateKey(tlsKey.getPrivate()));
    }

    /** {@code msp.GenerateVerifyingMSP}. */
    static void verifyingMsp(Path baseDir, CertificateAuthority signCa, CertificateAuthority tlsCa, boolean nodeOus) throws IOException {
        for (String d : List.of("admincerts", "cacerts", "tlscacerts")) {
            Files.createDirectories(baseDir.resolve(d));
        }
        PemFiles.writePublic(baseDir.resolve("cacerts").resolve(signCa.name() + "-cert.pem"), PemFiles.certificate(signCa.certificate()));
        PemFiles.writePublic(baseDir.resolve("tlscacerts").resolve(tlsCa.name() + "-cert.pem"), PemFiles.certificate(tlsCa.certificate()));
        if (nodeOus) {
            nodeOuConfig(baseDir, "cacerts/" + signCa.name() + "-cert.pem");
            return;
        }
        // cryptogen signs a throwaway admin certificate for the CA's own name into admincerts (its key is discarded)
        KeyPair throwaway = CertificateAuthority.newKeyPair();
        signCa.sign(baseDir.resolve("admincerts"), signCa.name(), List.of(), List.of(), throwaway.getPublic(),
                CertificateAuthority.SIGN_KEY_USAGE, List.of());
    }

    /** {@code exportConfig}: NodeOUs with the four OU identifiers, all certified by the signing CA. */
    static void nodeOuConfig(Path mspDir, String caFile) throws IOException {
        StringBuilder y = new StringBuilder("NodeOUs:\n  Enable: true\n");
        for (String[] ou : new String[][] {{"ClientOUIdentifier", "client"}, {"PeerOUIdentifier", "peer"},
                {"AdminOUIdentifier", "admin"}, {"OrdererOUIdentifier", "orderer"}}) {
            y.append("  ").append(ou[0]).append(":\n    Certificate: ").append(caFile)
                    .append("\n    OrganizationalUnitIdentifier: ").append(ou[1]).append('\n');
        }
        PemFiles.writePublic(mspDir.resolve("config.yaml"), y.toString());
    }

    private static void copyAdminCert(Path usersDir, Path adminCertsDir, String admin) throws IOException {
        Path target = adminCertsDir.resolve(admin + "-cert.pem");
        if (Files.exists(target)) {
            return;
        }
        if (Files.exists(adminCertsDir)) {
            try (var s = Files.walk(adminCertsDir)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(adminCertsDir);
        Files.copy(usersDir.resolve(admin).resolve("msp").resolve("signcerts").resolve(admin + "-cert.pem"), target,
                StandardCopyOption.REPLACE_EXISTING);
    }

}
