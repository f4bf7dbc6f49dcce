// End-to-end test in Eclipse Theia: the minimal Theia 1.74.1 browser app that install-theia.sh builds
// from npm, with the packaged .vsix as the only extension (no YAML extension, no settings beyond
// `raftlens.network.tick`), on 127.0.0.1, driven through Debian's chromium by puppeteer-core.
// The workspace-trust prompt is answered "No, I don't trust the authors" (Restricted Mode): the
// extension declares what it needs in untrusted folders and must work there as it is.
//   1. a broken configtx → its RaftLens diagnostics in the Problems view, the file shown as YAML;
//   2. completion and hover on an EtcdRaft option key, answered by the server;
//   3. "Launch network" from the code lens → one leader and four followers in the lenses, the status
//      bar and the Raft Network tree; "Stop network" → the consenter ports are free again;
//   4. "RaftLens: Launch network" from the command palette → the same; "Kill node" on the leader from
//      the tree's context menu → a new leader at a higher term; "Show election timeline" opens the
//      extension's own webview (picture + table); "Stop network" → ports free.
// Screenshots go to docs/images/theia-*.png. Every wait is bounded; the run stops what it started.
//
// Environment: RAFTLENS_VSIX (default dist/raftlens.vsix), THEIA_DIR (default
// ~/.cache/raftlens-e2e/theia), CHROMIUM (default /usr/bin/chromium), E2E_SCREENSHOTS (default
// ../docs/images), E2E_KEEP=1 keeps the temporary folder.
import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { timelineWebview } from '../timelineWebview.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const ext = resolve(here, '..', '..');
const repo = resolve(ext, '..');
const vsix = resolve(process.env.RAFTLENS_VSIX ?? join(ext, 'dist', 'raftlens.vsix'));
const theiaDir = resolve(process.env.THEIA_DIR ?? join(homedir(), '.cache', 'raftlens-e2e', 'theia'));
const backend = join(theiaDir, 'src-gen', 'backend', 'main.js');
const chromium = process.env.CHROMIUM ?? '/usr/bin/chromium';
const shots = resolve(process.env.E2E_SCREENSHOTS ?? join(repo, 'docs', 'images'));
const TOTAL_BUDGET_MS = 7 * 60_000;
const LIVE_WAIT_MS = 90_000;

const sampleText = readFileSync(join(repo, 'samples', 'five-orderers', 'configtx.yaml'), 'utf8');
const sample = sampleText.split('\n');
/** the consenters' ports in the sample: what a launch binds and a stop must free */
const CONSENTER_PORTS = [...sampleText.matchAll(/^\s+Port: (\d+)$/gm)].map((m) => Number(m[1]));
const lineOf = (re) => sample.findIndex((l) => re.test(l)) + 1;

