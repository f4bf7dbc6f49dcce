// The "Raft Network" tree: network (one per config file) → channels → nodes. Plain data so the
// shape, labels and context values (which drive the context menu) can be unit tested.
import { NetworkState, hasQuorum, summarize, summaryText } from './networkState';
import { NodeStatus, Role, isUp } from './networkStatus';

export type NetworkItem = {
  kind: 'network';
  id: string;
  uri: string;
  label: string;
  description: string;
  tooltip: string;
  /** raftlens.attachedNetwork: followed orderers, which offer Detach instead of Stop */
  contextValue: 'raftlens.network' | 'raftlens.attachedNetwork';
  children: ChannelItem[];
};

export type ChannelItem = {
  kind: 'channel';
  id: string;
  uri: string;
  channel: string;
  label: string;
  description: string;
  tooltip: string;
  contextValue: 'raftlens.channel' | 'raftlens.attachedChannel';
  healthy: boolean;
  children: NodeItem[];
};

export type NodeItem = {
  kind: 'node';
  id: string;
  uri: string;
  channel: string;
  nodeId: number;
  name: string;
  role: Role;
  /** Raft id of the channel's current leader, 0 when none (transferLeader needs it) */
  leaderId: number;
  /** 0-based line of the consenter entry in the config file, when the server sent it */
  line?: number;
  label: string;
  description: string;
  tooltip: string;
  /**
   * raftlens.node.running.<role> or raftlens.node.stopped — package.json menus match on it;
   * raftlens.attachedNode.<role> for followed orderers, which no node command may act on
   */
  contextValue: string;
};

export type TreeItemModel = NetworkItem | ChannelItem | NodeItem;

/** configtx.yaml of /home/u/samples/five-orderers → "five-orderers/configtx.yaml" */
export function networkLabel(uri: string): string {
  const parts = decodeURIComponent(uri.replace(/^[a-z]+:\/\//i, '')).split('/').filter((p) => p !== '');
  return parts.slice(-2).join('/');
}

function nodeItem(uri: string, channel: string, node: NodeStatus, leaderId: number, attached: boolean): NodeItem {
  const description = attached
    ? (isUp(node) ? `${node.role} · height ${node.height}${node.participation ? ` · ${node.participation}` : ''}` : 'unreachable')
    : node.role === 'stopped' || node.role === 'evicted'
      ? `${node.role} · height ${node.height}`
      : `${node.role} · term ${node.term} · height ${node.height}`;
  return {
    kind: 'node',
    id: `${uri}#${channel}#${node.id}`,
    uri,
    channel,
    nodeId: node.id,
    name: node.name,
    role: node.role,
    leaderId,
    line: node.range?.start.line,
    label: node.name,
    description,
    tooltip: `${node.name} (Raft id ${node.id}) on ${channel}: ${description}`,
    contextValue: attached ? `raftlens.attachedNode.${isUp(node) ? node.role : 'unreachable'}`
      : isUp(node) ? `raftlens.node.running.${node.role}` : 'raftlens.node.stopped',
  };
}

export function buildTree(state: NetworkState): NetworkItem[] {
  return state.uris().map((uri) => {
    const channels: ChannelItem[] = state.channels(uri).map((status) => {
      const summary = summarize(status);
      const leaderId = summary.leader?.id ?? 0;
      const healthy = summary.leader !== undefined && hasQuorum(summary);
      return {
        kind: 'channel',
        id: `${uri}#${status.channel}`,
        uri,
        channel: status.channel,
        label: status.channel,
        description: summaryText(summary),
        tooltip: `${status.channel}: ${summaryText(summary)}, height ${summary.height}` +
          (hasQuorum(summary) ? '' : ' — quorum lost, ordering halted'),
        contextValue: status.attached === true ? 'raftlens.attachedChannel' : 'raftlens.channel',
        healthy,
        children: status.nodes.map((n) => nodeItem(uri, status.channel, n, leaderId, status.attached === true)),
      };
    });
    const first = channels[0];
    const attached = state.isAttached(uri);
    const more = channels.length > 1 ? ` (+${channels.length - 1} channels)` : '';
    return {
      kind: 'network',
      id: uri,
      uri,
      label: networkLabel(uri),
      description: first ? `${first.label}: ${first.description}${more}` : '',
      tooltip: attached ? `Running orderers followed from ${uri} (read-only)` : `Network launched from ${uri}`,
      contextValue: attached ? 'raftlens.attachedNetwork' : 'raftlens.network',
      children: channels,
    };
  });
}
