// One command for the .vsix files: publish the language server for each target into server/, bundle the extension,
// and package both with @vscode/vsce.
//   node scripts/package.mjs          this machine's platform only (from client-vscode/, or `npm run package` at the root)
//   node scripts/package.mjs --all    every platform and the universal .vsix (`npm run package:all`)
// Output: client-vscode/dist/egress-lsp-<target>.vsix; with --all also egress-lsp-universal.vsix and the dotnet tool
// package egressctl.<version>.nupkg.
//
// Each platform's .vsix carries a server that needs no .NET runtime: NativeAOT where it can be built here (linux-x64,
// and linux-arm64 cross-compiled with Debian's aarch64 toolchain: clang, binutils-aarch64-linux-gnu,
// libc6-dev-arm64-cross), otherwise a self-contained single-file build (Windows, macOS: NativeAOT cannot target them
// from Linux; untrimmed, since StreamJsonRpc's dependencies are not trim-clean). The universal .vsix carries
// egressctl.dll, which the extension runs with a `dotnet` found on the machine, for any other platform.
//
// Restore for a runtime identifier cannot use the committed lock files (they hold no RID section, and CI restores them
// in locked mode), so each publish writes its own lock files under each project's obj/ and builds in its own artifacts
// folder: the working tree's lock files, obj/ and bin/ are left alone.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

const client = join(dirname(fileURLToPath(import.meta.url)), '..');
const repo = join(client, '..');
// src/platform.ts is the one mapping of Node's platform/arch to .NET and VS Code names; the extension uses it too.
const platformModule = buildSync({ entryPoints: [join(client, 'src', 'platform.ts')], bundle: true, format: 'esm', platform: 'node', write: false });
const { runtimeIdentifier, serverExecutableName, vsceTarget } =
  await import(`data:text/javascript,${encodeURIComponent(platformModule.outputFiles[0].text)}`);
const log = (message) => console.error(`package: ${message}`);
const run = (command, args, options = {}) => execFileSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'], ...options });

/** Every platform of the --all build: Node's platform and arch, and how its server is built. */
const platforms = [
  { platform: 'linux', arch: 'x64', build: 'aot' },
  { platform: 'linux', arch: 'arm64', build: 'aot', crossTools: 'aarch64-linux-gnu' },
  { platform: 'win32', arch: 'x64', build: 'single-file' },
  { platform: 'darwin', arch: 'x64', build: 'single-file' },
  { platform: 'darwin', arch: 'arm64', build: 'single-file' },
];

const artifacts = join(client, '.build');
const serverDir = join(client, 'server');

function publish(rid, properties, output) {
  rmSync(output, { recursive: true, force: true });
  const started = Date.now();
  run('dotnet', [
    'publish', join(repo, 'server', 'EgressLsp.Cli'), '-c', 'Release', ...(rid ? ['-r', rid] : []),
    '-p:NoWarn=NU1603', '-p:DebugType=none', `-p:NuGetLockFilePath=obj/vsix-${rid ?? 'any'}.packages.lock.json`, ...properties,
    '--artifacts-path', artifacts, '-o', output, '-nologo', '-v', 'quiet', '-clp:ErrorsOnly',
  ], { env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1' } });
  log(`published ${rid ?? 'framework-dependent'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Publishes the server of one platform into server/<rid>/. */
function platformServer({ platform, arch, build, crossTools }) {
  const rid = runtimeIdentifier(platform, arch);
  const exe = serverExecutableName(platform);
  const published = join(artifacts, 'publish', rid);
  const properties = build === 'aot'
    ? ['--self-contained', '-p:PublishAot=true', '-p:StripSymbols=true', ...(crossTools ? [`-p:ObjCopyName=${crossTools}-objcopy`] : [])]
    : ['--self-contained', '-p:PublishSingleFile=true', '-p:IncludeNativeLibrariesForSelfExtract=true', '-p:EnableCompressionInSingleFile=true'];
  log(`publishing egressctl for ${rid} (${build === 'aot' ? 'NativeAOT' : 'self-contained single file'})`);
  publish(rid, properties, published);
  rmSync(serverDir, { recursive: true, force: true });
  mkdirSync(join(serverDir, rid), { recursive: true });
  const binary = join(serverDir, rid, exe);
  copyFileSync(join(published, exe), binary);
  chmodSync(binary, 0o755);
  log(`server/${rid}/${exe}: ${(statSync(binary).size / 1048576).toFixed(1)} MB`);
}

/** Publishes egressctl.dll and its dependencies into server/ (run with dotnet). */
function universalServer() {
  const published = join(artifacts, 'publish', 'any');
  log('publishing egressctl.dll (framework-dependent, runs with dotnet)');
  publish(undefined, [], published);
  rmSync(serverDir, { recursive: true, force: true });
  cpSync(published, serverDir, { recursive: true });
}

function vsix(target) {
  const out = join(client, 'dist', `egress-lsp-${target ?? 'universal'}.vsix`);
  rmSync(out, { force: true });
  const vsce = join(repo, 'node_modules', '@vscode', 'vsce', 'vsce');
  run(process.execPath, [existsSync(vsce) ? vsce : join(client, 'node_modules', '@vscode', 'vsce', 'vsce'),
    'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', ...(target ? ['--target', target] : []), '--out', out], { cwd: client });
  log(`${out}: ${(statSync(out).size / 1048576).toFixed(1)} MB`);
}

// The extension bundle, shared by every .vsix.
run(process.execPath, [join(client, 'scripts', 'build.mjs'), '--production'], { cwd: client });

if (process.argv.includes('--all')) {
  for (const entry of platforms) {
    platformServer(entry);
    vsix(vsceTarget(entry.platform, entry.arch));
  }
  universalServer();
  vsix(undefined);
  // The dotnet tool package beside them.
  run('dotnet', ['pack', join(repo, 'server', 'EgressLsp.Cli'), '-c', 'Release', '-o', join(client, 'dist'), '-nologo', '-v', 'quiet'],
    { env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1' } });
  log(`${join(client, 'dist', 'egressctl.0.1.0.nupkg')}`);
} else {
  const here = { platform: process.platform, arch: process.arch, build: 'aot' };
  if (!runtimeIdentifier(here.platform, here.arch)) throw new Error(`no .NET runtime identifier for ${here.platform}-${here.arch}`);
  platformServer(here);
  vsix(vsceTarget(here.platform, here.arch));
}
