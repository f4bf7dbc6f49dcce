package io.raftlens.raft.fabric.policy;

/** Fabric's protoutil.SignedData: the signed bytes, the signer's SerializedIdentity and the signature. */
public record SignedData(byte[] data, byte[] identity, byte[] signature) {
}
