// One command for the .vsix: publish the language server natively for this platform into server/<rid>/,
// bundle the extension, and package both with @vscode/vsce as a platform-specific extension.
//   node scripts/package.mjs [--framework-dependent]   (from client-vscode/, or `npm run package` at the root)
// Output: client-vscode/dist/egress-lsp-<platform>.vsix.
//
// The server is published with NativeAOT (one self-contained binary, no .NET runtime needed). Restore for the
// runtime identifier cannot use the committed lock files (they hold no RID section, and CI restores them in locked
// mode), so the publish writes its own lock files under each project's obj/ and builds in its own artifacts
// folder: the working tree's lock files, obj/ and bin/ are left alone.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

const client = join(dirname(fileURLToPath(import.meta.url)), '..');
const repo = join(client, '..');
// src/platform.ts is the one mapping of Node's platform/arch to .NET and VS Code names; the extension uses it too.
const platformModule = buildSync({ entryPoints: [join(client, 'src', 'platform.ts')], bundle: true, format: 'esm', platform: 'node', write: false });
const { runtimeIdentifier, serverExecutableName, vsceTarget } =
  await import(`data:text/javascript,${encodeURIComponent(platformModule.outputFiles[0].text)}`);
const rid = runtimeIdentifier(process.platform, process.arch);
if (!rid) throw new Error(`no .NET runtime identifier for ${process.platform}-${process.arch}`);
const target = vsceTarget(process.platform, process.arch);
const exe = serverExecutableName(process.platform);
const log = (message) => console.error(`package: ${message}`);
const run = (command, args, options = {}) => execFileSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'], ...options });

// 1. The server.
const artifacts = join(client, '.build');
const published = join(artifacts, 'publish', rid);
rmSync(published, { recursive: true, force: true });
let started = Date.now();
log(`publishing egressctl for ${rid} (NativeAOT)`);
run('dotnet', [
  'publish', join(repo, 'server', 'EgressLsp.Cli'),
  '-c', 'Release', '-r', rid, '--self-contained',
  '-p:PublishAot=true', '-p:NoWarn=NU1603', '-p:DebugType=none', '-p:StripSymbols=true',
  '-p:NuGetLockFilePath=obj/vsix.packages.lock.json',
  '--artifacts-path', artifacts, '-o', published, '-nologo', '-v', 'quiet', '-clp:ErrorsOnly',
], { env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1' } });
log(`published in ${((Date.now() - started) / 1000).toFixed(1)} s`);

const serverDir = join(client, 'server');
rmSync(serverDir, { recursive: true, force: true });
mkdirSync(join(serverDir, rid), { recursive: true });
const binary = join(serverDir, rid, exe);
copyFileSync(join(published, exe), binary);
chmodSync(binary, 0o755);
log(`server/${rid}/${exe}: ${(statSync(binary).size / 1048576).toFixed(1)} MB`);

// 2. The extension bundle.
run(process.execPath, [join(client, 'scripts', 'build.mjs'), '--production'], { cwd: client });

// 3. The .vsix.
const out = join(client, 'dist', `egress-lsp-${target}.vsix`);
rmSync(out, { force: true });
const vsce = join(repo, 'node_modules', '@vscode', 'vsce', 'vsce');
run(process.execPath, [existsSync(vsce) ? vsce : join(client, 'node_modules', '@vscode', 'vsce', 'vsce'),
  'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--target', target, '--out', out], { cwd: client });
log(`${out}: ${(statSync(out).size / 1048576).toFixed(1)} MB`);
