package io.raftlens.raft.fabric.msp;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.util.io.pem.PemObject;
import org.hyperledger.fabric.protos.common.CombinedPrincipal;
import org.hyperledger.fabric.protos.common.MSPIdentityAnonymity;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.OrganizationUnit;
import org.hyperledger.fabric.protos.msp.FabricMSPConfig;
import org.hyperledger.fabric.protos.msp.FabricOUIdentifier;
import org.hyperledger.fabric.protos.msp.MSPConfig;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/**
 * Fabric's X.509 MSP ({@code bccspmsp}) set up from a {@code FabricMSPConfig} as a channel config carries it:
 * root and intermediate CAs (sanitized, each a CA), CRLs, OU identifiers, NodeOUs, admins; then deserializes
 * identities, validates them and checks principals with the behaviour of the channel's MSP version. Deserialized
 * identities, validation results and principal checks are cached (bounded, 100 entries each, as Fabric's
 * {@code msp/cache}).
 */
public final class FabricMsp {
    /** MSPConfig.type of an X.509 MSP (FABRIC); 1 is IDEMIX. */
    public static final int TYPE_FABRIC = 0;
    static final int CACHE_SIZE = 100;

    private final String name;
    private final MspVersion version;
    private final String signatureDigest;
    private final String idDigest;
    private final List<X509Certificate> roots = new ArrayList<>();
    private final List<X509Certificate> intermediates = new ArrayList<>();
    private final Set<ByteBuffer> internalNodes = new HashSet<>();
    private final List<X509CRL> crls = new ArrayList<>();
    private final List<MspIdentity> admins = new ArrayList<>();
    private final Map<String, List<byte[]>> ouIdentifiers = new HashMap<>();
    private boolean ouEnforcement;
    private OuIdentifier clientOu;
    private OuIdentifier peerOu;
    private OuIdentifier adminOu;
    private OuIdentifier ordererOu;
    private CertificateChains chains;
    private final BoundedCache<ByteString, MspIdentity> deserialized = new BoundedCache<>(CACHE_SIZE);
    private final BoundedCache<PrincipalKey, String> principalChecks = new BoundedCache<>(CACHE_SIZE);

    private record PrincipalKey(String identity, ByteString principal) {
    }

    private FabricMsp(String name, MspVersion version, String signatureDigest, String idDigest) {
        this.name = name;
        this.version = version;
        this.signatureDigest = signatureDigest;
        this.idDigest = idDigest;
    }

    /** An MSP from an {@code MSPConfig} (type FABRIC); MspException with Fabric's setup error otherwise. */
    public static FabricMsp fromConfig(MSPConfig config, MspVersion version) throws MspException {
        if (config.getType() != TYPE_FABRIC) {
            throw new MspException("setup error: unsupported msp type " + config.getType()
                    + " (only X.509 MSPs, type 0, are supported)");
        }
        try {
            return fromConfig(FabricMSPConfig.parseFrom(config.getConfig()), version);
        } catch (InvalidProtocolBufferException e) {
            throw new MspException("failed unmarshalling fabric msp config: " + e.getMessage());
        }
    }

    public static FabricMsp fromConfig(FabricMSPConfig conf, MspVersion version) throws MspException {
        if (conf.getName().isEmpty()) {
            throw new MspException("setup error: nil conf reference or empty MSP name");
        }
        String sigFamily = conf.hasCryptoConfig() && !conf.getCryptoConfig().getSignatureHashFamily().isEmpty()
                ? conf.getCryptoConfig().getSignatureHashFamily() : "SHA2";
        String idFunction = conf.hasCryptoConfig() && !conf.getCryptoConfig().getIdentityIdentifierHashFunction().isEmpty()
                ? conf.getCryptoConfig().getIdentityIdentifierHashFunction() : "SHA256";
        FabricMsp msp = new FabricMsp(conf.getName(), version, HashFunctions.signatureDigestFor(sigFamily),
                HashFunctions.digestFor(idFunction));
        try {
            msp.setup(conf);
        } catch (MspException e) {
            throw e.wrap("setting up the MSP manager failed: MSP " + conf.getName());
        }
        return msp;
    }

    private void setup(FabricMSPConfig conf) throws MspException {
        setupCas(conf);
        setupCrls(conf);
        finalizeSetupCas();
        setupOus(conf);
        if (version.atLeast(MspVersion.V1_4_3)) {
            setupNodeOusV142(conf);
        } else if (version.atLeast(MspVersion.V1_1)) {
            setupNodeOusV11(conf);
        }
        setupAdmins(conf);
        postSetup();
    }

