// The real machine behind ArchiveRunner and ArchiveKey: child processes with a time limit, file stamps.
import { execFile } from 'node:child_process';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import type { ArchiveKey, ArchiveRunner } from './classData';

export function nodeArchiveRunner(): ArchiveRunner {
  return {
    run(executable, args, timeoutMs) {
      return new Promise((resolve) => {
        execFile(executable, args, { timeout: timeoutMs, windowsHide: true }, (error) => resolve(!error));
      });
    },
    async exists(file) {
      try {
        await stat(file);
        return true;
      } catch {
        return false;
      }
    },
    async mkdirs(dir) {
      await mkdir(dir, { recursive: true });
    },
    rename,
    async remove(file) {
      await rm(file, { force: true });
    },
    async touch(file) {
      await writeFile(file, '');
    },
  };
}

/** The key of the archive for this Java executable and server jar; undefined when either cannot be read. */
export async function archiveKey(javaExecutable: string, jar: string): Promise<ArchiveKey | undefined> {
  try {
    const [java, server] = await Promise.all([stat(javaExecutable), stat(jar)]);
    return { javaExecutable, javaStamp: `${java.size}:${java.mtimeMs}`, jar, jarStamp: `${server.size}:${server.mtimeMs}` };
  } catch {
    return undefined;
  }
}
