// Runs the README's "Other editors" snippets as written — the Neovim 0.7+ init.lua and the Emacs
// eglot setup are extracted from README.md, only the jar path is substituted — against the server
// jar, headless: a broken configtx gets its diagnostics, a YAML file with a "# raftlens:" modeline is
// taken, and a docker-compose.yaml is left alone. Bounded in time; prints "editors: N passed, …".
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const jar = resolve(process.env.RAFTLENS_JAR ?? join(here, '..', 'server', 'raftlens.jar'));
const readme = readFileSync(join(repo, 'README.md'), 'utf8');

/** the first fenced block of `lang` after the heading that starts with `heading` */
function snippet(heading, lang) {
  const start = readme.indexOf(`\n${heading}`);
  if (start < 0) throw new Error(`README.md has no heading "${heading}"`);
  const m = new RegExp('```' + lang + '\\n([\\s\\S]*?)```').exec(readme.slice(start));
  if (!m) throw new Error(`README.md has no \`\`\`${lang} block under "${heading}"`);
  return m[1];
}

function run(command, args, env) {
  const r = spawnSync(command, args, { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000 });
  return `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? `\n${r.error.message}` : ''}`;
}

const ws = mkdtempSync(join(tmpdir(), 'raftlens-editors-'));
cpSync(join(repo, 'samples', 'five-orderers'), join(ws, 'five-orderers'), { recursive: true });
const good = readFileSync(join(ws, 'five-orderers', 'configtx.yaml'), 'utf8');
writeFileSync(join(ws, 'five-orderers', 'configtx-broken.yaml'), good.replace('ElectionTick: 10', 'ElectionTick: 1').replace('BatchTimeout: 2s', 'BatchTimeout: 2 seconds'));
writeFileSync(join(ws, 'five-orderers', 'node-settings.yaml'), '# raftlens: orderer\nGeneral:\n  ListenPort: 7050\n');
writeFileSync(join(ws, 'five-orderers', 'docker-compose.yaml'), 'services:\n  web:\n    image: nginx\n');
const env = {
  BROKEN: join(ws, 'five-orderers', 'configtx-broken.yaml'),
  MODELINE: join(ws, 'five-orderers', 'node-settings.yaml'),
  OTHER: join(ws, 'five-orderers', 'docker-compose.yaml'),
  HOME: ws, // keep nvim's and emacs's state files out of the real home
};

const results = [];
function check(name, output, expectations) {
  const missing = expectations.filter((e) => !e.test(output));
  results.push({ name, ok: missing.length === 0 });
  console.log(`${missing.length === 0 ? 'PASS' : 'FAIL'} ${name}`);
  if (missing.length > 0) {
    console.log(`  expected ${missing.join(', ')} in:\n${output.split('\n').map((l) => `    ${l}`).join('\n')}`);
  }
}

try {
  const init = snippet('### Neovim 0.7+', 'lua').replace("vim.fn.expand('~/raftlens/lsp-server/target/raftlens.jar')", JSON.stringify(jar));
  writeFileSync(join(ws, 'init.lua'), init);
  writeFileSync(join(ws, 'check.lua'), `
local function count(path)
  vim.cmd('edit ' .. path)
  local buf = vim.api.nvim_get_current_buf()
  vim.wait(60000, function() return #vim.diagnostic.get(buf) > 0 end, 100)
  return buf
end
local buf = count(vim.env.BROKEN)
for _, d in ipairs(vim.diagnostic.get(buf)) do print(('diagnostic %s'):format(d.code or d.message)) end
vim.cmd('edit ' .. vim.env.MODELINE)
vim.wait(3000, function() return #vim.lsp.buf_get_clients(0) > 0 end, 100)
print(('modeline clients %d'):format(#vim.lsp.buf_get_clients(0)))
vim.cmd('edit ' .. vim.env.OTHER)
vim.wait(1500)
print(('other clients %d'):format(#vim.lsp.buf_get_clients(0)))
vim.cmd('qa!')
`);
  check('Neovim: README init.lua', run('nvim', ['--headless', '-u', join(ws, 'init.lua'), '-i', 'NONE', '-n', '-c', `luafile ${join(ws, 'check.lua')}`], env), [
    /diagnostic RAFT001/, /diagnostic VAL007/, /modeline clients 1/, /other clients 0/,
  ]);

  const el = snippet('### Emacs (eglot)', 'elisp').replace('"/path/to/raftlens.jar"', JSON.stringify(jar));
  writeFileSync(join(ws, 'init.el'), el);
  writeFileSync(join(ws, 'check.el'), `
(load-file ${JSON.stringify(join(ws, 'init.el'))})
(defun raftlens-visit (file)
  (find-file file)
  (run-hooks 'post-command-hook) ; eglot-ensure connects after the command that opened the file
  (let ((deadline (+ (float-time) 60)) diags)
    ;; the JVM may take longer than eglot's synchronous wait: poll until connected and diagnosed
    (while (and (< (float-time) deadline)
                (null (and (eglot-managed-p) (setq diags (progn (flymake-start) (flymake-diagnostics))))))
      (accept-process-output nil 0.2))
    diags))
(dolist (d (raftlens-visit (getenv "BROKEN"))) (message "diagnostic %s" (flymake-diagnostic-text d)))
(find-file (getenv "MODELINE"))
(message "modeline mode %s" major-mode)
(find-file (getenv "OTHER"))
(run-hooks 'post-command-hook)
(message "other mode %s managed %s" major-mode (if (eglot-managed-p) "yes" "no"))
(kill-emacs 0)
`);
  check('Emacs: README eglot setup', run('emacs', ['--batch', '-l', join(ws, 'check.el')], env), [
    /diagnostic raftlens \[RAFT001\]/, /diagnostic raftlens \[VAL007\]/, /modeline mode fabric-yaml-mode/, /other mode yaml-mode managed no/,
  ]);
} catch (e) {
  results.push({ name: 'README snippets', ok: false });
  console.log(`FAIL README snippets: ${e.message}`);
} finally {
  rmSync(ws, { recursive: true, force: true });
}
const passed = results.filter((r) => r.ok).length;
console.log(`editors: ${passed} passed, ${results.length - passed} failed`);
process.exit(passed === results.length ? 0 : 1);
