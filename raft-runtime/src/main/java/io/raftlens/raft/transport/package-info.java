/**
 * The cluster transport between consenters: Netty 4.2 TCP, mutual TLS, length-prefixed protobuf
 * {@code ClusterFrame}s (transport.proto) carrying etcd-style Raft {@code Message}s per channel.
 *
 * <ul>
 *   <li><b>Who dials.</b> Links are directional, like Fabric's cluster streams: a node dials every peer it sends to
 *       and is the only sender on that connection; what the peer sends arrives on the connection the peer dialed.
 *       A pair of consenters thus has one connection per direction, each dialed by its sender.</li>
 *   <li><b>Handshake.</b> After TLS (JDK provider, TLS 1.3/1.2, client certificate required, server host name
 *       verified, optional pinning of the consenter's ServerTLSCert) the dialer sends {@code Hello{node_id}}; the
 *       acceptor answers {@code HelloAck} only if the client certificate is, byte for byte, the ClientTLSCert of
 *       that node id on one of its channels, else a {@code Refusal} with the reason, then closes. Every Raft frame
 *       is checked again against the consenters of its own channel.</li>
 *   <li><b>Duplicates.</b> If a node connects again while its old connection lingers, the acceptor keeps the newest
 *       authenticated connection and closes the older one; frames still arriving on the old one are dropped.</li>
 *   <li><b>Never blocking the Raft loop.</b> {@link io.raftlens.raft.transport.Transport#send} only offers to a
 *       bounded queue per (peer, channel) (General.Cluster.SendBufferSize); a full queue, a missing link or a cut
 *       link drops the message, counts it and returns false. Queues drain on the link's event loop, respecting
 *       Netty's write-buffer water marks.</li>
 *   <li><b>Reconnect.</b> Capped exponential backoff with jitter ({@link io.raftlens.raft.transport.Backoff}),
 *       reset when a link is accepted.</li>
 *   <li><b>Faults.</b> isolate / partition / heal drop messages in both directions at the transport while the
 *       connections stay open, so healing is immediate.</li>
 *   <li><b>Block pull.</b> A consenter behind a snapshot asks a peer for a block with a {@code BlockRequest} on
 *       the link it dialed ({@link io.raftlens.raft.transport.Transport#requestBlock}: bounded in flight, timed out,
 *       failed when the link closes); the peer answers on that link only if the requester is a consenter of the
 *       channel, reading its ledger through a {@link io.raftlens.raft.transport.BlockProvider} off the event
 *       loops.</li>
 *   <li><b>Forwarded transactions.</b> A follower hands a client's transaction to the leader with Fabric's
 *       {@code orderer.SubmitRequest} in a {@code submit_request} frame on the link it dialed
 *       ({@link io.raftlens.raft.transport.Transport#sendSubmit}: a bounded queue per (peer, channel) of its own,
 *       Fabric's {@code msg_type="transaction"}; the future completes once written, or fails with the reason); the
 *       leader hands it to {@link io.raftlens.raft.transport.InboundHandler#onSubmit} only if the sender is a
 *       consenter of the channel. Nothing is answered, as in Fabric.</li>
 *   <li><b>Certificates.</b> Real PEM files ({@link io.raftlens.raft.transport.TlsMaterial#fromPemFiles}) or a
 *       development CA in the data directory ({@link io.raftlens.raft.transport.DevCa}).</li>
 * </ul>
 */
package io.raftlens.raft.transport;