    private void setupCas(FabricMSPConfig conf) throws MspException {
        if (conf.getRootCertsCount() == 0) {
            throw new MspException("expected at least one CA certificate");
        }
        List<X509Certificate> rawRoots = new ArrayList<>();
        for (ByteString b : conf.getRootCertsList()) {
            rawRoots.add(Certificates.fromPem(b.toByteArray()));
        }
        List<X509Certificate> rawMids = new ArrayList<>();
        for (ByteString b : conf.getIntermediateCertsList()) {
            rawMids.add(Certificates.fromPem(b.toByteArray()));
        }
        chains = new CertificateChains(rawRoots, rawMids);
        for (X509Certificate c : rawRoots) {
            roots.add(sanitize(c));
        }
        for (X509Certificate c : rawMids) {
            intermediates.add(sanitize(c));
        }
        chains = new CertificateChains(roots, intermediates);
    }

    private void setupCrls(FabricMSPConfig conf) throws MspException {
        for (ByteString b : conf.getRevocationListList()) {
            crls.add(Certificates.crlFromPem(b.toByteArray()));
        }
    }

    private void finalizeSetupCas() throws MspException {
        List<X509Certificate> all = new ArrayList<>(roots);
        all.addAll(intermediates);
        for (X509Certificate c : all) {
            if (c.getBasicConstraints() < 0) {
                throw new MspException("CA Certificate did not have the CA attribute, (SN: " + c.getSerialNumber().toString(16) + ")");
            }
            try {
                Certificates.subjectKeyIdentifier(c);
            } catch (MspException e) {
                throw e.wrap("CA Certificate problem with Subject Key Identifier extension, (SN: " + c.getSerialNumber().toString(16) + ")");
            }
            try {
                List<X509Certificate> chain = uniqueChain(c);
                if (chain.size() > 1) {
                    checkRevocation(c, chain);
                }
            } catch (MspException e) {
                throw e.wrap("CA Certificate is not valid, (SN: " + c.getSerialNumber() + ")");
            }
        }
        for (X509Certificate mid : intermediates) {
            List<X509Certificate> chain;
            try {
                chain = uniqueChain(mid);
            } catch (MspException e) {
                throw e.wrap("failed getting validation chain, (SN: " + mid.getSerialNumber() + ")");
            }
            for (int i = 1; i < chain.size(); i++) {
                internalNodes.add(ByteBuffer.wrap(encoded(chain.get(i))));
            }
        }
    }

    private void setupOus(FabricMSPConfig conf) throws MspException {
        for (FabricOUIdentifier ou : conf.getOrganizationalUnitIdentifiersList()) {
            byte[] certifiers = certifiersIdentifier(ou.getCertificate().toByteArray());
            List<byte[]> ids = ouIdentifiers.computeIfAbsent(ou.getOrganizationalUnitIdentifier(), k -> new ArrayList<>());
            if (ids.stream().noneMatch(x -> Arrays.equals(x, certifiers))) {
                ids.add(certifiers);
            }
        }
    }

    private void setupNodeOusV11(FabricMSPConfig conf) throws MspException {
        if (!conf.hasFabricNodeOus()) {
            ouEnforcement = false;
            return;
        }
        var n = conf.getFabricNodeOus();
        ouEnforcement = n.getEnable();
        if (!n.hasClientOuIdentifier()) {
            throw new MspException("Failed setting up NodeOUs. ClientOU must be different from nil.");
        }
        if (!n.hasPeerOuIdentifier()) {
            throw new MspException("Failed setting up NodeOUs. PeerOU must be different from nil.");
        }
        clientOu = nodeOu(n.getClientOuIdentifier());
        peerOu = nodeOu(n.getPeerOuIdentifier());
    }

    private void setupNodeOusV142(FabricMSPConfig conf) throws MspException {
        if (!conf.hasFabricNodeOus()) {
            ouEnforcement = false;
            return;
        }
        var n = conf.getFabricNodeOus();
        ouEnforcement = n.getEnable();
        clientOu = n.hasClientOuIdentifier() ? nodeOu(n.getClientOuIdentifier()) : null;
        peerOu = n.hasPeerOuIdentifier() ? nodeOu(n.getPeerOuIdentifier()) : null;
        adminOu = n.hasAdminOuIdentifier() ? nodeOu(n.getAdminOuIdentifier()) : null;
        ordererOu = n.hasOrdererOuIdentifier() ? nodeOu(n.getOrdererOuIdentifier()) : null;
        if (clientOu == null && peerOu == null && adminOu == null && ordererOu == null) {
            ouEnforcement = false;
        }
    }

