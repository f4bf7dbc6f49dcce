// Copies what the .vsix carries from the Maven build: the shaded server jar and the JSON schemas
// (contributed through yamlValidation for vscode-yaml users).
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const jar = join(repo, 'lsp-server', 'target', 'raftlens.jar');
const schemas = join(repo, 'config-schema', 'src', 'main', 'resources', 'io', 'raftlens', 'config', 'schema');
const ext = resolve(here, '..');

if (!existsSync(jar)) {
  console.error(`copy-server: ${jar} is missing. Build it first from the repository root:\n  ./mvnw -B -q -pl lsp-server -am package -DskipTests`);
  process.exit(2);
}
mkdirSync(join(ext, 'server'), { recursive: true });
copyFileSync(jar, join(ext, 'server', 'raftlens.jar'));
mkdirSync(join(ext, 'schemas'), { recursive: true });
const copied = readdirSync(schemas).filter((f) => f.endsWith('.schema.json'));
for (const f of copied) {
  copyFileSync(join(schemas, f), join(ext, 'schemas', f));
}
console.log(`copy-server: server/raftlens.jar and schemas/${copied.join(', schemas/')}`);
