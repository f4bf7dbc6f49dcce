import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { ATTACH, DETACH, LIVE_COMMANDS, NODE_COMMANDS, attachSummary, resolveArgument } from '../src/live/commandArgs';
import { decorationsFor, isLiveRoleHint } from '../src/live/decorationModel';
import { NetworkState } from '../src/live/networkState';
import { parseChannelStatus } from '../src/live/networkStatus';
import { statusBarModel } from '../src/live/statusBarModel';
import { buildTree } from '../src/live/treeModel';
import { URI, fiveNodes } from './fixtures';

// "Attach to running network": the command wiring (what the palette, the lens and the tree send), the
// read-only tree of attached orderers, and the package.json contributions that expose both commands.

type Menu = { command: string; when?: string; group?: string };
const manifest = JSON.parse(readFileSync(resolve(process.cwd(), 'package.json'), 'utf8')) as {
  contributes: {
    commands: { command: string; title: string }[];
    configuration: { properties: Record<string, { type: unknown; default?: unknown }> };
    menus: Record<string, Menu[]>;
  };
};

function attachedState(): NetworkState {
  const state = new NetworkState();
  const raw = { ...fiveNodes(2, 0, [4]), attached: true };
  state.apply(parseChannelStatus(JSON.parse(JSON.stringify(raw)))!);
  return state;
}

/** whether a package.json `when` clause holding `viewItem =~ /re/` or `viewItem == v` matches a context value */
function menuMatches(when: string, contextValue: string): boolean {
  const re = /viewItem =~ \/(.+?)\/(?:\s|$)/.exec(when);
  if (re) {
    return new RegExp(re[1]).test(contextValue);
  }
  const eq = /viewItem == ([\w.]+)/.exec(when);
  return eq ? eq[1] === contextValue : false;
}

describe('attach command wiring', () => {
  const settings = {
    attachEndpoints: { 'orderer1.example.com:7050': 'http://127.0.0.1:9443' },
    attachInterval: '5s',
    attachCaFile: '/etc/ops-ca.pem',
    profile: null,
  };

  it('is routed by the client (argument completion) like the other live commands, and is no node command', () => {
    assert.ok(LIVE_COMMANDS.includes(ATTACH) && LIVE_COMMANDS.includes(DETACH));
    assert.ok(!NODE_COMMANDS.includes(ATTACH) && !NODE_COMMANDS.includes(DETACH));
  });

  it('from the palette takes the active file and the raftlens.attach.* settings', () => {
    assert.deepEqual(resolveArgument(ATTACH, [], URI, settings), {
      kind: 'ready',
      argument: { uri: URI, endpoints: { 'orderer1.example.com:7050': 'http://127.0.0.1:9443' }, interval: '5s', caFile: '/etc/ops-ca.pem' },
    });
    assert.deepEqual(resolveArgument(ATTACH, [], undefined, settings), { kind: 'needsFile' });
  });

  it("keeps the code lens's own argument (uri, profile) and adds the endpoints it lacks", () => {
    const lens = { uri: URI, profile: 'ChannelUsingRaft', interval: '1s' };
    assert.deepEqual(resolveArgument(ATTACH, [lens], undefined, { attachEndpoints: {}, attachInterval: '5s' }), {
      kind: 'ready',
      argument: { uri: URI, profile: 'ChannelUsingRaft', interval: '1s' },
    });
  });

  it("sums up the server's answer for the status bar, and stays quiet on an error", () => {
    assert.equal(attachSummary({ uri: URI, profile: 'ChannelUsingRaft', reachable: 2, consenters: 3, missing: [{ consenter: 'orderer3.example.com:9050', why: '…' }] }),
      'RaftLens: attached to ChannelUsingRaft: 2 of 3 orderers answering (1 without an operations endpoint: see Problems)');
    assert.equal(attachSummary({ uri: URI, profile: 'P', reachable: 3, consenters: 3, missing: [], admin: { a: {}, b: {}, c: {} }, adminReachable: 0 }),
      'RaftLens: attached to P: 3 of 3 orderers answering, 0 of 3 channel participation APIs');
    assert.equal(attachSummary({ error: 'cannot attach to ChannelUsingRaft: …' }), undefined);
    assert.equal(attachSummary(undefined), undefined);
  });

  it('detach sends {uri}, from the tree or the palette', () => {
    const [network] = buildTree(attachedState());
    assert.deepEqual(resolveArgument(DETACH, [network], undefined, settings), { kind: 'ready', argument: { uri: URI } });
    assert.deepEqual(resolveArgument(DETACH, [], URI, settings), { kind: 'ready', argument: { uri: URI } });
  });
});

