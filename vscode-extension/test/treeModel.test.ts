import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isTimelineCommand, resolveArgument } from '../src/live/commandArgs';
import { NetworkState } from '../src/live/networkState';
import { NodeItem, buildTree, networkLabel } from '../src/live/treeModel';
import { URI, fiveNodes } from './fixtures';

function tree() {
  const state = new NetworkState();
  state.apply(fiveNodes(3, 2, [5]));
  state.apply(fiveNodes(1, 4, [5], 'syschannel'));
  return buildTree(state);
}

describe('Raft Network tree', () => {
  it('is network → channels → nodes with role, term and height', () => {
    const [network] = tree();
    assert.equal(network.label, 'five-orderers/configtx.yaml');
    assert.equal(network.description, 'mychannel: leader orderer3 · term 2 · 4/5 up (+1 channels)');
    assert.deepEqual(network.children.map((c) => [c.label, c.description]), [
      ['mychannel', 'leader orderer3 · term 2 · 4/5 up'],
      ['syschannel', 'leader orderer1 · term 4 · 4/5 up'],
    ]);
    const nodes = network.children[0].children;
    assert.deepEqual(nodes.map((n) => [n.label, n.description]), [
      ['orderer1.example.com', 'follower · term 2 · height 5'],
      ['orderer2.example.com', 'follower · term 2 · height 5'],
      ['orderer3.example.com', 'leader · term 2 · height 5'],
      ['orderer4.example.com', 'follower · term 2 · height 5'],
      ['orderer5.example.com', 'stopped · height 4'],
    ]);
    assert.equal(nodes[2].line, 115);
  });

  it('sets the context values the context menu matches on', () => {
    const nodes = tree()[0].children[0].children;
    assert.deepEqual(nodes.map((n) => n.contextValue), [
      'raftlens.node.running.follower',
      'raftlens.node.running.follower',
      'raftlens.node.running.leader',
      'raftlens.node.running.follower',
      'raftlens.node.stopped',
    ]);
    assert.equal(tree()[0].contextValue, 'raftlens.network');
    assert.equal(tree()[0].children[0].contextValue, 'raftlens.channel');
  });

  it('marks a channel without quorum unhealthy and keeps ids stable across updates', () => {
    const state = new NetworkState();
    state.apply(fiveNodes(0, 3, [1, 2, 3]));
    const [first] = buildTree(state);
    assert.equal(first.children[0].healthy, false);
    assert.match(first.children[0].tooltip, /quorum lost/);
    state.apply(fiveNodes(4, 4));
    const [second] = buildTree(state);
    assert.equal(second.children[0].healthy, true);
    assert.deepEqual(second.children[0].children.map((n) => n.id), first.children[0].children.map((n) => n.id));
  });

  it('labels a network by its folder and file', () => {
    assert.equal(networkLabel('file:///home/me/my%20net/configtx.yaml'), 'my net/configtx.yaml');
  });
});

describe('command arguments (DESIGN.md shapes)', () => {
  const nodes = () => tree()[0].children[0].children;
  const item = (name: string): NodeItem => nodes().find((n) => n.name === name)!;

  it('launch from the palette takes the active file and the tick/control-port settings', () => {
    assert.deepEqual(resolveArgument('raftlens.launchNetwork', [], URI, { tick: '100ms', controlPort: 7181, profile: null }), {
      kind: 'ready',
      argument: { uri: URI, tick: '100ms', controlPort: 7181 },
    });
    assert.deepEqual(resolveArgument('raftlens.launchNetwork', [], URI, { tick: '', controlPort: null, profile: 'TwoOrgs' }), {
      kind: 'ready',
      argument: { uri: URI, profile: 'TwoOrgs' },
    });
  });

  it("keeps a code lens's own argument and only fills what it lacks", () => {
    const lens = { uri: URI, profile: 'SampleAppChannelEtcdRaft', tick: '500ms' };
    assert.deepEqual(resolveArgument('raftlens.launchNetwork', [lens], undefined, { tick: '100ms', controlPort: 7181 }), {
      kind: 'ready',
      argument: { uri: URI, profile: 'SampleAppChannelEtcdRaft', tick: '500ms', controlPort: 7181 },
    });
  });

  it('node commands from the tree send {uri, node}', () => {
    assert.deepEqual(resolveArgument('raftlens.killNode', [item('orderer3.example.com')], undefined, {}), { kind: 'ready', argument: { uri: URI, node: 3 } });
    assert.deepEqual(resolveArgument('raftlens.startNode', [item('orderer5.example.com')], undefined, {}), { kind: 'ready', argument: { uri: URI, node: 5 } });
    assert.deepEqual(resolveArgument('raftlens.heal', [item('orderer2.example.com')], undefined, {}), { kind: 'ready', argument: { uri: URI, node: 2 } });
  });

  it('transferLeader sends the channel, the current leader as node and the chosen node as to', () => {
    assert.deepEqual(resolveArgument('raftlens.transferLeader', [item('orderer4.example.com')], undefined, {}), {
      kind: 'ready',
      argument: { uri: URI, channel: 'mychannel', node: 3, to: 4 },
    });
  });

  it("tells the server's timeline command from the others", () => {
    assert.equal(isTimelineCommand('raftlens.electionTimeline'), true);
    assert.equal(isTimelineCommand('raftlens.showElectionTimeline'), true);
    assert.equal(isTimelineCommand('raftlens.launchNetwork'), false);
    assert.equal(isTimelineCommand('other.electionTimeline'), false);
  });

  it('asks for a node when a node command has none, and for a file when there is none', () => {
    assert.deepEqual(resolveArgument('raftlens.stopNode', [], URI, {}), { kind: 'needsNode', uri: URI });
    assert.deepEqual(resolveArgument('raftlens.stopNode', [tree()[0]], undefined, {}), { kind: 'needsNode', uri: URI });
    assert.deepEqual(resolveArgument('raftlens.stopNetwork', [], undefined, {}), { kind: 'needsFile' });
    assert.deepEqual(resolveArgument('raftlens.stopNetwork', [tree()[0]], undefined, {}), { kind: 'ready', argument: { uri: URI } });
    assert.deepEqual(resolveArgument('raftlens.heal', [URI], undefined, {}), { kind: 'ready', argument: { uri: URI } });
  });
});
