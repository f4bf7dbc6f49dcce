package io.raftlens.raft.configtxgen;

import com.google.protobuf.ByteString;
import io.raftlens.config.files.SafeFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hyperledger.fabric.protos.msp.FabricCryptoConfig;
import org.hyperledger.fabric.protos.msp.FabricMSPConfig;
import org.hyperledger.fabric.protos.msp.FabricNodeOUs;
import org.hyperledger.fabric.protos.msp.FabricOUIdentifier;
import org.hyperledger.fabric.protos.msp.MSPConfig;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * An organization's MSP folder read as Fabric's {@code msp.GetVerifyingMspConfig(dir, ID, "bccsp")} reads it:
 * {@code cacerts} (required, at least one), {@code admincerts}, {@code intermediatecerts}, {@code tlscacerts},
 * {@code tlsintermediatecerts} (only when there are TLS CA certs), {@code crls}, and {@code config.yaml}
 * (OrganizationalUnitIdentifiers, NodeOUs). Each file of a folder, in name order, is taken whole when it holds at
 * least one PEM block; other files are skipped (Fabric logs a warning), sub-folders are ignored.
 * Idemix MSPs are not supported.
 */
public final class MspDirectory {

    /** {@code msp.FABRIC}: the MSPConfig type of an X.509 MSP. */
    public static final int FABRIC = 0;

    private MspDirectory() {
    }

    /** @throws ConfigtxgenException with Fabric's message when the folder cannot be used */
    public static MSPConfig verifyingConfig(Path dir, String mspId, String mspType) throws ConfigtxgenException {
        if ("idemix".equals(mspType)) {
            throw new ConfigtxgenException("idemix MSPs are not supported by raftlens configtxgen (MSP type 'idemix' in " + dir + ")");
        }
        if (!"bccsp".equals(mspType)) {
            throw new ConfigtxgenException("unknown MSP type '" + mspType + "'");
        }
        Path cacertDir = dir.resolve("cacerts");
        List<ByteString> cacerts = pemFiles(cacertDir);
        if (cacerts == null) {
            throw new ConfigtxgenException("could not load a valid ca certificate from directory " + cacertDir
                    + ": stat " + cacertDir + ": no such file or directory");
        }
        if (cacerts.isEmpty()) {
            throw new ConfigtxgenException("no ca certificate found in directory " + cacertDir);
        }
        List<ByteString> admins = orEmpty(pemFiles(dir.resolve("admincerts")));
        List<ByteString> intermediates = orEmpty(pemFiles(dir.resolve("intermediatecerts")));
        List<ByteString> tlsCa = orEmpty(pemFiles(dir.resolve("tlscacerts")));
        List<ByteString> tlsIntermediates = tlsCa.isEmpty() ? List.of() : orEmpty(pemFiles(dir.resolve("tlsintermediatecerts")));
        List<ByteString> crls = orEmpty(pemFiles(dir.resolve("crls")));

        FabricMSPConfig.Builder conf = FabricMSPConfig.newBuilder()
                .setName(mspId)
                .addAllRootCerts(cacerts)
                .addAllIntermediateCerts(intermediates)
                .addAllAdmins(admins)
                .addAllRevocationList(crls)
                .setCryptoConfig(FabricCryptoConfig.newBuilder().setSignatureHashFamily("SHA2")
                        .setIdentityIdentifierHashFunction("SHA256"))
                .addAllTlsRootCerts(tlsCa)
                .addAllTlsIntermediateCerts(tlsIntermediates);
        readConfigYaml(dir, conf);
        return MSPConfig.newBuilder().setType(FABRIC).setConfig(conf.build().toByteString()).build();
    }