describe('attached orderers in the tree and status bar', () => {
  it('reads attached: true from raftlens/networkStatus; launched networks stay as they were', () => {
    assert.equal(parseChannelStatus({ uri: URI, channel: 'mychannel', nodes: [], attached: true })?.attached, true);
    assert.equal(parseChannelStatus({ uri: URI, channel: 'mychannel', nodes: [] })?.attached, undefined);
  });

  it('shows role and height without a term, and an orderer that does not answer as unreachable', () => {
    const [network] = buildTree(attachedState());
    assert.equal(network.contextValue, 'raftlens.attachedNetwork');
    assert.equal(network.description, 'mychannel: leader orderer2 · 4/5 answering · attached');
    const channel = network.children[0];
    assert.equal(channel.contextValue, 'raftlens.attachedChannel');
    assert.deepEqual(channel.children.map((n) => [n.name, n.description, n.contextValue]), [
      ['orderer1.example.com', 'follower · height 5', 'raftlens.attachedNode.follower'],
      ['orderer2.example.com', 'leader · height 5', 'raftlens.attachedNode.leader'],
      ['orderer3.example.com', 'follower · height 5', 'raftlens.attachedNode.follower'],
      ['orderer4.example.com', 'unreachable', 'raftlens.attachedNode.unreachable'],
      ['orderer5.example.com', 'follower · height 5', 'raftlens.attachedNode.follower'],
    ]);
    assert.equal(statusBarModel(attachedState(), URI, URI)?.text, '$(pulse) Raft mychannel: orderer2 · 4/5 answering · attached');
    const lines = decorationsFor(attachedState().channels(URI)).map((d) => d.text);
    assert.deepEqual(lines, ['  ● follower of orderer2 · height 5', '  ● leader · height 5', '  ● follower of orderer2 · height 5',
      '  ● unreachable', '  ● follower of orderer2 · height 5']);
    assert.ok(isLiveRoleHint('● leader') && isLiveRoleHint('● unreachable') && isLiveRoleHint('● mychannel: follower'),
      "the server's attached role hints give way to the decorations");
  });

  it("shows each orderer's part in the channel from the channel participation API next to its height", () => {
    const raw = JSON.parse(JSON.stringify({ ...fiveNodes(2, 0, [4]), attached: true }));
    raw.nodes[0].participation = 'follower, onboarding';
    raw.nodes[1].participation = 'consenter, active';
    raw.nodes[2].participation = 'not joined';
    const state = new NetworkState();
    state.apply(parseChannelStatus(raw)!);
    const [network] = buildTree(state);
    assert.deepEqual(network.children[0].children.slice(0, 3).map((n) => n.description),
      ['follower · height 5 · follower, onboarding', 'leader · height 5 · consenter, active', 'follower · height 5 · not joined']);
    assert.equal(parseChannelStatus({ uri: URI, channel: 'c', nodes: [{ id: 1 }] })?.nodes[0].participation, undefined);
  });

  it('passes raftlens.attach.admin as "admin" unless the caller named its own', () => {
    const admin = { 'orderer1.example.com:7050': 'https://127.0.0.1:7053' };
    assert.deepEqual(resolveArgument(ATTACH, [], URI, { attachAdmin: admin }), { kind: 'ready', argument: { uri: URI, admin } });
    assert.deepEqual(resolveArgument(ATTACH, [{ uri: URI, admin: {} }], undefined, { attachAdmin: admin }),
      { kind: 'ready', argument: { uri: URI, admin: {} } });
  });

  it('offers no node command and no Stop on attached items, and Detach on the attached network', () => {
    const menus = manifest.contributes.menus['view/item/context'];
    const [network] = buildTree(attachedState());
    const values = [network.contextValue, network.children[0].contextValue, ...network.children[0].children.map((n) => n.contextValue)];
    for (const m of menus.filter((x) => x.command !== DETACH && x.command !== 'raftlens.showElectionTimeline')) {
      for (const v of values) {
        assert.ok(!menuMatches(m.when ?? '', v), `${m.command} is offered on ${v}`);
      }
    }
    assert.ok(menus.some((m) => m.command === DETACH && m.group === 'inline' && menuMatches(m.when ?? '', 'raftlens.attachedNetwork')));
    assert.ok(menus.some((m) => m.command === 'raftlens.stopNode' && menuMatches(m.when ?? '', 'raftlens.node.running.leader')),
      'the launched network keeps its node menus');
  });
});

describe('package.json contributions for attach', () => {
  it('contributes both commands, the view-title action and the settings', () => {
    const titles = new Map(manifest.contributes.commands.map((c) => [c.command, c.title]));
    assert.equal(titles.get(ATTACH), 'Attach to running network');
    assert.equal(titles.get(DETACH), 'Detach from running network');
    assert.ok(manifest.contributes.menus['view/title'].some((m) => m.command === ATTACH));
    assert.ok(manifest.contributes.menus['commandPalette'].some((m) => m.command === ATTACH && m.when === 'raftlens.configFileActive'));
    const props = manifest.contributes.configuration.properties;
    assert.equal(props['raftlens.attach.endpoints'].type, 'object');
    assert.equal(props['raftlens.attach.admin'].type, 'object');
    assert.deepEqual(props['raftlens.attach.endpoints'].default, {});
    assert.equal(props['raftlens.attach.interval'].default, '2s');
    for (const key of ['caFile', 'certFile', 'keyFile']) {
      assert.ok(props[`raftlens.attach.tls.${key}`], key);
    }
  });
});
