import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ElectionLog, fabricTime, isRaftLogLine, serverLogLevel, timelineMarkdown } from '../src/live/electionLog';
import { URI, fiveNodes } from './fixtures';

const T0 = new Date(Date.UTC(2026, 10, 26, 14, 3, 0, 123));
const at = (ms: number) => new Date(T0.getTime() + ms);

describe('election log', () => {
  it('formats time as Fabric does', () => {
    assert.equal(fabricTime(T0), '2026-11-26 14:03:00.123 UTC');
  });

  it('logs the first election, the leader kill and the re-election in etcd words', () => {
    const log = new ElectionLog();
    const first = log.observe(fiveNodes(3, 2), T0);
    assert.ok(first.includes('2026-11-26 14:03:00.123 UTC INFO [orderer.consensus.etcdraft] 3 became leader at term 2 channel=mychannel node=3 (orderer3.example.com)'));
    assert.ok(first.includes('2026-11-26 14:03:00.123 UTC INFO [orderer.consensus.etcdraft] raft.node: 3 elected leader 3 at term 2 channel=mychannel node=3 (orderer3.example.com)'));
    assert.equal(log.observe(fiveNodes(3, 2), at(100)).length, 0, 'an unchanged status logs nothing');

    const killed = fiveNodes(0, 2, [3]);
    const lines = log.observe(killed, at(1000));
    assert.deepEqual(lines.map((l) => l.slice(l.indexOf(']') + 2)), [
      '3 stopped channel=mychannel node=3 (orderer3.example.com)',
      'raft.node: lost leader 3 at term 2 channel=mychannel node=3 (orderer3.example.com)',
    ]);

    const candidate = fiveNodes(0, 2, [3]);
    candidate.nodes[0] = { ...candidate.nodes[0], role: 'pre-candidate' };
    assert.match(log.observe(candidate, at(1500))[0], /1 became pre-candidate at term 2/);

    const reelected = fiveNodes(1, 3, [3]);
    const after = log.observe(reelected, at(2100));
    assert.ok(after.some((l) => l.includes('1 became leader at term 3')));
    assert.ok(after.some((l) => l.includes('2 became follower at term 3')));
    assert.ok(after.some((l) => l.includes('raft.node: 1 elected leader 1 at term 3')));

    const rejoined = fiveNodes(1, 3);
    assert.ok(log.observe(rejoined, at(4000)).some((l) => l.includes('3 started as follower at term 3')));
    assert.deepEqual(log.history(URI).filter((e) => e.event.startsWith('elected')).map((e) => [e.node, e.term]), [
      ['orderer3.example.com', 2],
      ['orderer1.example.com', 3],
    ]);
    assert.deepEqual(log.history('file:///other.yaml'), []);
  });

  it('builds a Markdown timeline with offsets from the first event', () => {
    const log = new ElectionLog();
    log.observe(fiveNodes(3, 2), T0);
    log.observe(fiveNodes(1, 3, [3]), at(2100));
    const md = timelineMarkdown(log.history(URI), 'five-orderers/configtx.yaml');
    assert.match(md, /^# Election timeline — five-orderers\/configtx\.yaml/);
    assert.match(md, /\| 14:03:00\.123 \| 0 \| mychannel \| orderer3\.example\.com \| elected leader orderer3\.example\.com \| 2 \|/);
    assert.match(md, /\| 14:03:02\.223 \| 2100 \| mychannel \| orderer1\.example\.com \| elected leader orderer1\.example\.com \| 3 \|/);
    assert.match(timelineMarkdown([], 'x'), /No election observed yet/);
  });

  it('forgets a stopped network so a relaunch logs its first election again', () => {
    const log = new ElectionLog();
    log.observe(fiveNodes(3, 2), T0);
    assert.match(log.observe({ uri: URI, channel: '', nodes: [] }, at(10))[0] ?? '', /network stopped/);
    assert.ok(log.observe(fiveNodes(2, 1), at(20)).some((l) => l.includes('elected leader 2 at term 1')));
  });
});

describe("the server's stderr", () => {
  const BECAME_LEADER = '2026-11-26 14:49:55.812 UTC 022b INFO [orderer.consensus.etcdraft] becomeLeader -> 3 became leader at term 3 channel=mychannel node=3';

  it('picks out the Raft log lines for the elections output', () => {
    assert.equal(isRaftLogLine(BECAME_LEADER), true);
    assert.equal(isRaftLogLine('14:49:26.815 INFO  io.raftlens.lsp.server - RaftLens language server started'), false);
  });

  it('keeps each line at its level instead of marking everything an error', () => {
    assert.equal(serverLogLevel(BECAME_LEADER), 'info');
    assert.equal(serverLogLevel('2026-11-26 14:49:55.812 UTC 0300 WARN [orderer.consensus.etcdraft] Step -> 2 is isolated'), 'warn');
    assert.equal(serverLogLevel('14:50:01.002 ERROR io.raftlens.lsp.live - launch failed: port 7050 in use'), 'error');
    assert.equal(serverLogLevel('java.lang.IllegalStateException: boom'), 'error');
    assert.equal(serverLogLevel('\tat io.raftlens.lsp.live.LiveNetworks.launch(LiveNetworks.java:93)'), 'error');
    assert.equal(serverLogLevel('14:50:01.002 DEBUG io.raftlens.raft.transport - connected'), 'debug');
  });
});
