import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decorationsFor, isLiveRoleHint } from '../src/live/decorationModel';
import { NetworkState, summarize, summaryText } from '../src/live/networkState';
import { normalizeRole, parseChannelStatus } from '../src/live/networkStatus';
import { statusBarModel } from '../src/live/statusBarModel';
import { URI, fiveNodes } from './fixtures';

describe('raftlens/networkStatus parsing', () => {
  it('reads the DESIGN.md shape and sorts nodes by id', () => {
    const status = parseChannelStatus({
      uri: URI,
      channel: 'mychannel',
      nodes: [
        { id: 2, name: 'orderer2.example.com', role: 'follower', term: 2, leader: 1, height: 5, range: { start: { line: 10, character: 8 }, end: { line: 13, character: 0 } } },
        { id: 1, name: 'orderer1.example.com', role: 'leader', term: 2, leader: 1, height: 5 },
      ],
    });
    assert.deepEqual(status?.nodes.map((n) => [n.id, n.role, n.range?.start.line]), [[1, 'leader', undefined], [2, 'follower', 10]]);
  });

  it('rejects params without a uri and skips nodes without an id', () => {
    assert.equal(parseChannelStatus({ channel: 'mychannel', nodes: [] }), undefined);
    assert.equal(parseChannelStatus(null), undefined);
    assert.equal(parseChannelStatus({ uri: URI, channel: 'c', nodes: [{ name: 'x' }, { id: 3 }] })?.nodes.length, 1);
  });

  it('normalizes role spellings and keeps unknown ones visible', () => {
    assert.equal(normalizeRole('StateLeader'), 'leader');
    assert.equal(normalizeRole('pre_candidate'), 'pre-candidate');
    assert.equal(normalizeRole('PreCandidate'), 'pre-candidate');
    assert.equal(normalizeRole('killed'), 'stopped');
    assert.equal(normalizeRole('evicted'), 'evicted');
    assert.equal(normalizeRole('member'), 'member'); // follows a channel it is no consenter of
    assert.equal(normalizeRole('learner'), 'unknown');
    assert.equal(normalizeRole(3), 'unknown');
  });
});

describe('network state', () => {
  it('keeps one status per channel and forgets a channel whose node list is empty', () => {
    const state = new NetworkState();
    state.apply(fiveNodes(1, 2));
    state.apply(fiveNodes(3, 4, [], 'syschannel'));
    assert.deepEqual(state.channels(URI).map((c) => c.channel), ['mychannel', 'syschannel']);
    state.apply({ uri: URI, channel: 'syschannel', nodes: [] });
    assert.deepEqual(state.channels(URI).map((c) => c.channel), ['mychannel']);
    state.apply({ uri: URI, channel: 'mychannel', nodes: [] });
    assert.equal(state.isRunning(URI), false);
  });

  it('forgets the whole network on a status without channel and nodes', () => {
    const state = new NetworkState();
    state.apply(fiveNodes(1, 2));
    state.apply(fiveNodes(1, 2, [], 'other'));
    state.apply({ uri: URI, channel: '', nodes: [] });
    assert.deepEqual(state.uris(), []);
  });

  it('summarizes leader, term and nodes up', () => {
    assert.equal(summaryText(summarize(fiveNodes(3, 2))), 'leader orderer3 · term 2 · 5/5 up');
    const lost = fiveNodes(0, 5, [1, 2, 3]);
    assert.equal(summaryText(summarize(lost)), 'no leader · term 5 · 2/5 up');
  });
});

