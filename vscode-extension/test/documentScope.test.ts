import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hasModeline, isConfigFileName, isRaftLensDocument } from '../src/client/documentScope';

describe('document scope', () => {
  it('takes configtx*.yaml and orderer*.yaml by name, any case, .yaml or .yml', () => {
    for (const name of ['/w/configtx.yaml', '/w/configtx-raft.yml', 'C:\\w\\Orderer.YAML', '/w/orderer2.yaml']) {
      assert.equal(isConfigFileName(name), true, name);
    }
    for (const name of ['/w/docker-compose.yaml', '/configtx/values.yaml', '/w/configtx.json', '/w/my-orderer.yaml']) {
      assert.equal(isConfigFileName(name), false, name);
    }
  });

  it('takes other YAML only with a # raftlens: modeline in its first 10 lines', () => {
    assert.equal(hasModeline('# raftlens: configtx fabric=2.5\nOrganizations:\n'), true);
    assert.equal(hasModeline('---\n  #raftlens: ORDERER\n'), true);
    assert.equal(hasModeline('\n'.repeat(9) + '# raftlens: orderer\n'), true);
    assert.equal(hasModeline('\n'.repeat(10) + '# raftlens: orderer\n'), false);
    assert.equal(hasModeline('# raftlens: helm\n'), false);
    assert.equal(hasModeline('key: "# raftlens: configtx"\n'), false);
    assert.equal(isRaftLensDocument('/w/network.yaml', '# raftlens: configtx\n'), true);
    assert.equal(isRaftLensDocument('/w/network.yaml', 'services:\n  a: {}\n'), false);
  });
});
