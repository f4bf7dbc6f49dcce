import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ArchiveRunner, archiveFile, archiveState, archiveVmArgs, makeArchive } from '../src/java/classData';

const KEY = { javaExecutable: '/usr/bin/java', javaStamp: '16000:1700000000000', jar: '/ext/server/raftlens.jar', jarStamp: '29678434:1764173400000' };

/** A runner over an in-memory folder; each Java run is recorded and answered by `java`. */
function runner(files: Set<string>, java: (args: string[]) => boolean): ArchiveRunner & { runs: string[][] } {
  const runs: string[][] = [];
  return {
    runs,
    async run(_executable, args) {
      runs.push(args);
      return java(args);
    },
    async exists(file) {
      return files.has(file);
    },
    async mkdirs() {},
    async rename(from, to) {
      files.delete(from);
      files.add(to);
    },
    async remove(file) {
      files.delete(file);
    },
    async touch(file) {
      files.add(file);
    },
  };
}

/** A JVM that writes the archive named by -XX:ArchiveClassesAtExit and accepts it when `accepts`. */
function jvm(files: Set<string>, accepts: boolean): (args: string[]) => boolean {
  return (args) => {
    const dump = args.find((a) => a.startsWith('-XX:ArchiveClassesAtExit='));
    if (dump) {
      files.add(dump.slice('-XX:ArchiveClassesAtExit='.length));
      return true;
    }
    return accepts;
  };
}

describe('archiveFile', () => {
  it('is one file per Java runtime and server jar, in the storage folder', () => {
    const a = archiveFile('/storage', KEY);
    assert.match(a, /^\/storage\/raftlens-lsp-[0-9a-f]{16}\.jsa$/);
    assert.equal(archiveFile('/storage', { ...KEY }), a);
    assert.notEqual(archiveFile('/storage', { ...KEY, jarStamp: '29678434:1764173999999' }), a);
    assert.notEqual(archiveFile('/storage', { ...KEY, javaExecutable: '/opt/jdk21/bin/java' }), a);
    assert.notEqual(archiveFile('/storage', { ...KEY, javaStamp: '16000:1800000000000' }), a);
  });
});

describe('archiveVmArgs', () => {
  it('uses the archive when the JVM accepts it and stays silent when it does not', () => {
    assert.deepEqual(archiveVmArgs('/s/a.jsa'), ['-XX:SharedArchiveFile=/s/a.jsa', '-Xshare:auto', '-Xlog:cds=off', '-Xlog:cds+dynamic=off']);
  });
});

describe('makeArchive', () => {
  it('trains with the scripted session, checks the archive with -Xshare:on, then keeps it', async () => {
    const files = new Set<string>();
    const r = runner(files, jvm(files, true));
    const state = await makeArchive('/usr/bin/java', '/ext/raftlens.jar', '/s/a.jsa', r, '42');
    assert.equal(state, 'ready');
    assert.deepEqual(r.runs, [
      ['-Xshare:auto', '-Xlog:disable', '-XX:ArchiveClassesAtExit=/s/a.jsa.42.tmp', '-jar', '/ext/raftlens.jar', 'lsp', '--warm-up'],
      ['-Xshare:on', '-Xlog:disable', '-XX:SharedArchiveFile=/s/a.jsa.42.tmp', '-jar', '/ext/raftlens.jar', '--version'],
    ]);
    assert.deepEqual([...files], ['/s/a.jsa']);
    assert.equal(await archiveState('/s/a.jsa', r), 'ready');
  });

  it('remembers a runtime whose archive the JVM rejects, and leaves no temporary file', async () => {
    const files = new Set<string>();
    const r = runner(files, jvm(files, false));
    assert.equal(await makeArchive('/usr/bin/java', '/ext/raftlens.jar', '/s/a.jsa', r, '42'), 'unavailable');
    assert.deepEqual([...files], ['/s/a.jsa.off']);
    assert.equal(await archiveState('/s/a.jsa', r), 'unavailable');
  });

  it('remembers a runtime that writes no archive (not HotSpot, no base archive) without checking one', async () => {
    const files = new Set<string>();
    const r = runner(files, () => true);
    assert.equal(await makeArchive('/usr/bin/java', '/ext/raftlens.jar', '/s/a.jsa', r, '42'), 'unavailable');
    assert.equal(r.runs.length, 1);
    assert.deepEqual([...files], ['/s/a.jsa.off']);
  });
});

describe('archiveState', () => {
  it('is missing before any attempt', async () => {
    assert.equal(await archiveState('/s/a.jsa', runner(new Set(), () => true)), 'missing');
  });
});
