// The client's small pieces of logic that need no vscode API: unit-tested in test/logic.test.ts.
import * as path from 'node:path';

/** The commands the client runs itself, although the server also lists them in executeCommandProvider. */
export const clientCommands = ['egressLsp.showPreview', 'egressLsp.copyExpansion', 'egressLsp.showConversion', 'egressLsp.explainReachability'] as const;

/**
 * The server's capabilities without the commands the client implements: vscode-languageclient registers a VS Code
 * command for every name in executeCommandProvider.commands, which would clash with the client's own (the code
 * actions and lenses invoke `egressLsp.showPreview`: the client must open the preview, not just run it on the server).
 */
export function withoutClientCommands<T extends { executeCommandProvider?: { commands?: string[] } }>(capabilities: T): T {
  const commands = capabilities.executeCommandProvider?.commands;
  if (!commands) return capabilities;
  return {
    ...capabilities,
    executeCommandProvider: { ...capabilities.executeCommandProvider, commands: commands.filter(c => !(clientCommands as readonly string[]).includes(c)) },
  };
}

/** An expansion target as the server advertises it (`capabilities.experimental.egressLsp.targets`). */
export interface TargetInfo {
  id: string;
  family: string;
  fileSuffix: string;
  description: string;
  default: boolean;
}

/** The targets in an `initialize` result's capabilities; none when the server advertises none. */
export function targetsOf(capabilities: unknown): TargetInfo[] {
  const targets = (capabilities as { experimental?: { egressLsp?: { targets?: unknown } } } | undefined)?.experimental?.egressLsp?.targets;
  if (!Array.isArray(targets)) return [];
  return targets.filter((t): t is TargetInfo =>
    typeof t === 'object' && t !== null && typeof t.id === 'string' && typeof t.fileSuffix === 'string' && typeof t.family === 'string');
}

/**
 * `egress.yaml` → `egress.{suffix}.yaml`, as the server's code action names it: the suffix of the chosen target, else
 * of the server's default one (`egress.istio.yaml`), else `expanded` while no server has said.
 */
export function expansionFileName(policyFileName: string, target: string | null | undefined, targets: readonly TargetInfo[]): string {
  const base = path.posix.basename(policyFileName.replace(/\\/g, '/'));
  const extension = path.posix.extname(base);
  const name = extension && extension !== base ? base.slice(0, -extension.length) : base;
  const chosen = targets.find(t => t.id === target) ?? targets.find(t => t.default);
  return `${name || 'policy'}.${chosen?.fileSuffix ?? 'expanded'}.yaml`;
}

/** Whether a YAML text holds an egress policy: decides the editor title button (the server decides everything else). */
export function isPolicyText(text: string): boolean {
  return /^kind:[ \t]*["']?ASMEgressTrafficPolicy["']?[ \t]*(#.*)?$/m.test(text);
}

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface ReportedProblem {
  /** 0-based line and character, as VS Code ranges. */
  startLine: number;
  startCharacter: number;
  endLine: number;
  endCharacter: number;
  severity: Severity;
  code: string;
  message: string;
  documentation?: string;
}

/** `egressctl validate --format json` output → problems per absolute file path (relative paths resolve against cwd). */
export function parseValidateJson(stdout: string, cwd: string): Map<string, ReportedProblem[]> {
  const result = new Map<string, ReportedProblem[]>();
  const entries: unknown = JSON.parse(stdout);
  if (!Array.isArray(entries)) throw new Error('egressctl validate: expected a JSON array');
  for (const entry of entries as Record<string, unknown>[]) {
    if (typeof entry?.file !== 'string') continue;
    const file = path.resolve(cwd, entry.file);
    const num = (value: unknown, fallback: number) => (typeof value === 'number' && value >= 1 ? value - 1 : fallback);
    const startLine = num(entry.line, 0);
    const startCharacter = num(entry.column, 0);
    const severity: Severity = entry.severity === 'error' || entry.severity === 'warning' || entry.severity === 'hint' ? entry.severity : 'info';
    const problem: ReportedProblem = {
      startLine,
      startCharacter,
      endLine: num(entry.endLine, startLine),
      endCharacter: num(entry.endColumn, startCharacter),
      severity,
      code: String(entry.code ?? ''),
      message: String(entry.message ?? ''),
      documentation: typeof entry.documentation === 'string' && entry.documentation ? entry.documentation : undefined,
    };
    const list = result.get(file);
    if (list) list.push(problem);
    else result.set(file, [problem]);
  }
  return result;
}

/** A short text for a preview that has nothing to show: why, as YAML comments. */
export function previewPlaceholder(reason: string, problems: { line: number; character: number; code?: string; message: string }[] = []): string {
  const lines = [`# ${reason}`];
  for (const p of problems) {
    lines.push(`#   ${p.line + 1}:${p.character + 1} ${p.code ? `${p.code} ` : ''}${p.message.replace(/\r?\n/g, ' ')}`);
  }
  return lines.join('\n') + '\n';
}

/** Calls `fn` once `ms` after the last call for the same key. */
export class KeyedDebouncer {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  constructor(private readonly ms: number) {}
  run(key: string, fn: () => void): void {
    const existing = this.timers.get(key);
    if (existing) clearTimeout(existing);
    this.timers.set(key, setTimeout(() => { this.timers.delete(key); fn(); }, this.ms));
  }
  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}

/** Text for HTML (the egress map's error message). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