const results = [];
const started = Date.now();
const log = (line) => console.log(`[theia-e2e +${((Date.now() - started) / 1000).toFixed(1)}s] ${line}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function fail(message) {
  throw new Error(message);
}

async function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/** true when nothing listens on 127.0.0.1:port (we can bind it ourselves) */
async function portFree(port) {
  return new Promise((resolveFree) => {
    const server = createServer();
    server.once('error', () => resolveFree(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolveFree(true)));
  });
}

async function busyPorts() {
  const busy = [];
  for (const p of CONSENTER_PORTS) {
    if (!(await portFree(p))) busy.push(p);
  }
  return busy;
}

async function waitFor(what, timeoutMs, probe, intervalMs = 500) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const last = await probe();
    if (last) return last;
    await sleep(intervalMs);
  }
  fail(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
}

async function record(name, body) {
  try {
    await body();
    results.push({ name, status: 'passed' });
    log(`PASS ${name}`);
  } catch (e) {
    results.push({ name, status: 'failed', reason: e.message });
    log(`FAIL ${name}: ${e.message}`);
  }
}

async function key(page, combo) {
  const parts = combo.split('+');
  for (const p of parts.slice(0, -1)) await page.keyboard.down(p);
  await page.keyboard.press(parts[parts.length - 1]);
  for (const p of parts.slice(0, -1).reverse()) await page.keyboard.up(p);
}

async function shot(page, name) {
  const path = join(shots, name);
  await page.screenshot({ path });
  log(`screenshot ${path}`);
}

// ---- the workbench

const quickRows = (page) => page.evaluate(() => [...document.querySelectorAll('.quick-input-list .monaco-list-row')].map((r) => r.textContent));

/** Ctrl+P, then the row whose label is the file's name in the given folder */
async function openFile(page, folder, name) {
  await key(page, 'Control+KeyP');
  await page.waitForSelector('.quick-input-widget input', { visible: true, timeout: 15_000 });
  await page.keyboard.type(name, { delay: 20 });
  const label = `${name}${folder}`;
  await waitFor(`quick open to list ${folder}/${name}`, 15_000, async () => (await quickRows(page)).some((r) => r.startsWith(label)));
  await page.evaluate((l) => [...document.querySelectorAll('.quick-input-list .monaco-list-row')].find((r) => r.textContent.startsWith(l)).click(), label);
  await waitFor(`an editor tab for ${name}`, 20_000, () =>
    page.evaluate((n) => [...document.querySelectorAll('#theia-main-content-panel .lm-TabBar-tab.theia-mod-active')].some((t) => t.textContent.startsWith(n)), name));
}

async function runCommand(page, title) {
  for (let attempt = 1; attempt <= 2; attempt++) {
    await page.keyboard.press('F1');
    if (await page.waitForSelector('.quick-input-widget input', { visible: true, timeout: 5_000 }).catch(() => undefined)) break;
    // focus can sit where F1 means nothing: go back to the editor
    await page.click('#theia-main-content-panel .monaco-editor .view-lines').catch(() => undefined);
  }
  await page.keyboard.type(title, { delay: 15 });
  await waitFor(`the command "${title}" in the palette`, 15_000, async () => (await quickRows(page)).some((r) => r.includes(title)));
  await page.evaluate((t) => [...document.querySelectorAll('.quick-input-list .monaco-list-row')].find((r) => r.textContent.includes(t)).click(), title);
}

/** Go to Line; `centered` jumps from line 1 first, so that the editor centres the line (a line revealed at
 * the top would sit under the sticky-scroll header, which swallows clicks on its code lens) */
async function goToLine(page, line, centered = false) {
  if (centered) await goToLine(page, 1);
  await page.click('#theia-main-content-panel .monaco-editor .view-lines');
  await key(page, 'Control+KeyG');
  await page.waitForSelector('.quick-input-widget input', { visible: true, timeout: 15_000 });
  await page.keyboard.type(String(line), { delay: 20 });
  await page.keyboard.press('Enter');
  await sleep(500);
}

/** the Problems panel takes half the editor's height: the five consenters must fit on screen */
async function hideBottomPanel(page) {
  const shown = await page.evaluate(() => {
    const panel = document.getElementById('theia-bottom-content-panel');
    return !!panel && !panel.classList.contains('lm-mod-hidden') && panel.getBoundingClientRect().height > 0;
  });
  if (shown) {
    await page.evaluate(() => document.getElementById('status-bar-bottom-panel-toggle')?.click());
    await sleep(500);
  }
}

async function statusItems(page) {
  return page.evaluate(() => [...document.querySelectorAll('#theia-statusBar .element')].map((e) => e.textContent.trim()));
}

async function raftStatus(page) {
  return (await statusItems(page)).find((t) => t.startsWith('Raft ')) ?? '';
}

async function lenses(page) {
  return page.evaluate(() => [...document.querySelectorAll('#theia-main-content-panel .codelens-decoration')].map((l) => l.textContent));
}

/** the side bar's RaftLens view container: shown by its activity-bar tab (a click on a shown tab would hide it) */
async function showRaftLensView(page) {
  if ((await treeText(page)) === '') {
    // Lumino tabs react to the pointer, not to a DOM click()
    const tab = await page.$('[id="shell-tab-plugin-view-container:workbench.view.extension.raftlens"]');
    await (tab ?? fail('no RaftLens tab in the activity bar')).click();
  }
  await waitFor('the Raft Network view', 15_000, async () => (await treeText(page)) !== '');
  await widenSidebar(page);
}

/** drags the handle right of the side bar so node descriptions (role · term · height) fit */
async function widenSidebar(page, width = 430) {
  const at = await page.evaluate(() => {
    const bar = document.getElementById('theia-left-side-panel')?.getBoundingClientRect();
    const handle = [...document.querySelectorAll('.lm-SplitPanel-handle')]
      .map((h) => h.getBoundingClientRect())
      .find((r) => bar && bar.width > 0 && Math.abs(r.left + r.width / 2 - bar.right) < 8 && r.height > 200);
    return handle && bar ? { x: handle.left + handle.width / 2, y: handle.top + handle.height / 2, left: bar.left } : undefined;
  });
  if (!at || at.x - at.left >= width) return;
  await page.mouse.move(at.x, at.y);
  await page.mouse.down();
  await page.mouse.move(at.left + width, at.y, { steps: 8 });
  await page.mouse.up();
  await sleep(500);
}

async function treeRows(page) {
  // innerText: empty while the side bar shows another view (hidden rows stay in the DOM)
  return page.evaluate(() => [...document.querySelectorAll('#theia-left-content-panel .theia-TreeNode')]
    .map((n) => n.innerText.replace(/\s+/g, ' ').trim())
    .filter((t) => t !== ''));
}

async function treeText(page) {
  return (await treeRows(page)).join('\n');
}

/** node name → "leader · term 2 · height 1" from the tree */
async function treeNodes(page) {
  const nodes = new Map();
  for (const row of await treeRows(page)) {
    const m = /^(orderer\d+\.example\.com)(.*)$/.exec(row);
    if (m) nodes.set(m[1], m[2].trim());
  }
  return nodes;
}

// ---- the checks

const ROLE_LENS = /^(leader|follower) · term (\d+)/;

/** one leader and four followers, at one term, in the lenses, the status bar and the tree */
async function expectElected(page, what, { up = 5, notLeader } = {}) {
  // the consenter lines must be on screen for their lenses to render
  await hideBottomPanel(page);
  await goToLine(page, lineOf(/Host: orderer3\.example\.com/) + 1, true);
  // the consenter lenses ("leader · term 2 · leader orderer1.example.com · …") and the lens above
  // them ("■ Stop · leader orderer1.example.com · term 2 · …") name the same leader; they refresh apart
  const { roles, leader } = await waitFor(`${what}: one leader in the consenter lenses and the lens above them`, LIVE_WAIT_MS, async () => {
    const all = await lenses(page);
    const found = all.map((l) => ROLE_LENS.exec(l)).filter(Boolean);
    const leaders = found.filter((m) => m[1] === 'leader');
    if (leaders.length !== 1 || found.length !== up) return undefined;
    const name = /leader (orderer\d+\.example\.com)/.exec(leaders[0].input)?.[1];
    return name && name !== notLeader && all.some((l) => l.startsWith(`■ Stop · leader ${name} · term ${leaders[0][2]}`)) ? { roles: found, leader: name } : undefined;
  });
  const term = roles.find((m) => m[1] === 'leader')[2];
  if (roles.filter((m) => m[1] === 'follower').length !== up - 1) fail(`${what}: expected ${up - 1} follower lenses, got ${roles.map((m) => m[0]).join('; ')}`);
  const short = leader.split('.')[0];
  const status = await waitFor(`${what}: the status bar to name ${short} at term ${term}`, 20_000, async () => {
    const t = await raftStatus(page);
    return t.includes(`${short} · term ${term} · ${up}/5 up`) ? t : undefined;
  });
  await showRaftLensView(page);
  const nodes = await waitFor(`${what}: ${short} leading and ${up - 1} followers in the Raft Network tree`, 20_000, async () => {
    const n = await treeNodes(page);
    const leaders = [...n].filter(([, d]) => d.startsWith(`leader · term ${term}`));
    const followers = [...n].filter(([, d]) => d.startsWith(`follower · term ${term}`));
    return n.size === 5 && leaders.length === 1 && leaders[0][0] === leader && followers.length === up - 1 ? n : undefined;
  });
  log(`${what}: lenses ${roles.map((m) => m[1]).join(', ')} · status bar "${status}" · tree ${[...nodes].map(([k, v]) => `${k.split('.')[0]}: ${v}`).join('; ')}`);
  return { leader, term: Number(term) };
}

async function testDiagnostics(page) {
  await openFile(page, 'five-orderers', 'configtx-broken.yaml');
  const language = await waitFor('the status bar to show the file as YAML', 20_000, async () => (await statusItems(page)).find((t) => t === 'YAML'));
  // the Problems view, from the status bar's problem counts
  await page.evaluate(() => document.getElementById('status-bar-problem-marker-status')?.click());
  const rows = await waitFor('RAFT001 and VAL007 in the Problems view', LIVE_WAIT_MS, async () => {
    const text = await page.evaluate(() => document.querySelector('#problems')?.innerText ?? '');
    return text.includes('raftlens(RAFT001)') && text.includes('raftlens(VAL007)') ? text : undefined;
  });
  if (!/ElectionTick \(1.*must be greater than HeartbeatTick/.test(rows)) fail('the RAFT001 problem does not explain ElectionTick vs HeartbeatTick');
  log(`language "${language}"; Problems view:\n${rows.split('\n').map((r) => `    ${r}`).join('\n')}`);
  await sleep(1000);
  await shot(page, 'theia-problems.png');
}

async function testCompletionAndHover(page) {
  // completion of an EtcdRaft option key: "MaxInflightBlocks: 5" retyped as "MaxIn", so that no word of
  // the document offers it (monaco's word-based fallback) and only the server can
  await goToLine(page, lineOf(/^\s+MaxInflightBlocks:/));
  await key(page, 'End');
  await key(page, 'Shift+Home');
  await page.keyboard.type('MaxIn', { delay: 30 });
  await key(page, 'Control+Space');
  const suggestion = await waitFor('the MaxInflightBlocks completion', 20_000, () =>
    page.evaluate(() => {
      const row = [...document.querySelectorAll('.suggest-widget .monaco-list-row')].find((r) => r.textContent.includes('MaxInflightBlocks'));
      const icon = row?.querySelector('.suggest-icon')?.className ?? '';
      return row ? { text: row.textContent, icon } : undefined;
    }));
  if (/symbol-text/.test(suggestion.icon)) fail(`MaxInflightBlocks came from monaco's word list (${suggestion.icon}), not from the server`);
  // the selected item's documentation
  await key(page, 'Control+Space');
  await sleep(1000);
  const details = await page.evaluate(() => document.querySelector('.suggest-details')?.innerText ?? '');
  log(`completion: "${suggestion.text}" (${suggestion.icon.replace(/.*codicon-/, '')}); details: ${details.replace(/\s+/g, ' ').slice(0, 160)}`);
  await shot(page, 'theia-completion.png');
  // accept it: the line is a key again and the file as broken as before
  await page.keyboard.press('Enter');
  await sleep(500);
  // hover on the ElectionTick key
  await goToLine(page, lineOf(/^\s+ElectionTick:/));
  const at = await page.evaluate(() => {
    const span = [...document.querySelectorAll('#theia-main-content-panel .monaco-editor .view-line span span')].find((s) => s.textContent === 'ElectionTick');
    const r = span?.getBoundingClientRect();
    return r && { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  });
  if (!at) fail('the ElectionTick key is not on screen');
  const hover = await waitFor('the hover on ElectionTick', 20_000, async () => {
    await page.mouse.move(at.x - 4, at.y);
    await page.mouse.move(at.x, at.y, { steps: 3 });
    await sleep(1500);
    const text = await page.evaluate(() => [...document.querySelectorAll('.monaco-hover')].map((h) => h.innerText).join('\n'));
    return /ElectionTick is the number of Node\.Tick invocations/.test(text) ? text : undefined;
  }, 100);
  if (!/must be greater than HeartbeatTick/.test(hover)) fail(`the hover does not give the rule: ${hover}`);
  log(`hover: ${hover.replace(/\s+/g, ' ').slice(0, 200)}`);
  await shot(page, 'theia-hover.png');
  await page.mouse.move(5, 400);
}

async function clickLaunchLens(page) {
  await hideBottomPanel(page);
  await goToLine(page, lineOf(/Host: orderer3\.example\.com/) + 1, true);
  const before = await waitFor('the "▶ Launch network" code lens', 30_000, async () => (await lenses(page)).find((l) => l.startsWith('▶ Launch network')));
  log(`code lens: ${before}`);
  const at = await page.evaluate(() => {
    const a = [...document.querySelectorAll('#theia-main-content-panel .codelens-decoration a')].find((x) => x.textContent.startsWith('▶ Launch network'));
    const r = a?.getBoundingClientRect();
    return r && { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  });
  const hit = await page.evaluate((p) => document.elementFromPoint(p.x, p.y)?.textContent ?? '', at);
  if (!hit.startsWith('▶ Launch network')) fail(`something covers the launch lens at ${JSON.stringify(at)}: "${hit}"`);
  await page.mouse.move(at.x, at.y);
  await sleep(300);
  await page.mouse.click(at.x, at.y);
}

async function stopNetwork(page) {
  await runCommand(page, 'RaftLens: Stop network');
  await waitFor('Stop network to clear the tree and the status bar', 30_000, async () =>
    (await treeText(page)).includes('Launch network…') && (await raftStatus(page)) === '');
  const busy = await waitFor('the consenter ports to be free', 20_000, async () => ((await busyPorts()).length === 0 ? [] : undefined))
    .catch(async () => busyPorts());
  if (busy.length > 0) fail(`ports still bound after Stop network: ${busy.join(', ')}`);
  log(`stopped; ports ${CONSENTER_PORTS.join(', ')} free`);
}

async function testLaunchFromLens(page) {
  const busy = await busyPorts();
  if (busy.length > 0) fail(`the sample's ports are taken before the launch (another process?): ${busy.join(', ')}`);
  await openFile(page, 'five-orderers', 'configtx.yaml');
  await clickLaunchLens(page);
  await expectElected(page, 'launched from the lens');
  await sleep(1000);
  await shot(page, 'theia-live-network.png');
  await stopNetwork(page);
}

/** right-clicks the node's row in the Raft Network tree and picks the menu item */
async function treeAction(page, nodeName, itemText, done) {
  for (let attempt = 1; attempt <= 3; attempt++) {
    const row = await page.evaluateHandle((n) =>
      [...document.querySelectorAll('#theia-left-content-panel .theia-TreeNode')].find((r) => r.textContent.trim().startsWith(n)), nodeName);
    const element = row.asElement() ?? fail(`${nodeName} is not in the Raft Network tree`);
    // Theia opens a tree row's context menu only on a selected row
    await element.click();
    await sleep(300);
    await element.click({ button: 'right' });
    const item = await page
      .waitForFunction((t) => [...document.querySelectorAll('.lm-Menu .lm-Menu-item')].find((i) => i.textContent.includes(t)), { timeout: 5_000 }, itemText)
      .then((h) => h.asElement())
      .catch(() => undefined);
    if (!item) {
      await page.keyboard.press('Escape');
      continue;
    }
    await item.click();
    if (await waitFor(`"${itemText}" on ${nodeName} to take effect`, 20_000, done).catch(() => false)) return;
  }
  fail(`"${itemText}" from the context menu of ${nodeName} was missing or had no effect, 3 tries`);
}

async function testPaletteKillTimelineStop(page) {
  await openFile(page, 'five-orderers', 'configtx.yaml');
  await runCommand(page, 'RaftLens: Launch network');
  const first = await expectElected(page, 'launched from the palette');
  await treeAction(page, first.leader, 'Kill node', async () => (await treeNodes(page)).get(first.leader)?.startsWith('stopped'));
  const next = await waitFor('a new leader at a higher term', 45_000, async () => {
    const n = await treeNodes(page);
    const lead = [...n].find(([, d]) => d.startsWith('leader · term'));
    return lead && lead[0] !== first.leader && Number(/term (\d+)/.exec(lead[1])[1]) > first.term ? lead : undefined;
  });
  const second = await expectElected(page, 'after killing the leader', { up: 4, notLeader: first.leader });
  log(`re-election: ${first.leader} killed at term ${first.term}; ${second.leader} leads at term ${second.term} (tree: ${next[0]} ${next[1]})`);
  await showRaftLensView(page);
  await sleep(1000);
  await shot(page, 'theia-reelected.png');

  await runCommand(page, 'RaftLens: Show election timeline');
  await waitFor('the election timeline tab', 20_000, () =>
    page.evaluate(() => [...document.querySelectorAll('#theia-main-content-panel .lm-TabBar-tab')].some((t) => t.textContent.includes('Election timeline'))));
  const view = await waitFor('the timeline webview with its picture and table', 30_000, () => timelineWebview(page));
  if (!view.picture) fail('the timeline webview shows no picture');
  if (view.rows === 0) fail('the timeline webview shows no table rows');
  if (!view.text.includes(first.leader) || !view.text.includes(second.leader)) fail(`the timeline does not name both leaders: ${view.text.slice(0, 400)}`);
  log(`timeline webview "${view.title}": picture shown, ${view.rows} table rows`);
  await sleep(1000);
  await shot(page, 'theia-election-timeline.png');
  // back to the file: Stop network then acts on it
  await page.evaluate(() => [...document.querySelectorAll('#theia-main-content-panel .lm-TabBar-tab')].find((t) => t.textContent.startsWith('configtx.yaml'))?.click());
  await sleep(500);
  await stopNetwork(page);
}

// ---- the session

function startTheia(root, ws, port) {
  const config = join(root, 'config');
  const child = spawn(process.execPath, [backend, ws, '--hostname=127.0.0.1', `--port=${port}`], {
    cwd: theiaDir,
    env: { ...process.env, THEIA_CONFIG_DIR: config },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const chunks = [];
  child.stdout.on('data', (d) => chunks.push(d));
  child.stderr.on('data', (d) => chunks.push(d));
  child.on('exit', () => {
    if (existsSync(root)) {
      try { writeFileSync(join(root, 'theia.log'), Buffer.concat(chunks)); } catch { /* removed meanwhile */ }
    }
  });
  return child;
}

/** pids of processes started from this run's folder (Theia's plugin host, the RaftLens server) */
function processesUnder(root) {
  const pids = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(root)) pids.push(Number(pid));
    } catch { /* gone */ }
  }
  return pids.filter((p) => p !== process.pid);
}

let current;

async function stopEverything(server, root) {
  if (server) {
    try { process.kill(-server.pid, 'SIGTERM'); } catch { /* already gone */ }
    await sleep(1500);
    try { process.kill(-server.pid, 'SIGKILL'); } catch { /* already gone */ }
  }
  for (const pid of processesUnder(root)) {
    try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
  }
}

async function main() {
  for (const [what, path] of [['the .vsix (npm run package)', vsix], ['Theia (e2e/theia/install-theia.sh)', backend], ['chromium', chromium]]) {
    if (!existsSync(path)) {
      console.log(`FAILED: ${what} is missing: ${path}`);
      console.log('theia-e2e: 0 passed, 1 failed');
      process.exit(1);
    }
  }
  mkdirSync(shots, { recursive: true });
  const root = mkdtempSync(join(tmpdir(), 'raftlens-theia-e2e-'));
  const watchdog = setTimeout(async () => {
    console.error(`[theia-e2e] FAILED: the whole run exceeded ${TOTAL_BUDGET_MS / 60000} minutes; kept ${root}`);
    await stopEverything(current, root);
    process.exit(1);
  }, TOTAL_BUDGET_MS);

  const ws = join(root, 'workspace');
  cpSync(join(repo, 'samples', 'five-orderers'), join(ws, 'five-orderers'), { recursive: true });
  const broken = sampleText.replace('ElectionTick: 10', 'ElectionTick: 1').replace('BatchTimeout: 2s', 'BatchTimeout: 2 seconds');
  writeFileSync(join(ws, 'five-orderers', 'configtx-broken.yaml'), broken);
  // a user's install: the .vsix in the user plugins folder, one setting of the extension's own
  mkdirSync(join(root, 'config', 'plugins'), { recursive: true });
  copyFileSync(vsix, join(root, 'config', 'plugins', 'raftlens.vsix'));
  writeFileSync(join(root, 'config', 'settings.json'), JSON.stringify({ 'raftlens.network.tick': '100ms' }, null, 2));

  let browser;
  let ok = true;
  try {
    const port = await freePort();
    current = startTheia(root, ws, port);
    await waitFor('Theia to listen', 60_000, async () => {
      try { return (await fetch(`http://127.0.0.1:${port}/`)).ok; } catch { return false; }
    });
    browser = await puppeteer.launch({
      executablePath: chromium,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync', '--window-size=1400,900'],
      userDataDir: join(root, 'chromium'),
      defaultViewport: { width: 1400, height: 900 },
      protocolTimeout: 120_000,
    });
    const page = await browser.newPage();
    // "localhost", not 127.0.0.1: Theia serves webviews from <uuid>.webview.<host>, and only
    // *.localhost names resolve to the loopback without DNS
    await page.goto(`http://localhost:${port}/`, { waitUntil: 'networkidle2', timeout: 90_000 });
    await record('workspace trust prompt answered "No": Restricted Mode, RaftLens still loads', async () => {
      await page.waitForSelector('.dialogOverlay button.secondary', { visible: true, timeout: 60_000 });
      const label = await page.$eval('.dialogOverlay button.secondary', (b) => b.textContent);
      if (!label.includes("don't trust")) fail(`unexpected trust dialog button "${label}"`);
      await page.click('.dialogOverlay button.secondary');
      await waitFor('"Restricted Mode" in the status bar', 20_000, async () => (await statusItems(page)).includes('Restricted Mode'));
      await waitFor('the RaftLens activity-bar tab', 30_000, () =>
        page.evaluate(() => !!document.getElementById('shell-tab-plugin-view-container:workbench.view.extension.raftlens')));
    });
    log('workbench loaded');
    await record('broken configtx → its diagnostics in the Problems view (file recognised as YAML)', () => testDiagnostics(page));
    await record('completion and hover on an EtcdRaft option key', () => testCompletionAndHover(page));
    await record('Launch network from the code lens → 1 leader + 4 followers in lenses, status bar, tree; stop → ports free', () => testLaunchFromLens(page));
    await record('Launch network from the palette → kill the leader from the tree → new leader; election timeline webview; stop → ports free', () =>
      testPaletteKillTimelineStop(page));
    if (results.some((r) => r.status === 'failed')) {
      ok = false;
      await page.screenshot({ path: join(root, 'failure.png') }).catch(() => undefined);
      log(`failure screenshot: ${join(root, 'failure.png')}; Theia log: ${join(root, 'theia.log')}`);
    }
  } catch (e) {
    ok = false;
    results.push({ name: 'setup', status: 'failed', reason: e.message });
    log(`FAIL setup: ${e.message}`);
  } finally {
    await browser?.close().catch(() => undefined);
    await stopEverything(current, root);
    const left = await busyPorts();
    if (left.length > 0) {
      results.push({ name: 'nothing left running', status: 'failed', reason: `ports still bound after the run: ${left.join(', ')}` });
      ok = false;
    }
    clearTimeout(watchdog);
    if (ok && process.env.E2E_KEEP !== '1') {
      rmSync(root, { recursive: true, force: true });
    } else {
      log(`kept ${root}`);
    }
  }
  const count = (s) => results.filter((r) => r.status === s).length;
  for (const r of results.filter((r) => r.status === 'failed')) console.log(`FAILED: ${r.name}: ${r.reason}`);
  console.log(`theia-e2e: ${count('passed')} passed, ${count('failed')} failed`);
  process.exit(count('failed') > 0 ? 1 : 0);
}

await main();
