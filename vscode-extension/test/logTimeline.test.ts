import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TIMELINE_FROM_LOGS, logSourceChoices, logTimelineArgument, logTimelineViewKey, readLogTimelineAnswer } from '../src/live/logTimeline';
import { isTimelineCommand } from '../src/live/commandArgs';

const URI = 'file:///work/net/configtx.yaml';

describe('election timeline from logs', () => {
  it('asks the server for the picked files, or for the launch\'s own log', () => {
    assert.deepEqual(logTimelineArgument(URI, { kind: 'files', paths: ['/logs/orderer1.log', '/logs/orderer2.log'] }),
      { uri: URI, logs: ['/logs/orderer1.log', '/logs/orderer2.log'] });
    assert.deepEqual(logTimelineArgument(URI, { kind: 'launch' }), { uri: URI });
  });

  it('offers the running network\'s log only while one runs', () => {
    assert.deepEqual(logSourceChoices(false).map((c) => c.source), ['files']);
    assert.deepEqual(logSourceChoices(true).map((c) => c.source), ['launch', 'files']);
  });

  it('shows the server\'s picture and table with a summary', () => {
    const r = readLogTimelineAnswer({
      title: 'Election timeline from orderer3.log', markdown: '### Channel `mychannel`\n', svg: '<svg xmlns="http://www.w3.org/2000/svg"></svg>',
      channels: ['byfn-sys-channel', 'mychannel'], lines: 96,
      findings: [{ channel: 'mychannel', kind: 'pre-votes-rejected', severity: 'warning', node: '3', message: '…' }], consenters: { 3: 'orderer3.example.com:7050' },
    }, 'configtx.yaml');
    assert.equal(r.kind, 'shown');
    if (r.kind === 'shown') {
      assert.equal(r.content.title, 'Election timeline from orderer3.log');
      assert.ok(r.content.svg?.startsWith('<svg'));
      assert.equal(r.content.markdown, '### Channel `mychannel`\n');
      assert.equal(r.summary, '2 channels, 1 finding, 1 log node matched to consenters of configtx.yaml');
    }
    const none = readLogTimelineAnswer({ title: 't', markdown: 'No Raft election lines found in 1 lines', channels: [], findings: [], consenters: {} }, 'configtx.yaml');
    assert.equal(none.kind === 'shown' && none.summary, 'no Raft election lines in these logs');
  });

  it('passes the server\'s error on and refuses an empty answer', () => {
    assert.deepEqual(readLogTimelineAnswer({ error: 'raftlens.timelineFromLogs: no such log file: /x.log' }, 'configtx.yaml'),
      { kind: 'error', message: 'raftlens.timelineFromLogs: no such log file: /x.log' });
    assert.equal(readLogTimelineAnswer(undefined, 'configtx.yaml').kind, 'error');
  });

  it('is not mistaken for the live network\'s timeline command, and has its own panel', () => {
    assert.equal(isTimelineCommand(TIMELINE_FROM_LOGS), false);
    assert.notEqual(logTimelineViewKey(URI), URI);
  });
});
