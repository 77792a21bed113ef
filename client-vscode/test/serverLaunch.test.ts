import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { expandPath, findOnPath, languageServerArgs, resolveServer, ResolveInput } from '../src/serverLaunch';

const ext = '/home/u/.vscode/extensions/egresslsp.egress-lsp-0.1.0';
const repoExt = '/src/egresslsp/client-vscode';
const dotnet = '/usr/bin/dotnet';

function input(files: Record<string, number>, overrides: Partial<ResolveInput> = {}): ResolveInput {
  return {
    extensionPath: ext,
    platform: 'linux',
    arch: 'x64',
    homeDir: '/home/u',
    fileTime: file => files[path.normalize(file)],
    which: command => (command === 'dotnet' && files[dotnet] !== undefined ? dotnet : undefined),
    ...overrides,
  };
}

describe('resolveServer', () => {
  it('uses the binary bundled for this platform', () => {
    const result = resolveServer(input({ [`${ext}/server/linux-x64/egressctl`]: 1 }));
    assert.deepEqual(result, { launch: { command: `${ext}/server/linux-x64/egressctl`, args: [], source: 'bundled' } });
  });

  it('names the Windows and macOS binaries by their runtime identifiers', () => {
    const win = resolveServer(input({ [path.normalize(`${ext}/server/win-x64/egressctl.exe`)]: 1 }, { platform: 'win32' }));
    assert.ok('launch' in win && win.launch.command.endsWith('egressctl.exe'));
    const mac = resolveServer(input({ [`${ext}/server/osx-arm64/egressctl`]: 1 }, { platform: 'darwin', arch: 'arm64' }));
    assert.ok('launch' in mac && mac.launch.source === 'bundled');
  });

  it('ignores a binary built for another platform and falls back to dotnet with the dll', () => {
    const result = resolveServer(input({ [`${ext}/server/osx-arm64/egressctl`]: 1, [`${ext}/server/egressctl.dll`]: 1, [dotnet]: 1 }));
    assert.deepEqual(result, { launch: { command: dotnet, args: [`${ext}/server/egressctl.dll`], source: 'dotnet' } });
  });

  it('runs the newest dll built in the repository the extension runs from', () => {
    const debug = '/src/egresslsp/server/EgressLsp.Cli/bin/Debug/net10.0/egressctl.dll';
    const release = '/src/egresslsp/server/EgressLsp.Cli/bin/Release/net10.0/egressctl.dll';
    const result = resolveServer(input({ [debug]: 100, [release]: 200, [dotnet]: 1 }, { extensionPath: repoExt }));
    assert.deepEqual(result, { launch: { command: dotnet, args: [release], source: 'dotnet' } });
  });

  it('prefers the bundled binary to dotnet', () => {
    const result = resolveServer(input({ [`${ext}/server/linux-x64/egressctl`]: 1, [`${ext}/server/egressctl.dll`]: 5, [dotnet]: 1 }));
    assert.ok('launch' in result && result.launch.source === 'bundled');
  });

  it('lets the setting win over the bundled binary', () => {
    const result = resolveServer(input({ [`${ext}/server/linux-x64/egressctl`]: 1, '/opt/egressctl': 1 }, { settingPath: '/opt/egressctl' }));
    assert.deepEqual(result, { launch: { command: '/opt/egressctl', args: [], source: 'setting' } });
  });

  it('runs a dll named by the setting with dotnet, and says so when dotnet is missing', () => {
    const dll = '/home/u/egress/egressctl.dll';
    assert.deepEqual(resolveServer(input({ [dll]: 1, [dotnet]: 1 }, { settingPath: '~/egress/egressctl.dll' })),
      { launch: { command: dotnet, args: [dll], source: 'setting' } });
    const missing = resolveServer(input({ [dll]: 1 }, { settingPath: dll }));
    assert.ok('error' in missing && /dotnet is not on PATH/.test(missing.error));
  });

  it('reports a setting that names no file instead of falling back', () => {
    const result = resolveServer(input({ [`${ext}/server/linux-x64/egressctl`]: 1 }, { settingPath: '/nope/egressctl' }));
    assert.deepEqual(result, { error: 'egressLsp.server.path: no file at /nope/egressctl' });
  });

  it('treats an empty setting as unset', () => {
    const result = resolveServer(input({ [`${ext}/server/linux-x64/egressctl`]: 1 }, { settingPath: '  ' }));
    assert.ok('launch' in result && result.launch.source === 'bundled');
  });

  it('says what to do, then what it tried, when there is no server', () => {
    const result = resolveServer(input({}));
    assert.ok('error' in result);
    assert.match(result.error, /^This EgressLsp extension has no server for linux-x64\. Install the \.vsix for linux-x64, or the universal \.vsix/);
    assert.match(result.error, /dotnet tool install --global egressctl/);
    assert.match(result.error, /server\/linux-x64\/egressctl/);
    assert.match(result.error, /egressLsp\.server\.path/);
  });

  it('needs dotnet for a dll', () => {
    const result = resolveServer(input({ [`${ext}/server/egressctl.dll`]: 1 }));
    assert.ok('error' in result && /dotnet is not on PATH/.test(result.error));
  });

  it('starts the language server with lsp --stdio after the launch arguments', () => {
    assert.deepEqual(languageServerArgs({ command: dotnet, args: ['/x/egressctl.dll'], source: 'dotnet' }), ['/x/egressctl.dll', 'lsp', '--stdio']);
  });
});

describe('expandPath', () => {
  it('expands ~, ${workspaceFolder} and relative paths', () => {
    assert.equal(expandPath('~/bin/egressctl', '/home/u'), '/home/u/bin/egressctl');
    assert.equal(expandPath('${workspaceFolder}/tools/egressctl', '/home/u', '/ws'), '/ws/tools/egressctl');
    assert.equal(expandPath('tools/egressctl', '/home/u', '/ws'), '/ws/tools/egressctl');
    assert.equal(expandPath('/abs/egressctl', '/home/u', '/ws'), '/abs/egressctl');
  });
});

describe('findOnPath', () => {
  it('finds the first match on PATH', () => {
    const files = new Set(['/b/dotnet', '/c/dotnet']);
    assert.equal(findOnPath('dotnet', { PATH: '/a::/b:/c' }, 'linux', f => files.has(f)), '/b/dotnet');
    assert.equal(findOnPath('dotnet', { PATH: '/a' }, 'linux', f => files.has(f)), undefined);
  });
});
