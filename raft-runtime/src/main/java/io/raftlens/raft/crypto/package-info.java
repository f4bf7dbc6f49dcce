/**
 * cryptogen in Java: crypto-config.yaml, certificate authorities and MSP/TLS folders exactly as Fabric's
 * {@code cryptogen} ({@code cmd/cryptogen}, {@code internal/cryptogen/{ca,csp,msp}}) writes them — ECDSA P-256
 * keys in PKCS#8 {@code priv_sk} files readable by the owner only, certificates with cryptogen's subjects, SANs,
 * key usages and ten-year validity — and {@link io.raftlens.raft.crypto.CryptoMaterial} to read an identity back.
 * Depends on the JDK, BouncyCastle and snakeyaml-engine only; the transport's development CA is built on it.
 */
package io.raftlens.raft.crypto;
