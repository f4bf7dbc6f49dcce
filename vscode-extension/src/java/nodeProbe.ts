// The real machine behind JavaProbe: file checks and `java -version` with a time limit.
import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import type { JavaProbe } from './javaDiscovery';

const VERSION_TIMEOUT_MS = 15_000;

export function nodeProbe(env: Record<string, string | undefined> = process.env): JavaProbe {
  return {
    platform: process.platform,
    env,
    async isFile(file: string): Promise<boolean> {
      try {
        return (await stat(file)).isFile();
      } catch {
        return false;
      }
    },
    versionOutput(executable: string): Promise<string | Error> {
      return new Promise((resolve) => {
        execFile(executable, ['-version'], { timeout: VERSION_TIMEOUT_MS, windowsHide: true }, (error, stdout, stderr) => {
          // java -version prints to stderr and exits 0; a timeout or spawn failure is an error
          if (error && !`${stdout}${stderr}`.includes('version')) {
            resolve(error.killed ? new Error(`no answer within ${VERSION_TIMEOUT_MS / 1000} s`) : error);
          } else {
            resolve(`${stderr}${stdout}`);
          }
        });
      });
    },
  };
}
