// Builds the one JSON object argument of the server's live commands (shared/DESIGN.md):
//   launch: {uri, profile?, channel?, tick?, controlPort?}
//   node commands: {uri, node: ID_OR_HOST, to?: ID}   (transferLeader also names the channel)
//   attach: {uri, profile?, endpoints?: {"host:port": URL}, admin?: {"host:port": URL}, interval?, caFile?, certFile?,
//           keyFile?}; detach: {uri}
// from however the command was invoked: palette (no argument), tree context menu (a tree item),
// a code lens (the server's own argument object) or a file's URI.
import type { TreeItemModel } from './treeModel';

export const LAUNCH = 'raftlens.launchNetwork';
export const STOP_NETWORK = 'raftlens.stopNetwork';
export const HEAL = 'raftlens.heal';
export const TRANSFER_LEADER = 'raftlens.transferLeader';
/** follow running orderers through their operations endpoints (read-only), and stop following them */
export const ATTACH = 'raftlens.attachNetwork';
export const DETACH = 'raftlens.detachNetwork';
/** commands that act on one node and cannot run without one */
export const NODE_COMMANDS = ['raftlens.stopNode', 'raftlens.killNode', 'raftlens.startNode', 'raftlens.isolateNode', TRANSFER_LEADER];
export const LIVE_COMMANDS = [LAUNCH, STOP_NETWORK, HEAL, ...NODE_COMMANDS, ATTACH, DETACH];

export interface LaunchSettings {
  tick?: string | null;
  controlPort?: number | null;
  profile?: string | null;
  /** raftlens.attach.endpoints: consenter host:port (or host) → operations URL */
  attachEndpoints?: Record<string, string> | null;
  /** raftlens.attach.admin: consenter host:port (or host) → channel participation API URL (Admin.ListenAddress) */
  attachAdmin?: Record<string, string> | null;
  /** raftlens.attach.interval, e.g. "2s" */
  attachInterval?: string | null;
  /** raftlens.attach.tls.*: CA to trust, client certificate and key for https endpoints */
  attachCaFile?: string | null;
  attachCertFile?: string | null;
  attachKeyFile?: string | null;
}

/** the server's election timeline command (raftlens.electionTimeline): it answers with Markdown */
export function isTimelineCommand(command: string): boolean {
  return /^raftlens\.\w*timeline$/i.test(command);
}

export type CommandArgument = Record<string, unknown>;

export type Resolution =
  | { kind: 'ready'; argument: CommandArgument }
  /** no file to act on: the user must open a configtx.yaml first */
  | { kind: 'needsFile' }
  /** a node command from the palette: the user picks the node, then resolve again with it */
  | { kind: 'needsNode'; uri: string };

function isTreeItem(value: unknown): value is TreeItemModel {
  const kind = (value as { kind?: unknown } | undefined)?.kind;
  return kind === 'network' || kind === 'channel' || kind === 'node';
}

function withLaunchDefaults(argument: CommandArgument, settings: LaunchSettings): CommandArgument {
  const result = { ...argument };
  if (result.tick === undefined && settings.tick) {
    result.tick = settings.tick;
  }
  if (result.controlPort === undefined && typeof settings.controlPort === 'number') {
    result.controlPort = settings.controlPort;
  }
  if (result.profile === undefined && settings.profile) {
    result.profile = settings.profile;
  }
  return result;
}

/** the attach settings under what the lens (or caller) did not say; the lens's own entries win */
function withAttachDefaults(argument: CommandArgument, settings: LaunchSettings): CommandArgument {
  const result = { ...argument };
  const endpoints = settings.attachEndpoints;
  if (result.endpoints === undefined && endpoints && Object.keys(endpoints).length > 0) {
    result.endpoints = { ...endpoints };
  }
  const admin = settings.attachAdmin;
  if (result.admin === undefined && admin && Object.keys(admin).length > 0) {
    result.admin = { ...admin };
  }
  if (result.interval === undefined && settings.attachInterval) {
    result.interval = settings.attachInterval;
  }
  if (result.profile === undefined && settings.profile) {
    result.profile = settings.profile;
  }
  const files: [string, string | null | undefined][] = [
    ['caFile', settings.attachCaFile],
    ['certFile', settings.attachCertFile],
    ['keyFile', settings.attachKeyFile],
  ];
  for (const [key, value] of files) {
    if (result[key] === undefined && value) {
      result[key] = value;
    }
  }
  return result;
}

