// Builds the one JSON object argument of the server's live commands (shared/DESIGN.md):
//   launch: {uri, profile?, channel?, tick?, controlPort?}
//   node commands: {uri, node: ID_OR_HOST, to?: ID}   (transferLeader also names the channel)
// from however the command was invoked: palette (no argument), tree context menu (a tree item),
// a code lens (the server's own argument object) or a file's URI.
import type { TreeItemModel } from './treeModel';

export const LAUNCH = 'raftlens.launchNetwork';
export const STOP_NETWORK = 'raftlens.stopNetwork';
export const HEAL = 'raftlens.heal';
export const TRANSFER_LEADER = 'raftlens.transferLeader';
/** commands that act on one node and cannot run without one */
export const NODE_COMMANDS = ['raftlens.stopNode', 'raftlens.killNode', 'raftlens.startNode', 'raftlens.isolateNode', TRANSFER_LEADER];
export const LIVE_COMMANDS = [LAUNCH, STOP_NETWORK, HEAL, ...NODE_COMMANDS];

export interface LaunchSettings {
  tick?: string | null;
  controlPort?: number | null;
  profile?: string | null;
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
  if (command === LAUNCH || command === STOP_NETWORK) {
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
  return { kind: 'ready', argument };
}
