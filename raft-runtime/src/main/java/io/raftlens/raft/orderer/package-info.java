/**
 * Ordering per channel: Fabric's block cutter ({@link io.raftlens.raft.orderer.BlockCutter}), Fabric
 * {@code common.Block}s with Fabric's header and data hashes and etcdraft metadata
 * ({@link io.raftlens.raft.orderer.Blocks}, {@link io.raftlens.raft.orderer.BlockFactory},
 * {@link io.raftlens.raft.orderer.GenesisBlock}), the block ledger ({@link io.raftlens.raft.orderer.FileLedger})
 * and the ledger tools ({@link io.raftlens.raft.orderer.LedgerVerifier},
 * {@link io.raftlens.raft.orderer.LedgerDumper}).
 *
 * <h2>Data layout of a node</h2>
 * <pre>
 * DATA_DIR/                         the network's data dir (raftlens launch --data-dir)
 *   &lt;consenter host&gt;/               one node, e.g. orderer3.example.com  (NODE_DIR)
 *     wal/&lt;channel&gt;/                Raft WAL segments  %016x-%016x.wal     (or Consensus.WALDir/&lt;channel&gt;)
 *     snap/&lt;channel&gt;/               Raft snapshots     %016x-%016x.snap    (or Consensus.SnapDir/&lt;channel&gt;)
 *     ledger/&lt;channel&gt;/             blocks: blockfile_000000, … and index
 * </pre>
 * {@link io.raftlens.raft.orderer.LedgerDirectory} resolves these paths and lists a node's channels;
 * {@code raftlens ledger verify|dump NODE_DIR} reads {@code ledger/}.
 *
 * <h2>Blocks</h2>
 * The leader cuts batches with the BlockCutter, turns each into the next block with a BlockFactory (number,
 * previous hash = SHA-256 of the DER header of the block before, data hash = SHA-256 of the concatenated
 * envelopes) and proposes the marshaled block to Raft. Every node, when the entry commits, adds the metadata
 * with {@link io.raftlens.raft.orderer.Blocks#withOrdererMetadata} (raft index = the entry's index) and
 * appends it to its FileLedger — so all nodes' ledgers hold identical blocks.
 */
package io.raftlens.raft.orderer;
