// A stand-in language server that speaks the live half of the RaftLens LSP contract
// (shared/DESIGN.md): it offers the live commands, answers them with scripted elections, pushes
// raftlens/networkStatus and serves role code lenses. It lets the extension's live UI (decorations,
// status bar, Raft Network tree, context menu argument shapes, election log, timeline) be tested in
// code-server before, and independently of, the Java server's live feature. Every command it
// receives is appended as one JSON line to $MOCK_COMMAND_LOG.
//
// Started through a fake Java home (e2e/mock-java/bin/java), so the extension's real Java
// discovery and launch path are used.
import { appendFileSync } from 'node:fs';
import { StreamMessageReader, StreamMessageWriter, createMessageConnection } from 'vscode-jsonrpc/node';

const connection = createMessageConnection(new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout));
const LIVE = ['raftlens.launchNetwork', 'raftlens.stopNetwork', 'raftlens.stopNode', 'raftlens.killNode', 'raftlens.startNode',
  'raftlens.isolateNode', 'raftlens.heal', 'raftlens.transferLeader', 'raftlens.electionTimeline'];
const documents = new Map();
const networks = new Map();
const timeline = [];

function consenterRanges(text) {
  const lines = text.split('\n');
  const ranges = [];
  let inConsenters = false;
  lines.forEach((line, i) => {
    if (/^\s*Consenters:\s*$/.test(line)) {
      inConsenters = true;
    } else if (inConsenters && /^\s*- Host:\s*(\S+)/.test(line)) {
      ranges.push({ name: /Host:\s*(\S+)/.exec(line)[1], range: { start: { line: i, character: 0 }, end: { line: i, character: line.length } } });
    } else if (inConsenters && /^\s*[A-Z]\w*:/.test(line) && !/^\s*(Port|ClientTLSCert|ServerTLSCert|Host):/.test(line)) {
      inConsenters = false;
    }
  });
  return ranges;
}

function publish(uri) {
  const net = networks.get(uri);
  const nodes = net ? net.nodes.map((n) => ({ id: n.id, name: n.name, role: n.role, term: n.term, leader: n.leader, height: n.height, range: n.range })) : [];
  connection.sendNotification('raftlens/networkStatus', { uri, channel: net ? 'mychannel' : '', nodes });
  connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
}

function event(node, what, term) {
  timeline.push(`| ${new Date().toISOString().slice(11, 23)} | ${node} | ${what} | ${term} |`);
}

function elect(uri, candidateId, term) {
  const net = networks.get(uri);
  const candidate = net.nodes.find((n) => n.id === candidateId);
  for (const n of net.nodes.filter((n) => n.role !== 'stopped')) {
    n.leader = 0;
  }
  candidate.role = 'pre-candidate';
  event(candidate.name, 'became pre-candidate', candidate.term);
  publish(uri);
  setTimeout(() => {
    candidate.role = 'candidate';
    candidate.term = term;
    event(candidate.name, 'became candidate', term);
    publish(uri);
    setTimeout(() => {
      for (const n of net.nodes.filter((n) => n.role !== 'stopped')) {
        n.role = n.id === candidateId ? 'leader' : 'follower';
        n.term = term;
        n.leader = candidateId;
        n.height += 1;
      }
      event(candidate.name, 'became leader', term);
      publish(uri);
    }, 300);
  }, 300);
}

connection.onRequest('initialize', () => ({
  capabilities: { textDocumentSync: 1, codeLensProvider: { resolveProvider: false }, executeCommandProvider: { commands: LIVE } },
}));
connection.onNotification('textDocument/didOpen', (p) => documents.set(p.textDocument.uri, p.textDocument.text));
connection.onNotification('textDocument/didChange', (p) => documents.set(p.textDocument.uri, p.contentChanges.at(-1).text));
connection.onRequest('textDocument/codeLens', (p) => {
  const net = networks.get(p.textDocument.uri);
  if (!net) {
    const first = consenterRanges(documents.get(p.textDocument.uri) ?? '')[0];
    return first ? [{ range: first.range, command: { title: '▶ Launch network', command: 'raftlens.launchNetwork', arguments: [{ uri: p.textDocument.uri }] } }] : [];
  }
  return net.nodes.map((n) => ({ range: n.range, command: { title: `${n.role} · term ${n.term} · height ${n.height}`, command: '' } }));
});
connection.onRequest('workspace/executeCommand', (p) => {
  const arg = p.arguments?.[0] ?? {};
  if (process.env.MOCK_COMMAND_LOG) {
    appendFileSync(process.env.MOCK_COMMAND_LOG, `${JSON.stringify({ command: p.command, argument: arg })}\n`);
  }
  const net = networks.get(arg.uri);
  switch (p.command) {
    case 'raftlens.launchNetwork': {
      const ranges = consenterRanges(documents.get(arg.uri) ?? '');
      networks.set(arg.uri, { nodes: ranges.map((r, i) => ({ id: i + 1, name: r.name, range: r.range, role: 'follower', term: 1, leader: 0, height: 1 })) });
      publish(arg.uri);
      setTimeout(() => elect(arg.uri, 3, 2), 200);
      return { launched: ranges.length };
    }
    case 'raftlens.stopNetwork':
      networks.delete(arg.uri);
      publish(arg.uri);
      return null;
    case 'raftlens.killNode':
    case 'raftlens.stopNode': {
      const victim = net.nodes.find((n) => n.id === arg.node);
      const wasLeader = victim.role === 'leader';
      victim.role = 'stopped';
      event(victim.name, 'stopped', victim.term);
      publish(arg.uri);
      if (wasLeader) {
        const next = net.nodes.find((n) => n.role !== 'stopped');
        setTimeout(() => elect(arg.uri, next.id, victim.term + 1), 500);
      }
      return null;
    }
    case 'raftlens.startNode': {
      const node = net.nodes.find((n) => n.id === arg.node);
      const leader = net.nodes.find((n) => n.role === 'leader');
      Object.assign(node, { role: 'follower', term: leader?.term ?? node.term, leader: leader?.id ?? 0 });
      event(node.name, 'started, pre-vote rejected, follows', node.term);
      publish(arg.uri);
      return null;
    }
    case 'raftlens.electionTimeline':
      return `# Election timeline (server)\n\n| time | node | event | term |\n|---|---|---|---|\n${timeline.join('\n')}\n`;
    default:
      return null;
  }
});
connection.onRequest('shutdown', () => null);
connection.onNotification('exit', () => process.exit(0));
connection.listen();
