import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expansionFileName, isPolicyText, targetsOf, KeyedDebouncer, parseValidateJson, previewPlaceholder, withoutClientCommands } from '../src/logic';
import { runtimeIdentifier, vsceTarget } from '../src/platform';

describe('withoutClientCommands', () => {
  it('drops the commands the client runs itself and keeps the rest', () => {
    const capabilities = { hoverProvider: true, executeCommandProvider: { commands: ['egressLsp.expand', 'egressLsp.showPreview', 'egressLsp.copyExpansion', 'egressLsp.convert', 'egressLsp.showConversion', 'egressLsp.reach', 'egressLsp.explainReachability'] } };
    assert.deepEqual(withoutClientCommands(capabilities), { hoverProvider: true, executeCommandProvider: { commands: ['egressLsp.expand', 'egressLsp.convert', 'egressLsp.reach'] } });
    assert.deepEqual(capabilities.executeCommandProvider.commands.length, 7, 'the original is not changed');
  });

  it('leaves capabilities without commands alone', () => {
    const capabilities: { hoverProvider: boolean; executeCommandProvider?: { commands?: string[] } } = { hoverProvider: true };
    assert.equal(withoutClientCommands(capabilities), capabilities);
  });
});

describe('expansionFileName', () => {
  const targets = targetsOf({
    experimental: {
      egressLsp: {
        targets: [
          { id: 'istio-sidecar', family: 'Istio', fileSuffix: 'istio', description: '…', default: true },
          { id: 'osm-edge', family: 'osm-edge', fileSuffix: 'osm-edge', description: '…', default: false },
        ],
      },
    },
  });

  it('names the file with the suffix the server gives the target', () => {
    assert.equal(expansionFileName('/w/egress.yaml', undefined, targets), 'egress.istio.yaml');
    assert.equal(expansionFileName('/w/egress.yml', 'istio-sidecar', targets), 'egress.istio.yaml');
    assert.equal(expansionFileName('/w/a.b.yaml', null, targets), 'a.b.istio.yaml');
    assert.equal(expansionFileName('/w/egress.yaml', 'osm-edge', targets), 'egress.osm-edge.yaml');
    assert.equal(expansionFileName('Untitled-1', undefined, targets), 'Untitled-1.istio.yaml');
    assert.equal(expansionFileName('C:\\w\\policy.yaml', undefined, targets), 'policy.istio.yaml');
  });

  it('takes the default target for an unknown one, and a neutral name before the server has answered', () => {
    assert.equal(expansionFileName('/w/egress.yaml', 'linkerd', targets), 'egress.istio.yaml');
    assert.equal(expansionFileName('/w/egress.yaml', 'osm-edge', []), 'egress.expanded.yaml');
  });

  it('reads no targets from a server that advertises none or malformed ones', () => {
    assert.deepEqual(targetsOf({}), []);
    assert.deepEqual(targetsOf({ experimental: { egressLsp: { targets: [{ id: 3 }] } } }), []);
  });
});

describe('isPolicyText', () => {
  it('finds the policy kind in any document of the file', () => {
    assert.ok(isPolicyText('apiVersion: istio.alibabacloud.com/v1\nkind: ASMEgressTrafficPolicy\n'));
    assert.ok(isPolicyText('kind: Namespace\n---\nkind: "ASMEgressTrafficPolicy"  # the policy\n'));
    assert.ok(!isPolicyText('kind: Deployment\n# kind: ASMEgressTrafficPolicy\n'));
    assert.ok(!isPolicyText('kind: ASMEgressTrafficPolicyList\n'));
  });
});

describe('parseValidateJson', () => {
  it('turns 1-based positions into 0-based ranges per absolute file', () => {
    const stdout = JSON.stringify([
      { file: 'policies/egress.yaml', line: 19, column: 19, endLine: 19, endColumn: 24, severity: 'error', code: 'EGP005', message: 'Value not allowed', documentation: 'https://example.invalid/egp005' },
      { file: 'policies/egress.yaml', line: 5, column: 3, endLine: 5, endColumn: 9, severity: 'info', code: 'EGP040', message: 'm', documentation: '' },
      { file: '/abs/other.yaml', line: 1, column: 1, endLine: 1, endColumn: 2, severity: 'warning', code: 'EGP010', message: 'w' },
    ]);
    const result = parseValidateJson(stdout, '/ws');
    assert.deepEqual([...result.keys()], ['/ws/policies/egress.yaml', '/abs/other.yaml']);
    assert.deepEqual(result.get('/ws/policies/egress.yaml')![0], {
      startLine: 18, startCharacter: 18, endLine: 18, endCharacter: 23, severity: 'error', code: 'EGP005', message: 'Value not allowed', documentation: 'https://example.invalid/egp005',
    });
    assert.equal(result.get('/ws/policies/egress.yaml')![1].documentation, undefined);
    assert.equal(result.get('/abs/other.yaml')![0].severity, 'warning');
  });

  it('accepts an empty report and rejects what is not an array', () => {
    assert.equal(parseValidateJson('[]', '/ws').size, 0);
    assert.throws(() => parseValidateJson('{}', '/ws'));
  });
});

describe('previewPlaceholder', () => {
  it('writes the reason and the problems as YAML comments', () => {
    assert.equal(previewPlaceholder('Nothing to show:', [{ line: 18, character: 18, code: 'EGP005', message: 'Value not\nallowed' }]),
      '# Nothing to show:\n#   19:19 EGP005 Value not allowed\n');
  });
});

describe('platform names', () => {
  it('maps Node platforms to .NET runtime identifiers and VS Code targets', () => {
    assert.equal(runtimeIdentifier('linux', 'x64'), 'linux-x64');
    assert.equal(runtimeIdentifier('darwin', 'arm64'), 'osx-arm64');
    assert.equal(runtimeIdentifier('win32', 'x64'), 'win-x64');
    assert.equal(runtimeIdentifier('aix', 'ppc64'), undefined);
    assert.equal(vsceTarget('linux', 'arm'), 'linux-armhf');
    assert.equal(vsceTarget('darwin', 'arm64'), 'darwin-arm64');
  });
});

describe('KeyedDebouncer', () => {
  it('runs once per key after the last call', async () => {
    const debouncer = new KeyedDebouncer(20);
    const runs: string[] = [];
    debouncer.run('a', () => runs.push('a1'));
    debouncer.run('a', () => runs.push('a2'));
    debouncer.run('b', () => runs.push('b'));
    await new Promise(resolve => setTimeout(resolve, 60));
    assert.deepEqual(runs.sort(), ['a2', 'b']);
    debouncer.dispose();
  });
});