    private OuIdentifier nodeOu(FabricOUIdentifier id) throws MspException {
        byte[] certifiers = id.getCertificate().isEmpty() ? new byte[0] : certifiersIdentifier(id.getCertificate().toByteArray());
        return new OuIdentifier(id.getOrganizationalUnitIdentifier(), certifiers);
    }

    private void setupAdmins(FabricMSPConfig conf) throws MspException {
        for (ByteString b : conf.getAdminsList()) {
            X509Certificate cert = Certificates.fromPem(b.toByteArray());
            admins.add(newIdentity(cert));
        }
        if (version.atLeast(MspVersion.V1_4_3) && admins.isEmpty() && (!ouEnforcement || adminOu == null)) {
            throw new MspException("administrators must be declared when no admin ou classification is set");
        }
    }

    private void postSetup() throws MspException {
        if (!ouEnforcement || version == MspVersion.V1_0) {
            for (int i = 0; i < admins.size(); i++) {
                try {
                    admins.get(i).validate();
                } catch (MspException e) {
                    throw e.wrap("admin " + i + " is invalid");
                }
            }
            return;
        }
        for (int i = 0; i < admins.size(); i++) {
            MspIdentity admin = admins.get(i);
            if (version.atLeast(MspVersion.V1_4_3)) {
                String e1 = ouRoleError(admin, MSPRole.MSPRoleType.CLIENT);
                String e2 = ouRoleError(admin, MSPRole.MSPRoleType.ADMIN);
                if (e1 != null && e2 != null) {
                    throw new MspException("admin " + i + " is invalid [" + e1 + "," + e2 + "]");
                }
            } else {
                try {
                    satisfiesPrincipal(admin, role(MSPRole.MSPRoleType.CLIENT));
                } catch (MspException e) {
                    throw e.wrap("admin " + i + " is invalid");
                }
            }
        }
    }

    private MSPPrincipal role(MSPRole.MSPRoleType type) {
        return MSPPrincipal.newBuilder().setPrincipalClassification(MSPPrincipal.Classification.ROLE)
                .setPrincipal(MSPRole.newBuilder().setRole(type).setMspIdentifier(name).build().toByteString()).build();
    }

    public String name() {
        return name;
    }

    public MspVersion version() {
        return version;
    }

    String signatureDigest() {
        return signatureDigest;
    }

    /** The root CA certificates (sanitized), e.g. to verify a consenter's certificate chain. */
    public List<X509Certificate> rootCerts() {
        return List.copyOf(roots);
    }

    /** Fabric's DeserializeIdentity: a SerializedIdentity of this MSP (cached). */
    public MspIdentity deserializeIdentity(byte[] serialized) throws MspException {
        SerializedIdentity sid;
        try {
            sid = SerializedIdentity.parseFrom(serialized);
        } catch (InvalidProtocolBufferException e) {
            throw new MspException("could not deserialize a SerializedIdentity: " + e.getMessage());
        }
        if (!sid.getMspid().equals(name)) {
            throw new MspException("expected MSP ID " + name + ", received " + sid.getMspid());
        }
        return deserializeIdBytes(sid.getIdBytes());
    }

    /** The identity of a PEM certificate (SerializedIdentity.id_bytes) of this MSP (cached). */
    MspIdentity deserializeIdBytes(ByteString idBytes) throws MspException {
        MspIdentity cached = deserialized.get(idBytes);
        if (cached != null) {
            return cached;
        }
        PemObject block = Certificates.firstPemBlock(idBytes.toByteArray());
        X509Certificate cert = Certificates.parse(block.getContent());
        MspIdentity id = newIdentity(cert);
        deserialized.put(idBytes, id);
        return id;
    }

    /** Fabric's newIdentity: sanitize the certificate, id = hex hash of its DER. */
    private MspIdentity newIdentity(X509Certificate cert) throws MspException {
        X509Certificate sanitized = sanitize(cert);
        return new MspIdentity(this, sanitized, MspIdentity.hex(HashFunctions.digest(idDigest, encoded(sanitized))));
    }

