/**
 * Reading a real Fabric orderer's block ledger — the production directory {@code FileLedger.Location}
 * ({@code /var/hyperledger/production/orderer}) with {@code chains/<channel>/blockfile_NNNNNN} — in Fabric's own
 * format ({@code common/ledger/blkstorage}: each record is a varint length and the block as
 * {@code block_serialization.go serializeBlock} lays it out), and verifying it: block numbers, the previous-hash
 * chain and data hashes, with a hook for the orderer signatures against BlockValidation.
 *
 * <p>Separate from RaftLens's own ledger ({@code io.raftlens.raft.orderer}, CRC-framed records): this package
 * reads files other programs wrote and never writes to them. Depends on the Fabric protos and
 * {@link io.raftlens.raft.orderer.Blocks} (Fabric's header and data hash rules).
 */
package io.raftlens.raft.fabricledger;