function fromTreeItem(command: string, item: TreeItemModel): CommandArgument | undefined {
  if (item.kind !== 'node') {
    // network and channel rows carry no node: only file-wide commands make sense there
    if (NODE_COMMANDS.includes(command)) {
      return undefined;
    }
    return item.kind === 'channel' && command === LAUNCH ? { uri: item.uri, channel: item.channel } : { uri: item.uri };
  }
  if (command === TRANSFER_LEADER) {
    const argument: CommandArgument = { uri: item.uri, channel: item.channel, to: item.nodeId };
    if (item.leaderId > 0) {
      argument.node = item.leaderId;
    }
    return argument;
  }
  if (command === LAUNCH || command === STOP_NETWORK || command === ATTACH || command === DETACH) {
    return { uri: item.uri };
  }
  return { uri: item.uri, node: item.nodeId };
}

/**
 * @param args what VS Code passed to the command (already with URIs turned into strings)
 * @param activeUri the file in the active editor, if it is a RaftLens document
 */
export function resolveArgument(command: string, args: unknown[], activeUri: string | undefined, settings: LaunchSettings): Resolution {
  const first = args[0];
  let argument: CommandArgument | undefined;
  if (isTreeItem(first)) {
    argument = fromTreeItem(command, first);
    if (!argument) {
      return { kind: 'needsNode', uri: first.uri };
    }
  } else if (first && typeof first === 'object' && typeof (first as { uri?: unknown }).uri === 'string') {
    argument = { ...(first as CommandArgument) };
  } else if (typeof first === 'string' && first !== '') {
    argument = { uri: first };
  } else if (activeUri) {
    argument = { uri: activeUri };
  } else {
    return { kind: 'needsFile' };
  }
  if (NODE_COMMANDS.includes(command)) {
    const hasNode = argument.node !== undefined && argument.node !== null;
    const ready = command === TRANSFER_LEADER ? argument.to !== undefined : hasNode;
    if (!ready) {
      return { kind: 'needsNode', uri: argument.uri as string };
    }
  }
  if (command === LAUNCH) {
    argument = withLaunchDefaults(argument, settings);
  }
  if (command === ATTACH) {
    argument = withAttachDefaults(argument, settings);
  }
  return { kind: 'ready', argument };
}

/**
 * The one-line summary of the server's attach answer ({uri, profile, reachable, consenters, missing, …}) for the
 * status bar; undefined for an error answer (the server has shown it) or anything else.
 */
export function attachSummary(answer: unknown): string | undefined {
  const a = answer as { profile?: unknown; reachable?: unknown; consenters?: unknown; missing?: unknown; error?: unknown;
    admin?: unknown; adminReachable?: unknown } | undefined;
  if (!a || typeof a !== 'object' || a.error !== undefined || typeof a.reachable !== 'number' || typeof a.consenters !== 'number') {
    return undefined;
  }
  const missing = Array.isArray(a.missing) ? a.missing.length : 0;
  const profile = typeof a.profile === 'string' ? ` to ${a.profile}` : '';
  const admins = a.admin && typeof a.admin === 'object' ? Object.keys(a.admin).length : 0;
  const participation = admins > 0 && typeof a.adminReachable === 'number'
    ? `, ${a.adminReachable} of ${admins} channel participation APIs` : '';
  return `RaftLens: attached${profile}: ${a.reachable} of ${a.consenters} orderers answering${participation}` +
    (missing > 0 ? ` (${missing} without an operations endpoint: see Problems)` : '');
}