    /** Fabric's sanitizeCert: low-S signature relative to the issuer found through this MSP's chains. */
    private X509Certificate sanitize(X509Certificate cert) throws MspException {
        if (!Certificates.isEcdsaSigned(cert)) {
            return cert;
        }
        if (cert.getBasicConstraints() >= 0 && Certificates.signedBy(cert, cert)) {
            return Certificates.sanitize(cert, cert);
        }
        List<X509Certificate> chain = uniqueChain(cert);
        if (chain.size() <= 1) {
            throw new MspException("failed to traverse certificate verification chain for leaf or intermediate certificate, with subject "
                    + cert.getSubjectX500Principal().getName());
        }
        return Certificates.sanitize(cert, chain.get(1));
    }

    /** Fabric's getUniqueValidationChain. */
    private List<X509Certificate> uniqueChain(X509Certificate cert) throws MspException {
        List<List<X509Certificate>> all;
        try {
            all = chains.verify(cert);
        } catch (MspException e) {
            throw e.wrap("the supplied identity is not valid");
        }
        if (all.size() != 1) {
            throw new MspException("this MSP only supports a single validation chain, got " + all.size());
        }
        return all.get(0);
    }

    /** Fabric's getValidationChain: at least two long, the issuer a leaf of the certification tree. */
    private List<X509Certificate> validationChain(X509Certificate cert, boolean intermediateChain) throws MspException {
        List<X509Certificate> chain;
        try {
            chain = uniqueChain(cert);
        } catch (MspException e) {
            throw e.wrap("failed getting validation chain");
        }
        if (chain.size() < 2) {
            throw new MspException("expected a chain of length at least 2, got " + chain.size());
        }
        int parent = intermediateChain ? 0 : 1;
        if (internalNodes.contains(ByteBuffer.wrap(encoded(chain.get(parent))))) {
            throw new MspException("invalid validation chain. Parent certificate should be a leaf of the certification tree");
        }
        return chain;
    }

    private List<X509Certificate> certificationChain(MspIdentity id) throws MspException {
        if (id.certificate().getBasicConstraints() >= 0) {
            throw new MspException("An X509 certificate with Basic Constraint: Certificate Authority equals true cannot be used as an identity");
        }
        return validationChain(id.certificate(), false);
    }

    private byte[] chainIdentifier(List<X509Certificate> chain) {
        byte[][] parts = new byte[chain.size()][];
        for (int i = 0; i < chain.size(); i++) {
            parts[i] = encoded(chain.get(i));
        }
        return HashFunctions.digest(idDigest, parts);
    }

    /** Fabric's getCertifiersIdentifier for an OU identifier's certificate (a root or intermediate of this MSP). */
    private byte[] certifiersIdentifier(byte[] pem) throws MspException {
        X509Certificate cert = sanitize(Certificates.fromPem(pem));
        if (roots.contains(cert)) {
            return chainIdentifier(List.of(cert));
        }
        if (!intermediates.contains(cert)) {
            throw new MspException("Failed adding OU. Certificate [" + cert.getSubjectX500Principal().getName()
                    + "] not in root or intermediate certs.");
        }
        return chainIdentifier(validationChain(cert, true));
    }

    List<OuIdentifier> organizationalUnits(MspIdentity id) {
        byte[] cid;
        try {
            List<X509Certificate> chain = certificationChain(id);
            cid = chainIdentifier(chain.subList(1, chain.size()));
        } catch (MspException e) {
            return List.of();
        }
        List<OuIdentifier> out = new ArrayList<>();
        for (String ou : SubjectNames.organizationalUnits(id.certificate())) {
            out.add(new OuIdentifier(ou, cid));
        }
        return out;
    }

    /** Fabric's validateIdentity (without the cache, which lives in MspIdentity). */
    void validateIdentity(MspIdentity id) throws MspException {
        X509Certificate cert = id.certificate();
        boolean supported = cert.getPublicKey() instanceof ECPublicKey
                || (version.atLeast(MspVersion.V3_0) && "EdDSA".equals(cert.getPublicKey().getAlgorithm()))
                || (version.atLeast(MspVersion.V3_0) && "Ed25519".equals(cert.getPublicKey().getAlgorithm()));
        if (!supported) {
            throw new MspException("could not validate identity's public key algorithm: "
                    + cert.getPublicKey().getAlgorithm() + " is not supported");
        }
        List<X509Certificate> chain;
        try {
            chain = certificationChain(id);
        } catch (MspException e) {
            throw e.wrap("could not obtain certification chain");
        }
        try {
            checkRevocation(cert, chain);
        } catch (MspException e) {
            throw e.wrap("could not validate identity against certification chain");
        }
        try {
            validateOus(id);
        } catch (MspException e) {
            throw e.wrap("could not validate identity's OUs");
        }
    }