    @SuppressWarnings("unchecked")
    private static void readConfigYaml(Path dir, FabricMSPConfig.Builder conf) throws ConfigtxgenException {
        Path file = dir.resolve("config.yaml");
        if (!Files.isRegularFile(file)) {
            return;
        }
        Object raw;
        try {
            raw = new Load(LoadSettings.builder().build()).loadFromString(new String(io.raftlens.config.files.SafeFiles.read(file, io.raftlens.config.yaml.YamlLimits.DEFAULT.maxChars()), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            throw new ConfigtxgenException("failed unmarshalling configuration file at [" + file + "]: " + e.getMessage());
        }
        if (!(raw instanceof Map<?, ?> top)) {
            return;
        }
        if (top.get("OrganizationalUnitIdentifiers") instanceof List<?> ous) {
            for (Object o : ous) {
                if (o instanceof Map<?, ?> ou) {
                    Path cert = dir.resolve(text(ou.get("Certificate")));
                    try {
                        conf.addOrganizationalUnitIdentifiers(FabricOUIdentifier.newBuilder()
                                .setCertificate(ByteString.copyFrom(SafeFiles.read(cert, SafeFiles.SMALL_FILE_LIMIT)))
                                .setOrganizationalUnitIdentifier(text(ou.get("OrganizationalUnitIdentifier"))));
                    } catch (IOException e) {
                        throw new ConfigtxgenException("failed loading OrganizationalUnit certificate at [" + cert + "]: could not read file " + cert);
                    }
                }
            }
        }
        if (top.get("NodeOUs") instanceof Map<?, ?> nodeOus && Boolean.TRUE.equals(nodeOus.get("Enable"))) {
            FabricNodeOUs.Builder n = FabricNodeOUs.newBuilder().setEnable(true);
            ou(dir, nodeOus.get("ClientOUIdentifier"), n::setClientOuIdentifier);
            ou(dir, nodeOus.get("PeerOUIdentifier"), n::setPeerOuIdentifier);
            ou(dir, nodeOus.get("AdminOUIdentifier"), n::setAdminOuIdentifier);
            ou(dir, nodeOus.get("OrdererOUIdentifier"), n::setOrdererOuIdentifier);
            conf.setFabricNodeOus(n);
        }
    }

    /** A NodeOU identifier: set only when it names an OU; its certificate is loaded when readable (Fabric warns otherwise). */
    private static void ou(Path dir, Object spec, java.util.function.Consumer<FabricOUIdentifier> set) {
        if (!(spec instanceof Map<?, ?> m) || text(m.get("OrganizationalUnitIdentifier")).isEmpty()) {
            return;
        }
        FabricOUIdentifier.Builder b = FabricOUIdentifier.newBuilder().setOrganizationalUnitIdentifier(text(m.get("OrganizationalUnitIdentifier")));
        String cert = text(m.get("Certificate"));
        if (!cert.isEmpty()) {
            try {
                b.setCertificate(ByteString.copyFrom(SafeFiles.read(dir.resolve(cert), SafeFiles.SMALL_FILE_LIMIT)));
            } catch (IOException e) {
                // Fabric: "Failed loading %s certificate at [%s]" is a warning; the OU is kept without a certificate
            }
        }
        set.accept(b.build());
    }

    private static String text(Object o) {
        return o == null ? "" : o.toString();
    }

    private static List<ByteString> orEmpty(List<ByteString> l) {
        return l == null ? List.of() : l;
    }

    /** The PEM files of a folder in name order, or null when the folder does not exist. */
    private static List<ByteString> pemFiles(Path dir) throws ConfigtxgenException {
        if (!Files.exists(dir)) {
            return null;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).toList();
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new ConfigtxgenException("could not read directory " + dir + ": " + e.getMessage());
        }
        List<ByteString> out = new ArrayList<>();
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                continue;
            }
            try {
                byte[] bytes = SafeFiles.read(f, SafeFiles.SMALL_FILE_LIMIT);
                if (hasPemBlock(bytes)) {
                    out.add(ByteString.copyFrom(bytes));
                }
            } catch (IOException e) {
                // Fabric: "Failed reading file %s" is a warning
            }
        }
        return out;
    }

    /** Whether Go's {@code pem.Decode} would find a block: a BEGIN line with a matching END line. */
    static boolean hasPemBlock(byte[] bytes) {
        String s = new String(bytes, StandardCharsets.ISO_8859_1);
        int begin = s.indexOf("-----BEGIN ");
        if (begin < 0) {
            return false;
        }
        int typeEnd = s.indexOf("-----", begin + 11);
        if (typeEnd < 0) {
            return false;
        }
        String type = s.substring(begin + 11, typeEnd);
        return s.indexOf("-----END " + type + "-----", typeEnd) > 0;
    }
}
