// Which files RaftLens serves: configtx*.yaml, orderer*.yaml (also .yml, any case) and YAML whose
// first lines carry a `# raftlens: configtx|orderer` modeline — the server's own rule
// (config-schema FileKinds/Modeline). Every other YAML file is left to other extensions.

/** Lines searched for a modeline, as the server does. */
export const MODELINE_LINES = 10;

const MODELINE = /^\s*#\s*raftlens:\s*(configtx|orderer)\b/i;

export function isConfigFileName(fileName: string): boolean {
  const base = fileName.split(/[\\/]/).pop()?.toLowerCase() ?? '';
  return (base.endsWith('.yaml') || base.endsWith('.yml')) && (base.startsWith('configtx') || base.startsWith('orderer'));
}

export function hasModeline(text: string): boolean {
  const lines = text.split('\n', MODELINE_LINES);
  return lines.some((line) => MODELINE.test(line));
}

export function isRaftLensDocument(fileName: string, text: string): boolean {
  return isConfigFileName(fileName) || hasModeline(text);
}
