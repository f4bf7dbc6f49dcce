// Finds the Java runtime that runs the RaftLens server: the raftlens.java.home setting, then
// JAVA_HOME, then `java` on the PATH. Kept free of the vscode module so it can be unit tested.
import * as path from 'node:path';

export const MINIMUM_JAVA = 17;

export type JavaSource = 'raftlens.java.home' | 'JAVA_HOME' | 'PATH';

export interface JavaRuntime {
  /** absolute path of the java executable */
  executable: string;
  /** feature version: 17, 21, 8 for 1.8 … */
  version: number;
  source: JavaSource;
}

export interface JavaProblem {
  /** one sentence: what is wrong */
  message: string;
  /** what to do about it */
  fix: string;
}

export type JavaLookup = { ok: true; runtime: JavaRuntime } | { ok: false; problem: JavaProblem };

/** What discovery needs from the machine; tests pass fakes. */
export interface JavaProbe {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  isFile(file: string): Promise<boolean>;
  /** combined stdout+stderr of `<executable> -version`, or an Error when it could not run */
  versionOutput(executable: string): Promise<string | Error>;
}

/**
 * Parses the first `version "…"` of `java -version`: `openjdk version "17.0.15" 2025-04-15` → 17,
 * `java version "1.8.0_381"` → 8, `openjdk version "25-ea"` → 25. Undefined when there is none.
 */
export function parseJavaVersion(output: string): number | undefined {
  const m = /version\s+"([^"]+)"/.exec(output);
  if (!m) {
    return undefined;
  }
  const parts = m[1].split(/[.\-+_]/);
  const first = Number.parseInt(parts[0], 10);
  if (Number.isNaN(first)) {
    return undefined;
  }
  if (first === 1 && parts.length > 1) {
    const legacy = Number.parseInt(parts[1], 10);
    return Number.isNaN(legacy) ? undefined : legacy;
  }
  return first;
}

function javaIn(home: string, platform: NodeJS.Platform): string {
  const p = platform === 'win32' ? path.win32 : path.posix;
  return p.join(home, 'bin', platform === 'win32' ? 'java.exe' : 'java');
}

async function onPath(probe: JavaProbe): Promise<string | undefined> {
  const win = probe.platform === 'win32';
  const pathValue = probe.env.PATH ?? probe.env.Path ?? '';
  const p = win ? path.win32 : path.posix;
  for (const dir of pathValue.split(win ? ';' : ':')) {
    if (dir.trim() === '') {
      continue;
    }
    const candidate = p.join(dir, win ? 'java.exe' : 'java');
    if (await probe.isFile(candidate)) {
      return candidate;
    }
  }
  return undefined;
}

const INSTALL_FIX =
  `Install a JDK ${MINIMUM_JAVA} or newer (for example Eclipse Temurin, or "apt install openjdk-17-jre-headless") ` +
  'and set "raftlens.java.home" to its folder, or set JAVA_HOME, then run "RaftLens: Restart language server".';

async function check(executable: string, source: JavaSource, probe: JavaProbe): Promise<JavaLookup> {
  const output = await probe.versionOutput(executable);
  if (output instanceof Error) {
    return {
      ok: false,
      problem: { message: `${executable} (from ${source}) could not be run: ${output.message}.`, fix: INSTALL_FIX },
    };
  }
  const version = parseJavaVersion(output);
  if (version === undefined) {
    const firstLine = output.split('\n')[0]?.trim() ?? '';
    return {
      ok: false,
      problem: {
        message: `${executable} (from ${source}) did not report a Java version ("${firstLine}").`,
        fix: INSTALL_FIX,
      },
    };
  }
  if (version < MINIMUM_JAVA) {
    return {
      ok: false,
      problem: {
        message: `RaftLens needs Java ${MINIMUM_JAVA} or newer, but ${executable} (from ${source}) is Java ${version}.`,
        fix: INSTALL_FIX,
      },
    };
  }
  return { ok: true, runtime: { executable, version, source } };
}

/**
 * Finds Java. An explicit raftlens.java.home is the user's choice and is used or reported, never
 * skipped; otherwise JAVA_HOME is tried, then the PATH, and the first Java 17+ wins.
 */
export async function findJava(javaHomeSetting: string | undefined | null, probe: JavaProbe): Promise<JavaLookup> {
  const configured = javaHomeSetting?.trim();
  if (configured) {
    const executable = javaIn(configured, probe.platform);
    if (!(await probe.isFile(executable))) {
      return {
        ok: false,
        problem: {
          message: `"raftlens.java.home" is ${configured}, but there is no ${executable}.`,
          fix: `Point "raftlens.java.home" at the folder of a JDK ${MINIMUM_JAVA}+ (the one that contains bin/java), or clear it to use JAVA_HOME or the PATH.`,
        },
      };
    }
    return check(executable, 'raftlens.java.home', probe);
  }

  const problems: JavaProblem[] = [];
  const javaHome = probe.env.JAVA_HOME?.trim();
  if (javaHome) {
    const executable = javaIn(javaHome, probe.platform);
    if (await probe.isFile(executable)) {
      const result = await check(executable, 'JAVA_HOME', probe);
      if (result.ok) {
        return result;
      }
      problems.push(result.problem);
    } else {
      problems.push({ message: `JAVA_HOME is ${javaHome}, but there is no ${executable}.`, fix: INSTALL_FIX });
    }
  }
  const fromPath = await onPath(probe);
  if (fromPath) {
    const result = await check(fromPath, 'PATH', probe);
    if (result.ok) {
      return result;
    }
    problems.push(result.problem);
  }
  if (problems.length === 0) {
    return {
      ok: false,
      problem: {
        message: 'No Java runtime found: "raftlens.java.home" and JAVA_HOME are not set and there is no java on the PATH.',
        fix: INSTALL_FIX,
      },
    };
  }
  return { ok: false, problem: { message: problems.map((p) => p.message).join(' '), fix: INSTALL_FIX } };
}
