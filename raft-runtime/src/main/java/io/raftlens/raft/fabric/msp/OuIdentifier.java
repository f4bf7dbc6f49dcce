package io.raftlens.raft.fabric.msp;

import java.util.Arrays;

/** An organizational unit and the hash of the CA chain that certifies it (Fabric's OUIdentifier). */
public record OuIdentifier(String organizationalUnit, byte[] certifiersIdentifier) {
    public OuIdentifier {
        certifiersIdentifier = certifiersIdentifier == null ? new byte[0] : certifiersIdentifier.clone();
    }

    @Override
    public byte[] certifiersIdentifier() {
        return certifiersIdentifier.clone();
    }

    boolean sameCertifiers(byte[] other) {
        return Arrays.equals(certifiersIdentifier, other);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OuIdentifier other && organizationalUnit.equals(other.organizationalUnit)
                && Arrays.equals(certifiersIdentifier, other.certifiersIdentifier);
    }

    @Override
    public int hashCode() {
        return organizationalUnit.hashCode() * 31 + Arrays.hashCode(certifiersIdentifier);
    }

    @Override
    public String toString() {
        return organizationalUnit;
    }
}
