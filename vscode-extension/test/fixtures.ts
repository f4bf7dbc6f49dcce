import { ChannelStatus, NodeStatus, Role } from '../src/live/networkStatus';

export const URI = 'file:///home/dev/samples/five-orderers/configtx.yaml';

/** consenter i (1-based) sits on line 100 + 5·i, like a Consenters list */
export function node(id: number, role: Role, term: number, leader: number, height = 5): NodeStatus {
  const line = 100 + 5 * id;
  return {
    id,
    name: `orderer${id}.example.com`,
    role,
    term,
    leader,
    height,
    range: { start: { line, character: 8 }, end: { line: line + 4, character: 0 } },
  };
}

/** five consenters of one channel; `leader` leads at `term`, the ids in `stopped` are down */
export function fiveNodes(leader: number, term: number, stopped: number[] = [], channel = 'mychannel', uri = URI): ChannelStatus {
  const nodes = [1, 2, 3, 4, 5].map((id) =>
    stopped.includes(id) ? node(id, 'stopped', term - 1, 0, 4) : node(id, id === leader ? 'leader' : 'follower', term, leader),
  );
  return { uri, channel, nodes };
}
