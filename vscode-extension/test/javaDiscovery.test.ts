import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JavaProbe, findJava, parseJavaVersion } from '../src/java/javaDiscovery';

const OPENJDK_17 = 'openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime Environment (build 17.0.15+6-Debian-1deb12u1)\n';
const JAVA_8 = 'java version "1.8.0_381"\nJava(TM) SE Runtime Environment (build 1.8.0_381-b09)\n';
const JAVA_11 = 'openjdk version "11.0.22" 2024-01-16\n';

function probe(files: Record<string, string | Error>, env: Record<string, string> = {}, platform: NodeJS.Platform = 'linux'): JavaProbe & { ran: string[] } {
  const ran: string[] = [];
  return {
    platform,
    env,
    ran,
    async isFile(file) {
      return file in files;
    },
    async versionOutput(executable) {
      ran.push(executable);
      return files[executable] ?? new Error('ENOENT');
    },
  };
}

describe('parseJavaVersion', () => {
  it('reads modern, legacy, early-access and bare versions', () => {
    assert.equal(parseJavaVersion(OPENJDK_17), 17);
    assert.equal(parseJavaVersion(JAVA_8), 8);
    assert.equal(parseJavaVersion('openjdk version "25-ea" 2025-09-16'), 25);
    assert.equal(parseJavaVersion('openjdk version "21" 2023-09-19'), 21);
    assert.equal(parseJavaVersion('Picked up JAVA_TOOL_OPTIONS: -Xmx1g\nopenjdk version "21.0.2" 2024-01-16'), 21);
  });

  it('is undefined when there is no version', () => {
    assert.equal(parseJavaVersion('bash: java: command not found'), undefined);
    assert.equal(parseJavaVersion('version "beta"'), undefined);
  });
});

describe('findJava', () => {
  it('uses raftlens.java.home first, even when JAVA_HOME and the PATH have Java', async () => {
    const p = probe({ '/opt/jdk21/bin/java': 'openjdk version "21.0.2"', '/jh/bin/java': OPENJDK_17, '/usr/bin/java': OPENJDK_17 }, { JAVA_HOME: '/jh', PATH: '/usr/bin' });
    const result = await findJava('/opt/jdk21', p);
    assert.deepEqual(result, { ok: true, runtime: { executable: '/opt/jdk21/bin/java', version: 21, source: 'raftlens.java.home' } });
    assert.deepEqual(p.ran, ['/opt/jdk21/bin/java']);
  });

  it('reports a raftlens.java.home without bin/java instead of silently using another Java', async () => {
    const result = await findJava('/opt/nothing', probe({ '/usr/bin/java': OPENJDK_17 }, { PATH: '/usr/bin' }));
    assert.equal(result.ok, false);
    if (!result.ok) {
      assert.match(result.problem.message, /"raftlens\.java\.home" is \/opt\/nothing, but there is no \/opt\/nothing\/bin\/java/);
      assert.match(result.problem.fix, /bin\/java/);
    }
  });

  it('reports a raftlens.java.home that is older than 17 with the version found', async () => {
    const result = await findJava('/opt/jdk8', probe({ '/opt/jdk8/bin/java': JAVA_8 }));
    assert.equal(result.ok, false);
    if (!result.ok) {
      assert.equal(result.problem.message, 'RaftLens needs Java 17 or newer, but /opt/jdk8/bin/java (from raftlens.java.home) is Java 8.');
      assert.match(result.problem.fix, /Install a JDK 17 or newer/);
    }
  });

  it('takes JAVA_HOME before the PATH', async () => {
    const result = await findJava(undefined, probe({ '/jh/bin/java': OPENJDK_17, '/usr/bin/java': 'openjdk version "21"' }, { JAVA_HOME: '/jh', PATH: '/usr/bin' }));
    assert.equal(result.ok && result.runtime.source, 'JAVA_HOME');
  });

  it('falls back to the PATH when JAVA_HOME is too old', async () => {
    const result = await findJava('  ', probe({ '/jh/bin/java': JAVA_11, '/usr/local/bin/java': OPENJDK_17 }, { JAVA_HOME: '/jh', PATH: '/nope::/usr/local/bin' }));
    assert.deepEqual(result, { ok: true, runtime: { executable: '/usr/local/bin/java', version: 17, source: 'PATH' } });
  });

  it('names every Java it rejected when none is 17+', async () => {
    const result = await findJava(null, probe({ '/jh/bin/java': JAVA_11, '/usr/bin/java': JAVA_8 }, { JAVA_HOME: '/jh', PATH: '/usr/bin' }));
    assert.equal(result.ok, false);
    if (!result.ok) {
      assert.match(result.problem.message, /\/jh\/bin\/java \(from JAVA_HOME\) is Java 11\./);
      assert.match(result.problem.message, /\/usr\/bin\/java \(from PATH\) is Java 8\./);
    }
  });

  it('says plainly when there is no Java at all', async () => {
    const result = await findJava(undefined, probe({}, { PATH: '/usr/bin:/bin' }));
    assert.equal(result.ok, false);
    if (!result.ok) {
      assert.match(result.problem.message, /^No Java runtime found/);
      assert.match(result.problem.fix, /raftlens\.java\.home/);
    }
  });

  it('reports a java that cannot run or prints no version', async () => {
    const broken = await findJava('/opt/broken', probe({ '/opt/broken/bin/java': new Error('EACCES') }));
    assert.equal(!broken.ok && broken.problem.message, '/opt/broken/bin/java (from raftlens.java.home) could not be run: EACCES.');
    const odd = await findJava('/opt/odd', probe({ '/opt/odd/bin/java': 'Segmentation fault' }));
    assert.match(!odd.ok ? odd.problem.message : '', /did not report a Java version \("Segmentation fault"\)/);
  });

  it('uses java.exe and ; separators on Windows', async () => {
    const result = await findJava(undefined, probe({ 'C:\\jdk17\\bin\\java.exe': OPENJDK_17 }, { Path: 'C:\\Windows;C:\\jdk17\\bin' }, 'win32'));
    assert.deepEqual(result, { ok: true, runtime: { executable: 'C:\\jdk17\\bin\\java.exe', version: 17, source: 'PATH' } });
  });
});
