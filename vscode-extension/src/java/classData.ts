// The class-data (AppCDS) archive the server starts from, as with the ./raftlens launcher: made once per
// server jar and Java runtime by a training run (`lsp --warm-up`, a scripted editor session in the server
// process, with -XX:ArchiveClassesAtExit), kept only if the JVM accepts it (-Xshare:on), then passed with
// -XX:SharedArchiveFile. An archive the JVM rejects later is ignored (-Xshare:auto, its messages off); a
// runtime that cannot make one is remembered in ARCHIVE.off. Kept free of the vscode module so it can be
// unit tested.
import { createHash } from 'node:crypto';
import * as p from 'node:path';

/** What an archive belongs to: the Java executable and the server jar, each with its size and mtime. */
export interface ArchiveKey {
  javaExecutable: string;
  javaStamp: string;
  jar: string;
  jarStamp: string;
}

/** The archive for that runtime and jar in the extension's storage folder. */
export function archiveFile(storageDir: string, key: ArchiveKey): string {
  const id = createHash('sha256')
    .update([key.javaExecutable, key.javaStamp, key.jar, key.jarStamp].join('\n'))
    .digest('hex')
    .slice(0, 16);
  return p.join(storageDir, `raftlens-lsp-${id}.jsa`);
}

/** JVM options that start the server from the archive (placed before the user's raftlens.server.vmArgs). */
export function archiveVmArgs(archive: string): string[] {
  return [`-XX:SharedArchiveFile=${archive}`, '-Xshare:auto', '-Xlog:cds=off', '-Xlog:cds+dynamic=off'];
}

/** The machine behind prepareArchive: running Java, and the few file operations it needs. */
export interface ArchiveRunner {
  /** runs the executable to its end; true when it exited with 0 within the time limit */
  run(executable: string, args: string[], timeoutMs: number): Promise<boolean>;
  exists(file: string): Promise<boolean>;
  mkdirs(dir: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  remove(file: string): Promise<void>;
  touch(file: string): Promise<void>;
}

export type ArchiveState = 'ready' | 'unavailable';

const TRAINING_TIMEOUT_MS = 120_000;
const CHECK_TIMEOUT_MS = 30_000;

/** Whether the archive is there, or this runtime is known not to make one (then nothing is tried again). */
export async function archiveState(archive: string, runner: ArchiveRunner): Promise<ArchiveState | 'missing'> {
  if (await runner.exists(archive)) {
    return 'ready';
  }
  return (await runner.exists(`${archive}.off`)) ? 'unavailable' : 'missing';
}

/**
 * Makes the archive: the training run writes a temporary file at exit, which becomes the archive only if a
 * JVM started with -Xshare:on accepts it. Runs the way the server runs, so it can go in the background.
 */
export async function makeArchive(java: string, jar: string, archive: string, runner: ArchiveRunner, unique: string): Promise<ArchiveState> {
  const tmp = `${archive}.${unique}.tmp`;
  try {
    await runner.mkdirs(p.dirname(archive));
    await runner.run(java, ['-Xshare:auto', '-Xlog:disable', `-XX:ArchiveClassesAtExit=${tmp}`, '-jar', jar, 'lsp', '--warm-up'], TRAINING_TIMEOUT_MS);
    const accepted = (await runner.exists(tmp))
      && (await runner.run(java, ['-Xshare:on', '-Xlog:disable', `-XX:SharedArchiveFile=${tmp}`, '-jar', jar, '--version'], CHECK_TIMEOUT_MS));
    if (accepted) {
      await runner.rename(tmp, archive);
      return 'ready';
    }
    await runner.touch(`${archive}.off`);
    return 'unavailable';
  } finally {
    await runner.remove(tmp).catch(() => undefined);
  }
}