    /** Fabric's validateCertAgainstChain: revoked by a CRL of the signing CA. */
    private void checkRevocation(X509Certificate cert, List<X509Certificate> chain) throws MspException {
        byte[] ski;
        try {
            ski = Certificates.subjectKeyIdentifier(chain.get(1));
        } catch (MspException e) {
            throw e.wrap("could not obtain Subject Key Identifier for signer cert");
        }
        for (X509CRL crl : crls) {
            byte[] aki;
            try {
                aki = Certificates.authorityKeyIdentifier(crl);
            } catch (MspException e) {
                throw e.wrap("could not obtain Authority Key Identifier for crl");
            }
            if (!Arrays.equals(aki, ski)) {
                continue;
            }
            X509CRLEntry entry = crl.getRevokedCertificate(cert.getSerialNumber());
            if (entry == null) {
                continue;
            }
            try {
                crl.verify(chain.get(1).getPublicKey());
            } catch (java.security.GeneralSecurityException e) {
                continue; // Fabric: a CRL with this AKI not signed by the CA is skipped
            }
            throw new MspException("The certificate has been revoked");
        }
    }

    private void validateOus(MspIdentity id) throws MspException {
        List<OuIdentifier> ous = id.organizationalUnits();
        if (!ouIdentifiers.isEmpty()) {
            boolean found = false;
            for (OuIdentifier ou : ous) {
                List<byte[]> certifiers = ouIdentifiers.get(ou.organizationalUnit());
                if (certifiers != null && certifiers.stream().anyMatch(ou::sameCertifiers)) {
                    found = true;
                }
            }
            if (!found) {
                if (ous.isEmpty()) {
                    throw new MspException("the identity certificate does not contain an Organizational Unit (OU)");
                }
                throw new MspException("none of the identity's organizational units " + ous + " are in MSP " + name);
            }
        }
        if (!ouEnforcement || version == MspVersion.V1_0) {
            return;
        }
        Map<String, OuIdentifier> valid = new HashMap<>();
        boolean v142 = version.atLeast(MspVersion.V1_4_3);
        for (OuIdentifier n : v142 ? new OuIdentifier[] {clientOu, peerOu, adminOu, ordererOu} : new OuIdentifier[] {clientOu, peerOu}) {
            if (n != null) {
                valid.putIfAbsent(n.organizationalUnit(), n);
            }
        }
        int counter = 0;
        for (OuIdentifier ou : ous) {
            OuIdentifier nodeOu = valid.get(ou.organizationalUnit());
            if (nodeOu == null) {
                continue;
            }
            if (nodeOu.certifiersIdentifier().length != 0 && !nodeOu.sameCertifiers(ou.certifiersIdentifier())) {
                throw new MspException("certifiersIdentifier does not match: " + ous + ", MSP: [" + name + "]");
            }
            counter++;
            if (counter > 1) {
                break;
            }
        }
        if (counter == 0) {
            throw new MspException(v142
                    ? "the identity does not have an OU that resolves to client, peer, orderer, or admin role. OUs: " + ous + ", MSP: [" + name + "]"
                    : "the identity does not have an OU that resolves to client or peer. OUs: " + ous + ", MSP: [" + name + "]");
        }
        if (counter > 1) {
            throw new MspException(v142
                    ? "the identity must have a client, a peer, an orderer, or an admin OU role to be valid, not a combination of them. OUs: " + ous + ", MSP: [" + name + "]"
                    : "the identity must be a client or a peer identity to be valid, not a combination of them. OUs: " + ous + ", MSP: [" + name + "]");
        }
    }

