// Where the language server comes from: pure logic (no vscode import), unit-tested in test/serverLaunch.test.ts.
import * as path from 'node:path';
import { runtimeIdentifier, serverExecutableName, vsceTarget } from './platform';

/** How to run `egressctl`: the language server is `command args… lsp --stdio`, the CLI `command args… validate …`. */
export interface ServerLaunch {
  command: string;
  args: string[];
  /** `setting`: egressLsp.server.path; `bundled`: the binary in the .vsix; `dotnet`: dotnet + egressctl.dll. */
  source: 'setting' | 'bundled' | 'dotnet';
}

export type Resolution = { launch: ServerLaunch } | { error: string };

export interface ResolveInput {
  /** egressLsp.server.path: a binary, or an `egressctl.dll` to run with dotnet. `~` and relative paths are allowed. */
  settingPath?: string | null;
  /** The extension's folder: `server/<rid>/egressctl` in the .vsix; `../server/EgressLsp.Cli/bin` in the repository. */
  extensionPath: string;
  platform: string;
  arch: string;
  homeDir: string;
  /** Relative setting paths resolve against it (the first workspace folder). */
  workspaceFolder?: string;
  /** Modification time in ms of a regular file, or undefined when there is no such file. */
  fileTime(file: string): number | undefined;
  /** The full path of a command found on PATH, or undefined. */
  which(command: string): string | undefined;
}

/**
 * Order: the setting when set (a user who names a server means that one: it wins over the bundled binary, and a
 * wrong path is an error, not a silent fallback); then the native binary bundled for this platform; then `dotnet`
 * with `egressctl.dll` (bundled framework-dependent, or built in the repository the extension runs from, newest first).
 */
export function resolveServer(input: ResolveInput): Resolution {
  const setting = input.settingPath?.trim();
  if (setting) {
    const file = expandPath(setting, input.homeDir, input.workspaceFolder);
    if (input.fileTime(file) === undefined) {
      return { error: `egressLsp.server.path: no file at ${file}` };
    }
    if (file.toLowerCase().endsWith('.dll')) {
      const dotnet = input.which(input.platform === 'win32' ? 'dotnet.exe' : 'dotnet');
      return dotnet
        ? { launch: { command: dotnet, args: [file], source: 'setting' } }
        : { error: `egressLsp.server.path is a .dll (${file}) but dotnet is not on PATH` };
    }
    return { launch: { command: file, args: [], source: 'setting' } };
  }

  const tried: string[] = [];
  const rid = runtimeIdentifier(input.platform, input.arch);
  if (rid) {
    const bundled = path.join(input.extensionPath, 'server', rid, serverExecutableName(input.platform));
    if (input.fileTime(bundled) !== undefined) {
      return { launch: { command: bundled, args: [], source: 'bundled' } };
    }
    tried.push(bundled);
  } else {
    tried.push(`a bundled server (no build for ${input.platform}-${input.arch})`);
  }

  const dlls = [path.join(input.extensionPath, 'server', 'egressctl.dll')];
  for (const configuration of ['Debug', 'Release']) {
    dlls.push(path.join(input.extensionPath, '..', 'server', 'EgressLsp.Cli', 'bin', configuration, 'net10.0', 'egressctl.dll'));
  }
  const found = dlls
    .map(file => ({ file, time: input.fileTime(file) }))
    .filter((d): d is { file: string; time: number } => d.time !== undefined)
    .sort((a, b) => b.time - a.time);
  tried.push(...dlls.map(d => `dotnet ${path.normalize(d)}`));
  if (found.length > 0) {
    const dotnet = input.which(input.platform === 'win32' ? 'dotnet.exe' : 'dotnet');
    if (dotnet) {
      return { launch: { command: dotnet, args: [path.normalize(found[0].file)], source: 'dotnet' } };
    }
    tried.push('(dotnet is not on PATH)');
  }
  // What to do, first; what was tried, for the output.
  const fits = rid ? `the .vsix for ${vsceTarget(input.platform, input.arch) ?? rid}` : 'a .vsix for your platform';
  return {
    error: `This EgressLsp extension has no server for ${input.platform}-${input.arch}. Install ${fits}, or the universal .vsix ` +
      `with .NET 10 (dotnet on PATH), or set egressLsp.server.path to an egressctl binary ` +
      `(e.g. after \`dotnet tool install --global egressctl\`). Tried: ${tried.join('; ')}.`,
  };
}

/** `~/x` → home, `${workspaceFolder}/x` and relative paths → the workspace folder. */
export function expandPath(file: string, homeDir: string, workspaceFolder?: string): string {
  let result = file;
  if (result === '~' || result.startsWith('~/') || result.startsWith('~\\')) {
    result = path.join(homeDir, result.slice(1));
  }
  if (workspaceFolder) {
    result = result.replace(/\$\{workspaceFolder\}/g, workspaceFolder);
    if (!path.isAbsolute(result)) {
      result = path.join(workspaceFolder, result);
    }
  }
  return path.normalize(result);
}

/** Looks a command up on PATH (with PATHEXT on Windows). */
export function findOnPath(command: string, env: NodeJS.ProcessEnv, platform: string, isFile: (file: string) => boolean): string | undefined {
  const separator = platform === 'win32' ? ';' : ':';
  const extensions = platform === 'win32' && !path.extname(command) ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const dir of (env.PATH ?? env.Path ?? '').split(separator)) {
    if (!dir) continue;
    for (const extension of extensions) {
      const candidate = path.join(dir, command + extension.toLowerCase());
      if (isFile(candidate)) return candidate;
    }
  }
  return undefined;
}

/** The arguments that start the language server. */
export function languageServerArgs(launch: ServerLaunch): string[] {
  return [...launch.args, 'lsp', '--stdio'];
}

/** A one-line description for the status bar tooltip and the output. */
export function describeLaunch(launch: ServerLaunch): string {
  return [launch.command, ...launch.args].join(' ');
}
