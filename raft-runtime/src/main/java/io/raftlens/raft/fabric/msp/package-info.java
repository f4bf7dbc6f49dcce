/**
 * Fabric's X.509 MSP ({@code msp/mspimpl.go}, {@code mspimplsetup.go}, {@code mspimplvalidate.go},
 * {@code identities.go}, {@code mspmgrimpl.go}, {@code cache/cache.go}): an {@link io.raftlens.raft.fabric.msp.FabricMsp}
 * set up from a channel config's {@code FabricMSPConfig}, identities deserialized from {@code SerializedIdentity},
 * certificate chains to the root and intermediate CAs, CRLs, OU and NodeOU classification, admin certificates,
 * principals (role, identity, OU, combined, anonymity) and ECDSA signatures with Fabric's low-S rule.
 * Depends on the JDK, BouncyCastle and fabric-protos only.
 */
package io.raftlens.raft.fabric.msp;
