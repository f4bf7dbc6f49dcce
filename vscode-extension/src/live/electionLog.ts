// Election log: compares each channel status with the previous one and writes what changed in
// the etcd/Fabric log style the article teaches ("3 became leader at term 2",
// "raft.node: 1 elected leader 3 at term 2"). The entries also feed the client-side timeline.
import { ChannelStatus, NodeStatus } from './networkStatus';

export interface ElectionEvent {
  time: Date;
  uri: string;
  channel: string;
  nodeId: number;
  node: string;
  /** "became leader", "stopped", "elected leader orderer3.example.com", "lost leader" … */
  event: string;
  term: number;
}

const MAX_EVENTS = 1000;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** 2026-11-26 14:03:00.123 UTC, as Fabric prints timestamps */
export function fabricTime(t: Date): string {
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())} ` +
    `${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}.${pad(t.getUTCMilliseconds(), 3)} UTC`;
}

function leaderOf(status: ChannelStatus): NodeStatus | undefined {
  return status.nodes.filter((n) => n.role === 'leader').sort((a, b) => b.term - a.term)[0];
}

export class ElectionLog {
  private readonly previous = new Map<string, ChannelStatus>();
  private readonly events: ElectionEvent[] = [];

  /** Records the changes since the last status of this channel and returns them as log lines. */
  observe(status: ChannelStatus, now: Date): string[] {
    const key = `${status.uri}#${status.channel}`;
    const before = this.previous.get(key);
    const found: ElectionEvent[] = [];
    const add = (node: NodeStatus, event: string, term = node.term) =>
      found.push({ time: now, uri: status.uri, channel: status.channel, nodeId: node.id, node: node.name, event, term });

    if (status.nodes.length === 0) {
      // an empty channel name means every channel of that file stopped
      const gone = [...this.previous.keys()].filter((k) => (status.channel === '' ? k.startsWith(`${status.uri}#`) : k === key));
      gone.forEach((k) => this.previous.delete(k));
      return gone.length > 0 ? [`${fabricTime(now)} INFO [raftlens] network stopped channel=${status.channel || '*'} (${status.uri})`] : [];
    }
    for (const node of status.nodes) {
      const old = before?.nodes.find((n) => n.id === node.id);
      if (old?.role === node.role && (node.role === 'stopped' || old.term === node.term)) {
        continue;
      }
      if (node.role === 'stopped') {
        add(node, 'stopped');
      } else if (node.role === 'evicted') {
        add(node, 'evicted: removed from the consenter set');
      } else if (old?.role === 'stopped') {
        add(node, `started as ${node.role}`);
      } else {
        // etcd logs "became follower at term N" again when a higher term reaches a follower
        add(node, `became ${node.role}`);
      }
    }
    const oldLeader = before ? leaderOf(before) : undefined;
    const newLeader = leaderOf(status);
    if (newLeader && (newLeader.id !== oldLeader?.id || newLeader.term !== oldLeader?.term)) {
      add(newLeader, `elected leader ${newLeader.name}`);
    } else if (!newLeader && oldLeader) {
      add(oldLeader, `lost leader ${oldLeader.name}`, Math.max(...status.nodes.map((n) => n.term)));
    }
    this.previous.set(key, status);
    this.events.push(...found);
    if (this.events.length > MAX_EVENTS) {
      this.events.splice(0, this.events.length - MAX_EVENTS);
    }
    return found.map((e) => formatEvent(e));
  }

  /** the events so far, oldest first, optionally of one file's channels */
  history(uri?: string): ElectionEvent[] {
    return uri === undefined ? [...this.events] : this.events.filter((e) => e.uri === uri);
  }
}

/** etcd/Fabric style: `… [orderer.consensus.etcdraft] 3 became leader at term 2 channel=mychannel node=3` */
export function formatEvent(e: ElectionEvent): string {
  const head = `${fabricTime(e.time)} INFO [orderer.consensus.etcdraft]`;
  const tail = `channel=${e.channel} node=${e.nodeId}`;
  if (e.event.startsWith('elected leader')) {
    return `${head} raft.node: ${e.nodeId} elected leader ${e.nodeId} at term ${e.term} ${tail} (${e.node})`;
  }
  if (e.event.startsWith('lost leader')) {
    return `${head} raft.node: lost leader ${e.nodeId} at term ${e.term} ${tail} (${e.node})`;
  }
  if (e.event === 'stopped') {
    return `${head} ${e.nodeId} stopped ${tail} (${e.node})`;
  }
  return `${head} ${e.nodeId} ${e.event} at term ${e.term} ${tail} (${e.node})`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** Markdown table of the observed events, for the preview when the server offers no timeline. */
export function timelineMarkdown(events: readonly ElectionEvent[], title: string): string {
  const lines = [`# Election timeline — ${title}`, ''];
  if (events.length === 0) {
    lines.push('No election observed yet. Launch the network (RaftLens: Launch network) and stop or kill the leader.');
    return lines.join('\n') + '\n';
  }
  const t0 = events[0].time.getTime();
  lines.push(
    'Observed by the editor from the network status the server pushes; short-lived states between two updates may not appear.',
    '',
    '| time (UTC) | +ms | channel | node | event | term |',
    '|---|---:|---|---|---|---:|',
  );
  for (const e of events) {
    lines.push(`| ${fabricTime(e.time).slice(11, 23)} | ${e.time.getTime() - t0} | ${cell(e.channel)} | ${cell(e.node)} | ${cell(e.event)} | ${e.term} |`);
  }
  return lines.join('\n') + '\n';
}

/** A line of the server's own Raft log (Fabric's format: `… INFO [orderer.consensus.etcdraft] becomeLeader -> …`). */
export function isRaftLogLine(line: string): boolean {
  return line.includes('[orderer.consensus.etcdraft]');
}

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

/** The level of a server stderr line, so the output channel does not mark every log line as an error. */
export function serverLogLevel(line: string): LogLevel {
  if (/\b(ERRO|ERROR|FATAL|PANI|PANIC|SEVERE)\b/.test(line) || /^\s+at \S+\(/.test(line) || /^\S*(Exception|Error)\b/.test(line)) {
    return 'error';
  }
  if (/\bWARN(ING)?\b/.test(line)) {
    return 'warn';
  }
  if (/\b(DEBU|DEBUG|TRACE)\b/.test(line)) {
    return 'debug';
  }
  return 'info';
}