    /** Fabric's hasOURole as an error message, or null when the identity has the role's OU. */
    private String ouRoleError(MspIdentity id, MSPRole.MSPRoleType role) {
        if (!ouEnforcement) {
            return "NodeOUs not activated. Cannot tell apart identities.";
        }
        OuIdentifier nodeOu = switch (role) {
            case CLIENT -> clientOu;
            case PEER -> peerOu;
            case ADMIN -> adminOu;
            case ORDERER -> ordererOu;
            default -> null;
        };
        if (role != MSPRole.MSPRoleType.CLIENT && role != MSPRole.MSPRoleType.PEER
                && role != MSPRole.MSPRoleType.ADMIN && role != MSPRole.MSPRoleType.ORDERER) {
            return "Invalid MSPRoleType. It must be CLIENT, PEER, ADMIN or ORDERER";
        }
        if (nodeOu == null) {
            return "cannot test for classification, node ou for type [" + role + "], not defined, msp: [" + name + "]";
        }
        for (OuIdentifier ou : id.organizationalUnits()) {
            if (ou.organizationalUnit().equals(nodeOu.organizationalUnit())) {
                return null;
            }
        }
        return "The identity does not contain OU [" + role + "], MSP: [" + name + "]";
    }

    private void hasOuRole(MspIdentity id, MSPRole.MSPRoleType role) throws MspException {
        String e = ouRoleError(id, role);
        if (e != null) {
            throw new MspException(e);
        }
    }

    private boolean isAdmin(MspIdentity id) {
        byte[] raw = encoded(id.certificate());
        for (MspIdentity a : admins) {
            if (Arrays.equals(raw, encoded(a.certificate()))) {
                return true;
            }
        }
        return false;
    }

    /** Fabric's SatisfiesPrincipal (cached per identity and principal, successes and failures alike). */
    public void satisfiesPrincipal(MspIdentity id, MSPPrincipal principal) throws MspException {
        String error = principalError(id, principal);
        if (error != null) {
            throw new MspException(error);
        }
    }

    /**
     * As {@link #satisfiesPrincipal}, answering Fabric's error message instead of throwing it, or null when the identity
     * satisfies the principal. Policy evaluation asks this: a signature policy {@code OR('Org1MSP.admin',
     * 'Org1MSP.client')} tries the admin principal first for every client's transaction, and a Java exception per
     * failed try (its stack trace filled in) cost more than the rest of the policy check.
     */
    public String principalError(MspIdentity id, MSPPrincipal principal) {
        PrincipalKey key = new PrincipalKey(id.id(), principal.toByteString());
        String cached = principalChecks.get(key);
        if (cached != null) {
            return cached.isEmpty() ? null : cached;
        }
        try {
            for (MSPPrincipal p : collectPrincipals(principal)) {
                satisfiesOne(id, p);
            }
            principalChecks.put(key, "");
            return null;
        } catch (MspException e) {
            principalChecks.put(key, e.getMessage());
            return e.getMessage();
        }
    }

    private List<MSPPrincipal> collectPrincipals(MSPPrincipal principal) throws MspException {
        if (principal.getPrincipalClassification() != MSPPrincipal.Classification.COMBINED) {
            return List.of(principal);
        }
        if (!version.atLeast(MspVersion.V1_3)) {
            throw new MspException("invalid principal type " + principal.getPrincipalClassificationValue());
        }
        CombinedPrincipal combined;
        try {
            combined = CombinedPrincipal.parseFrom(principal.getPrincipal());
        } catch (InvalidProtocolBufferException e) {
            throw new MspException("could not unmarshal CombinedPrincipal from principal: " + e.getMessage());
        }
        if (combined.getPrincipalsCount() == 0) {
            throw new MspException("No principals in CombinedPrincipal");
        }
        List<MSPPrincipal> out = new ArrayList<>();
        for (MSPPrincipal p : combined.getPrincipalsList()) {
            out.addAll(collectPrincipals(p));
        }
        return out;
    }

