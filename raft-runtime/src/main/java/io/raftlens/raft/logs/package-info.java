/**
 * Election timelines from real orderer logs: a streaming reader of Fabric orderer (and etcd) log lines, the
 * per-channel election model built from them, the findings a person should act on, and renderers (text, JSON,
 * Markdown, SVG).
 *
 * <p>Flow: {@link io.raftlens.raft.logs.LineDecoder} takes one raw line (any Fabric 1.4/2.x/3.x console format,
 * {@code FABRIC_LOGGING_FORMAT=json} or logfmt, docker/compose/kubectl/journald prefixes, ANSI colours) to a
 * {@link io.raftlens.raft.logs.DecodedLine} (time, channel, node field, message);
 * {@link io.raftlens.raft.logs.RaftLogMessages} recognises etcd raft's and Fabric's wordings of every version in the
 * message and yields a {@link io.raftlens.raft.logs.LogEvent}; {@link io.raftlens.raft.logs.Timeline} folds events
 * into one {@link io.raftlens.raft.logs.ChannelTimeline} per channel. {@link io.raftlens.raft.logs.TimelineReader}
 * streams files or stdin through this without holding the log (memory is bounded by the caps in
 * {@link io.raftlens.raft.logs.ChannelTimeline}).
 *
 * <p>Depends on the JDK and Jackson's streaming writer only: no network, no LSP, no Raft core, so that the command
 * line and the editor use the same model.
 */
package io.raftlens.raft.logs;
