// What the client knows about running networks: per config file (uri), per channel, the last
// status the server pushed. Summaries for the status bar and tree come from here.
import { ChannelStatus, NodeStatus, isUp, shortName } from './networkStatus';

export interface ChannelSummary {
  uri: string;
  channel: string;
  /** followed orderers: no term to show */
  attached: boolean;
  /** the node in role leader with the highest term, if any */
  leader?: NodeStatus;
  /** the leader's term, else the highest term any node knows */
  term: number;
  up: number;
  total: number;
  /** the highest block height of a running node */
  height: number;
}

export class NetworkState {
  private readonly networks = new Map<string, Map<string, ChannelStatus>>();

  /**
   * Records one notification. A channel whose node list is empty is gone; a notification without a
   * channel and without nodes means the whole network of that file stopped.
   */
  apply(status: ChannelStatus): void {
    if (status.nodes.length === 0) {
      if (status.channel === '') {
        this.networks.delete(status.uri);
        return;
      }
      const channels = this.networks.get(status.uri);
      channels?.delete(status.channel);
      if (channels && channels.size === 0) {
        this.networks.delete(status.uri);
      }
      return;
    }
    let channels = this.networks.get(status.uri);
    if (!channels) {
      channels = new Map();
      this.networks.set(status.uri, channels);
    }
    channels.set(status.channel, status);
  }

  clear(uri?: string): void {
    if (uri === undefined) {
      this.networks.clear();
    } else {
      this.networks.delete(uri);
    }
  }

  uris(): string[] {
    return [...this.networks.keys()].sort();
  }

  isRunning(uri: string): boolean {
    return this.networks.has(uri);
  }

  /** whether the file follows running orderers (raftlens.attachNetwork) rather than a network it launched */
  isAttached(uri: string): boolean {
    return [...(this.networks.get(uri)?.values() ?? [])].some((c) => c.attached === true);
  }

  /** channels of one file, sorted by name */
  channels(uri: string): ChannelStatus[] {
    const channels = this.networks.get(uri);
    return channels ? [...channels.values()].sort((a, b) => a.channel.localeCompare(b.channel)) : [];
  }

  channel(uri: string, channel: string): ChannelStatus | undefined {
    return this.networks.get(uri)?.get(channel);
  }
}

export function summarize(status: ChannelStatus): ChannelSummary {
  const leaders = status.nodes.filter((n) => n.role === 'leader').sort((a, b) => b.term - a.term);
  const leader = leaders[0];
  const term = leader ? leader.term : Math.max(0, ...status.nodes.map((n) => n.term));
  const running = status.nodes.filter(isUp);
  return {
    uri: status.uri,
    channel: status.channel,
    attached: status.attached === true,
    leader,
    term,
    up: running.length,
    total: status.nodes.length,
    height: Math.max(0, ...running.map((n) => n.height)),
  };
}

/** "leader orderer3 · term 2 · 5/5 up" or "no leader · term 3 · 2/5 up" */
export function summaryText(s: ChannelSummary): string {
  const who = s.leader ? `leader ${shortName(s.leader.name)}` : 'no leader';
  return s.attached ? `${who} · ${s.up}/${s.total} answering · attached` : `${who} · term ${s.term} · ${s.up}/${s.total} up`;
}

/** A channel has quorum when a majority of its consenters run. */
export function hasQuorum(s: ChannelSummary): boolean {
  return s.up > s.total / 2;
}