describe('status → decorations', () => {
  it('gives every consenter line its role, colored text and hover', () => {
    const decorations = decorationsFor([fiveNodes(3, 2, [5])]);
    assert.deepEqual(decorations.map((d) => [d.line, d.role]), [[105, 'follower'], [110, 'follower'], [115, 'leader'], [120, 'follower'], [125, 'stopped']]);
    assert.equal(decorations[2].text, '  ● leader · term 2 · height 5');
    assert.equal(decorations[0].text, '  ● follower of orderer3 · term 2 · height 5');
    assert.equal(decorations[4].text, '  ● stopped · height 4');
    assert.match(decorations[2].hover, /\*\*orderer3\.example\.com\*\* \(Raft id 3\)/);
    assert.match(decorations[0].hover, /\| mychannel \| follower \| 2 \| orderer3\.example\.com \| 5 \|/);
  });

  it('marks a consenter removed from the channel as evicted, without a term', () => {
    const status = fiveNodes(3, 4);
    status.nodes[1] = { ...status.nodes[1], role: 'evicted', term: 0, leader: 0 };
    const decorations = decorationsFor([status]);
    assert.equal(decorations[1].role, 'evicted');
    assert.equal(decorations[1].text, '  ● evicted (not a consenter) · height 5');
  });

  it('marks a node that follows the channel without being its consenter as a member, without a term', () => {
    const status = fiveNodes(3, 4);
    status.nodes[4] = { ...status.nodes[4], role: 'member', term: 0, leader: 0, height: 7 };
    const decorations = decorationsFor([status]);
    assert.equal(decorations[4].role, 'member');
    assert.equal(decorations[4].text, '  ● member (follows, not a consenter) · height 7');
  });

  it('shows candidates and pre-candidates while an election runs, and a follower without leader', () => {
    const status = fiveNodes(0, 3, [1]);
    status.nodes[1] = { ...status.nodes[1], role: 'candidate', term: 4 };
    status.nodes[2] = { ...status.nodes[2], role: 'pre-candidate' };
    const decorations = decorationsFor([status]);
    assert.deepEqual(decorations.map((d) => d.role), ['stopped', 'candidate', 'pre-candidate', 'follower', 'follower']);
    assert.equal(decorations[1].text, '  ● candidate · term 4 · height 5');
    assert.equal(decorations[3].text, '  ● follower (no leader) · term 3 · height 5');
  });

  it('merges channels on one line and colors it by the most telling role', () => {
    const decorations = decorationsFor([fiveNodes(1, 2), fiveNodes(2, 3, [], 'syschannel')]);
    const first = decorations[0];
    assert.equal(first.role, 'leader');
    assert.equal(first.text, '  ● mychannel: leader · term 2 · height 5  ·  syschannel: follower of orderer2 · term 3 · height 5');
    assert.equal(decorations[1].role, 'leader');
    assert.equal(decorations[2].role, 'follower');
  });

  it("recognizes the server's textual role hint that the decorations replace", () => {
    assert.equal(isLiveRoleHint('● leader · term 3'), true);
    assert.equal(isLiveRoleHint('● mychannel: follower · term 2 audit: leader · term 4'), true);
    assert.equal(isLiveRoleHint('heartbeat 500ms · election timeout 5s–10s'), false);
    assert.equal(isLiveRoleHint('raft id 5'), false);
  });

  it('draws nothing for nodes the server could not place', () => {
    const status = fiveNodes(1, 2);
    status.nodes.forEach((n) => delete n.range);
    assert.deepEqual(decorationsFor([status]), []);
  });
});

describe('status bar', () => {
  it('prefers the active file, shows leader, term and nodes up, and warns without quorum', () => {
    const state = new NetworkState();
    const other = 'file:///w/three/configtx.yaml';
    state.apply(fiveNodes(2, 7));
    state.apply(fiveNodes(0, 9, [1, 2, 3], 'mychannel', other));
    const mine = statusBarModel(state, URI, other);
    assert.equal(mine?.text, '$(pulse) Raft mychannel: orderer2 · term 7 · 5/5 up');
    assert.equal(mine?.warning, false);
    const lost = statusBarModel(state, 'file:///w/unrelated.yaml', other);
    assert.equal(lost?.text, '$(warning) Raft mychannel: no leader · term 9 · 2/5 up');
    assert.equal(lost?.warning, true);
    assert.match(lost?.tooltip ?? '', /quorum lost, ordering halted/);
  });

  it('is hidden when nothing runs', () => {
    assert.equal(statusBarModel(new NetworkState(), URI, undefined), undefined);
  });
});