    private void satisfiesOne(MspIdentity id, MSPPrincipal principal) throws MspException {
        if (version.atLeast(MspVersion.V1_4_3) && principal.getPrincipalClassification() == MSPPrincipal.Classification.ROLE
                && ouEnforcement) {
            MSPRole role = parseRole(principal);
            if (!role.getMspIdentifier().equals(name)) {
                throw new MspException("the identity is a member of a different MSP (expected " + role.getMspIdentifier()
                        + ", got " + id.mspId() + ")");
            }
            if (role.getRole() == MSPRole.MSPRoleType.ADMIN) {
                if (isAdmin(id)) {
                    return;
                }
                validateAs(id);
                try {
                    hasOuRole(id, MSPRole.MSPRoleType.ADMIN);
                } catch (MspException e) {
                    throw e.wrap("The identity is not an admin under this MSP [" + name + "]");
                }
                return;
            }
            if (role.getRole() == MSPRole.MSPRoleType.ORDERER) {
                validateAs(id);
                try {
                    hasOuRole(id, MSPRole.MSPRoleType.ORDERER);
                } catch (MspException e) {
                    throw e.wrap("The identity is not a [ORDERER] under this MSP [" + name + "]");
                }
                return;
            }
        }
        if (version.atLeast(MspVersion.V1_3) && principal.getPrincipalClassification() == MSPPrincipal.Classification.ANONYMITY) {
            MSPIdentityAnonymity anon;
            try {
                anon = MSPIdentityAnonymity.parseFrom(principal.getPrincipal());
            } catch (InvalidProtocolBufferException e) {
                throw new MspException("could not unmarshal MSPIdentityAnonymity from principal: " + e.getMessage());
            }
            switch (anon.getAnonymityType()) {
                case ANONYMOUS -> throw new MspException("Principal is anonymous, but X.509 MSP does not support anonymous identities");
                case NOMINAL -> {
                    return;
                }
                default -> throw new MspException("Unknown principal anonymity type: " + anon.getAnonymityTypeValue());
            }
        }
        satisfiesPreV13(id, principal);
    }

    private void validateAs(MspIdentity id) throws MspException {
        try {
            id.validate();
        } catch (MspException e) {
            throw e.wrap("The identity is not valid under this MSP [" + name + "]");
        }
    }

    private static MSPRole parseRole(MSPPrincipal principal) throws MspException {
        try {
            return MSPRole.parseFrom(principal.getPrincipal());
        } catch (InvalidProtocolBufferException e) {
            throw new MspException("could not unmarshal MSPRole from principal: " + e.getMessage());
        }
    }

    private void satisfiesPreV13(MspIdentity id, MSPPrincipal principal) throws MspException {
        switch (principal.getPrincipalClassification()) {
            case ROLE -> {
                MSPRole role = parseRole(principal);
                if (!role.getMspIdentifier().equals(name)) {
                    throw new MspException("the identity is a member of a different MSP (expected " + role.getMspIdentifier()
                            + ", got " + id.mspId() + ")");
                }
                switch (role.getRole()) {
                    case MEMBER -> id.validate();
                    case ADMIN -> {
                        if (!isAdmin(id)) {
                            throw new MspException("This identity is not an admin");
                        }
                    }
                    case CLIENT, PEER -> {
                        validateAs(id);
                        try {
                            hasOuRole(id, role.getRole());
                        } catch (MspException e) {
                            throw e.wrap("The identity is not a [" + role.getRole() + "] under this MSP [" + name + "]");
                        }
                    }
                    default -> throw new MspException("invalid MSP role type " + role.getRoleValue());
                }
            }
            case IDENTITY -> {
                MspIdentity principalId;
                try {
                    principalId = deserializeIdentity(principal.getPrincipal().toByteArray());
                } catch (MspException e) {
                    throw e.wrap("invalid identity principal, not a certificate");
                }
                if (Arrays.equals(encoded(id.certificate()), encoded(principalId.certificate()))) {
                    principalId.validate();
                    return;
                }
                throw new MspException("The identities do not match");
            }
            case ORGANIZATION_UNIT -> {
                OrganizationUnit ou;
                try {
                    ou = OrganizationUnit.parseFrom(principal.getPrincipal());
                } catch (InvalidProtocolBufferException e) {
                    throw new MspException("could not unmarshal OrganizationUnit from principal: " + e.getMessage());
                }
                if (!ou.getMspIdentifier().equals(name)) {
                    throw new MspException("the identity is a member of a different MSP (expected " + ou.getMspIdentifier()
                            + ", got " + id.mspId() + ")");
                }
                id.validate();
                for (OuIdentifier o : id.organizationalUnits()) {
                    if (o.organizationalUnit().equals(ou.getOrganizationalUnitIdentifier())
                            && o.sameCertifiers(ou.getCertifiersIdentifier().toByteArray())) {
                        return;
                    }
                }
                throw new MspException("The identities do not match");
            }
            default -> throw new MspException("invalid principal type " + principal.getPrincipalClassificationValue());
        }
    }

    static byte[] encoded(X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unused")
    private static BigInteger serial(X509Certificate c) {
        return c.getSerialNumber();
    }
}
