// Turns a file's channel statuses into one decoration per consenter line: the role that picks the
// gutter icon and color, the after-line text, and a hover. vscode-free so it can be unit tested.
import { ChannelStatus, NodeStatus, Role, shortName } from './networkStatus';

export interface LineDecoration {
  /** 0-based line of the consenter entry */
  line: number;
  /** decides gutter icon and text color */
  role: Role;
  /** shown after the line's end */
  text: string;
  /** Markdown shown on hover */
  hover: string;
}

/** When a node has different roles in several channels, the most telling one colors the line. */
const ROLE_PRIORITY: Role[] = ['leader', 'candidate', 'pre-candidate', 'follower', 'member', 'unknown', 'evicted', 'stopped'];

function primaryRole(roles: Role[]): Role {
  return ROLE_PRIORITY.find((r) => roles.includes(r)) ?? 'unknown';
}

function nodeText(node: NodeStatus, channel: ChannelStatus): string {
  if (channel.attached) {
    // followed orderers: Fabric's metrics carry no term, and a node that does not answer is not known to be stopped
    if (node.role === 'stopped') {
      return 'unreachable';
    }
    const leader = channel.nodes.find((n) => n.id === node.leader);
    const of = node.role === 'follower' ? (leader ? ` of ${shortName(leader.name)}` : ' (no leader)') : '';
    return `${node.role}${of} · height ${node.height}`;
  }
  switch (node.role) {
    case 'stopped':
      return `stopped · height ${node.height}`;
    case 'evicted':
      return `evicted (not a consenter) · height ${node.height}`;
    case 'member':
      return `member (follows, not a consenter) · height ${node.height}`;
    case 'follower': {
      const leader = channel.nodes.find((n) => n.id === node.leader);
      const of = leader ? ` of ${shortName(leader.name)}` : ' (no leader)';
      return `follower${of} · term ${node.term} · height ${node.height}`;
    }
    default:
      return `${node.role} · term ${node.term} · height ${node.height}`;
  }
}

function hoverRow(node: NodeStatus, channel: ChannelStatus): string {
  const leader = channel.nodes.find((n) => n.id === node.leader);
  const term = channel.attached ? '—' : String(node.term);
  return `| ${channel.channel} | ${channel.attached && node.role === 'stopped' ? 'unreachable' : node.role} | ${term} | ${leader ? leader.name : '—'} | ${node.height} |`;
}

/** One decoration per line that carries a consenter, ordered by line. */
export function decorationsFor(channels: ChannelStatus[]): LineDecoration[] {
  const byLine = new Map<number, { node: NodeStatus; channel: ChannelStatus }[]>();
  for (const channel of channels) {
    for (const node of channel.nodes) {
      if (!node.range) {
        continue;
      }
      const entries = byLine.get(node.range.start.line) ?? [];
      entries.push({ node, channel });
      byLine.set(node.range.start.line, entries);
    }
  }
  const result: LineDecoration[] = [];
  for (const [line, entries] of [...byLine.entries()].sort((a, b) => a[0] - b[0])) {
    const first = entries[0].node;
    const text =
      entries.length === 1
        ? nodeText(first, entries[0].channel)
        : entries.map((e) => `${e.channel.channel}: ${nodeText(e.node, e.channel)}`).join('  ·  ');
    const hover = [
      `**${first.name}** (Raft id ${first.id})`,
      '',
      '| channel | role | term | leader | height |',
      '|---|---|---|---|---|',
      ...entries.map((e) => hoverRow(e.node, e.channel)),
    ].join('\n');
    result.push({ line, role: primaryRole(entries.map((e) => e.node.role)), text: `  ● ${text}`, hover });
  }
  return result;
}

/**
 * The server's own role inlay hint at the end of a consenter line ("● leader · term 3"), for
 * clients without decorations. Where this extension draws the decoration, the hint would repeat it.
 */
export function isLiveRoleHint(label: string): boolean {
  // attached orderers' hints have no term: "● leader", "● unreachable", "● mychannel: follower"
  return /^●\s/.test(label) && (/\bterm \d+/.test(label) || /^●\s(?:[\w.-]+: )?(?:leader|follower|candidate|pre-candidate|unreachable)\b/.test(label));
}
