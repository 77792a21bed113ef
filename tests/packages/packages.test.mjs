// Each .vsix holds the server its platform runs: the right executable format (ELF, PE, Mach-O) and CPU for the
// target, a VS Code manifest naming that target, and for the universal .vsix egressctl.dll (run with dotnet). The
// linux-arm64 server, cross-compiled with NativeAOT, starts and answers `initialize` under qemu-user.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = join(root, 'client-vscode', 'dist');
const work = mkdtempSync(join(tmpdir(), 'egresslsp-packages-'));
after(() => rmSync(work, { recursive: true, force: true }));

/** Unpacks one .vsix (a zip) into its own folder. */
function unpack(target) {
  const folder = join(work, target);
  execFileSync('unzip', ['-q', '-o', join(dist, `egress-lsp-${target}.vsix`), '-d', folder]);
  return folder;
}

/** The format and CPU of an executable, from its header. */
function executableKind(file) {
  const bytes = readFileSync(file);
  if (bytes.readUInt32BE(0) === 0x7f454c46) {
    return { format: 'ELF', cpu: { 0x3e: 'x64', 0xb7: 'arm64' }[bytes.readUInt16LE(18)] };
  }
  if (bytes.toString('latin1', 0, 2) === 'MZ') {
    const pe = bytes.readUInt32LE(0x3c);
    assert.equal(bytes.toString('latin1', pe, pe + 4), 'PE\0\0');
    return { format: 'PE', cpu: { 0x8664: 'x64', 0xaa64: 'arm64', 0x14c: 'any' }[bytes.readUInt16LE(pe + 4)] };
  }
  if (bytes.readUInt32LE(0) === 0xfeedfacf) {
    return { format: 'Mach-O', cpu: { 0x01000007: 'x64', 0x0100000c: 'arm64' }[bytes.readUInt32LE(4)] };
  }
  return { format: 'unknown' };
}

const platforms = [
  { target: 'linux-x64', rid: 'linux-x64', exe: 'egressctl', format: 'ELF', cpu: 'x64' },
  { target: 'linux-arm64', rid: 'linux-arm64', exe: 'egressctl', format: 'ELF', cpu: 'arm64' },
  { target: 'win32-x64', rid: 'win-x64', exe: 'egressctl.exe', format: 'PE', cpu: 'x64' },
  { target: 'darwin-x64', rid: 'osx-x64', exe: 'egressctl', format: 'Mach-O', cpu: 'x64' },
  { target: 'darwin-arm64', rid: 'osx-arm64', exe: 'egressctl', format: 'Mach-O', cpu: 'arm64' },
];

describe('the .vsix files', () => {
  for (const { target, rid, exe, format, cpu } of platforms) {
    it(`${target}: server/${rid}/${exe} is a ${format} ${cpu} executable and the manifest targets ${target}`, () => {
      const folder = unpack(target);
      assert.deepEqual(executableKind(join(folder, 'extension', 'server', rid, exe)), { format, cpu });
      assert.match(readFileSync(join(folder, 'extension.vsixmanifest'), 'utf8'), new RegExp(`TargetPlatform="${target}"`));
    });
  }

  it('universal: server/egressctl.dll for dotnet, no platform binary, no target platform', () => {
    const folder = unpack('universal');
    assert.equal(executableKind(join(folder, 'extension', 'server', 'egressctl.dll')).format, 'PE');
    assert.ok(readFileSync(join(folder, 'extension', 'server', 'egressctl.runtimeconfig.json'), 'utf8').includes('Microsoft.NETCore.App'));
    assert.doesNotMatch(readFileSync(join(folder, 'extension.vsixmanifest'), 'utf8'), /TargetPlatform=/);
  });

  it('the dotnet tool package is beside them, with the tool, its readme and licence', () => {
    const listing = execFileSync('unzip', ['-l', join(dist, 'egressctl.0.1.0.nupkg')], { encoding: 'utf8' });
    assert.match(listing, /tools\/net10\.0\/any\/egressctl\.dll/);
    assert.match(listing, /\sREADME\.md\n/);
    const nuspec = execFileSync('unzip', ['-p', join(dist, 'egressctl.0.1.0.nupkg'), 'egressctl.nuspec'], { encoding: 'utf8' });
    assert.match(nuspec, /<license type="expression">MIT<\/license>/);
    assert.match(nuspec, /<packageType name="DotnetTool"/);
  });

  it('linux-arm64: the NativeAOT server starts under qemu-user and answers initialize', async () => {
    const binary = join(unpack('linux-arm64'), 'extension', 'server', 'linux-arm64', 'egressctl');
    const qemu = ['-L', '/usr/aarch64-linux-gnu', binary];
    assert.match(execFileSync('qemu-aarch64-static', [...qemu, '--version'], { encoding: 'utf8' }), /^egressctl 0\.1\.0 \(commit [0-9a-f]+\)/);
    const server = spawn('qemu-aarch64-static', [...qemu, 'lsp'], { stdio: ['pipe', 'pipe', 'ignore'] });
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, capabilities: {} } });
    server.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    const answer = await new Promise((resolve, reject) => {
      let buffer = Buffer.alloc(0);
      const timer = setTimeout(() => reject(new Error('no answer within 60 s')), 60_000);
      server.stdout.on('data', chunk => {
        buffer = Buffer.concat([buffer, chunk]);
        const text = buffer.toString('utf8');
        const split = text.indexOf('\r\n\r\n');
        const length = split < 0 ? -1 : Number(/Content-Length: (\d+)/.exec(text)[1]);
        if (split >= 0 && Buffer.byteLength(text) - split - 4 >= length) {
          clearTimeout(timer);
          resolve(JSON.parse(buffer.subarray(Buffer.byteLength(text.slice(0, split + 4)), Buffer.byteLength(text.slice(0, split + 4)) + length).toString('utf8')));
        }
      });
    });
    server.kill();
    assert.equal(answer.result.serverInfo.version, '0.1.0');
    assert.ok(answer.result.capabilities.completionProvider);
  });
});
