package io.raftlens.raft.fabric.policy;

import io.raftlens.raft.fabric.msp.MspException;
import io.raftlens.raft.fabric.msp.MspIdentity;
import java.util.Objects;

/**
 * Fabric's protoutil.SignedData: the signed bytes, the signer's SerializedIdentity and the signature. It also
 * remembers the outcome of verifying its signature with the identity last used: an ImplicitMeta policy evaluates
 * the same signature set against every organization's sub-policy in turn (Fabric verifies the signature again for
 * each), and the answer cannot differ between them, so a client of the second organization costs one verification,
 * not two. (Like a record: equal when its three arrays are the same arrays.)
 */
public final class SignedData {
    private final byte[] data;
    private final byte[] identity;
    private final byte[] signature;
    private volatile Verification verified;

    private record Verification(MspIdentity by, MspException failure) {
    }

    public SignedData(byte[] data, byte[] identity, byte[] signature) {
        this.data = data;
        this.identity = identity;
        this.signature = signature;
    }

    public byte[] data() {
        return data;
    }

    public byte[] identity() {
        return identity;
    }

    public byte[] signature() {
        return signature;
    }

    /** {@code id.verify(data, signature)}, answered from memory when {@code id} (the same instance) verified it before. */
    void verifyWith(MspIdentity id) throws MspException {
        Verification v = verified;
        if (v == null || v.by() != id) {
            MspException failure = null;
            try {
                id.verify(data, signature);
            } catch (MspException e) {
                failure = e;
            }
            v = new Verification(id, failure);
            verified = v;
        }
        if (v.failure() != null) {
            throw v.failure();
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignedData s && s.data == data && s.identity == identity && s.signature == signature;
    }

    @Override
    public int hashCode() {
        return Objects.hash(System.identityHashCode(data), System.identityHashCode(identity), System.identityHashCode(signature));
    }

    @Override
    public String toString() {
        return "SignedData[data=" + data.length + " bytes, identity=" + identity.length + " bytes, signature="
                + signature.length + " bytes]";
    }
}
