package io.raftlens.raft.fabric.msp;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** BCCSP hash options by the names a FabricCryptoConfig uses ({@code bccsp.GetHashOpt}). */
final class HashFunctions {
    private HashFunctions() {
    }

    /** IdentityIdentifierHashFunction: SHA256, SHA384, SHA3_256, SHA3_384. */
    static String digestFor(String function) throws MspException {
        return switch (function) {
            case "SHA256" -> "SHA-256";
            case "SHA384" -> "SHA-384";
            case "SHA3_256" -> "SHA3-256";
            case "SHA3_384" -> "SHA3-384";
            default -> throw new MspException("hash function not recognized [" + function + "]");
        };
    }

    /** SignatureHashFamily: SHA2 → SHA-256, SHA3 → SHA3-256 (Fabric's getHashOpt for identities). */
    static String signatureDigestFor(String family) throws MspException {
        return switch (family) {
            case "SHA2" -> "SHA-256";
            case "SHA3" -> "SHA3-256";
            default -> throw new MspException("hash familiy not recognized [" + family + "]");
        };
    }

    static byte[] digest(String algorithm, byte[]... parts) {
        try {
            MessageDigest d = MessageDigest.getInstance(algorithm);
            for (byte[] p : parts) {
                d.update(p);
            }
            return d.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required of every JRE", e);
        }
    }
}
