// The `raftlens/networkStatus` notification (shared/DESIGN.md, LSP surface):
// {uri, channel, nodes:[{id, name, role, term, leader, height, range}]}, one per channel and change.
// An empty node list means that channel's network is gone (stopped); it is dropped from the state.
// `attached: true` marks running orderers the server follows through their operations endpoints
// (raftlens.attachNetwork): RaftLens does not control them, and their term is 0 (Fabric's metrics have none).

export const NETWORK_STATUS_NOTIFICATION = 'raftlens/networkStatus';

// 'evicted': removed from the channel's consenter set by a config update; its chain has halted
// 'member': follows the channel (pulls its blocks) without being one of its consenters (Fabric's "follower" relation)
export const ROLES = ['leader', 'follower', 'candidate', 'pre-candidate', 'member', 'evicted', 'stopped'] as const;
export type KnownRole = (typeof ROLES)[number];
/** 'unknown' keeps a node visible when a newer server sends a role this client does not know */
export type Role = KnownRole | 'unknown';

export interface LspPosition {
  line: number;
  character: number;
}

export interface LspRange {
  start: LspPosition;
  end: LspPosition;
}

export interface NodeStatus {
  id: number;
  name: string;
  role: Role;
  term: number;
  /** Raft id of the leader this node knows, 0 when none */
  leader: number;
  height: number;
  /** the consenter's entry in the config file */
  range?: LspRange;
  /** attached orderers: "consenter, active" / "not joined" from the channel participation API, when it answered */
  participation?: string;
}

export interface ChannelStatus {
  uri: string;
  channel: string;
  nodes: NodeStatus[];
  /** followed through operations endpoints, not launched: no node controls, no term */
  attached?: boolean;
}

/** leader, Leader, StateLeader, pre_candidate, precandidate … → the role word the server means. */
export function normalizeRole(raw: unknown): Role {
  if (typeof raw !== 'string') {
    return 'unknown';
  }
  const word = raw.trim().toLowerCase().replace(/^state/, '').replace(/[\s_-]/g, '');
  switch (word) {
    case 'leader':
      return 'leader';
    case 'follower':
      return 'follower';
    case 'candidate':
      return 'candidate';
    case 'precandidate':
      return 'pre-candidate';
    case 'member':
      return 'member';
    case 'evicted':
      return 'evicted';
    case 'stopped':
    case 'killed':
    case 'down':
      return 'stopped';
    default:
      return 'unknown';
  }
}

function num(value: unknown, fallback = 0): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function parseRange(raw: unknown): LspRange | undefined {
  const r = raw as { start?: { line?: unknown; character?: unknown }; end?: { line?: unknown; character?: unknown } };
  if (!r || typeof r !== 'object' || !r.start || typeof r.start.line !== 'number') {
    return undefined;
  }
  const start = { line: num(r.start.line), character: num(r.start.character) };
  const end = r.end && typeof r.end.line === 'number' ? { line: num(r.end.line), character: num(r.end.character) } : start;
  return { start, end };
}

/** Validates a notification's params; undefined when it is not a channel status at all. */
export function parseChannelStatus(raw: unknown): ChannelStatus | undefined {
  const p = raw as { uri?: unknown; channel?: unknown; nodes?: unknown; attached?: unknown };
  if (!p || typeof p !== 'object' || typeof p.uri !== 'string') {
    return undefined;
  }
  const channel = typeof p.channel === 'string' ? p.channel : '';
  const nodes: NodeStatus[] = [];
  for (const n of Array.isArray(p.nodes) ? p.nodes : []) {
    if (!n || typeof n !== 'object' || typeof n.id !== 'number') {
      continue;
    }
    nodes.push({
      id: n.id,
      name: typeof n.name === 'string' && n.name !== '' ? n.name : `node ${n.id}`,
      role: normalizeRole(n.role),
      term: num(n.term),
      leader: num(n.leader),
      height: num(n.height),
      range: parseRange(n.range),
      ...(typeof n.participation === 'string' && n.participation !== '' ? { participation: n.participation } : {}),
    });
  }
  nodes.sort((a, b) => a.id - b.id);
  return p.attached === true ? { uri: p.uri, channel, nodes, attached: true } : { uri: p.uri, channel, nodes };
}

export function isUp(node: NodeStatus): boolean {
  return node.role !== 'stopped';
}

/** orderer3.example.com → orderer3; keeps labels short on a crowded line. */
export function shortName(name: string): string {
  const dot = name.indexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}
