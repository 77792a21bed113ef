// The EgressLsp VS Code client: starts `egressctl lsp` over stdio for YAML documents (the server decides per
// document what it has to say), and adds what a language server cannot do alone: the expansion preview beside
// the editor, writing the expansion to a file, validating the whole workspace, restart, output and a status item.
import { execFile } from 'node:child_process';
import { chmodSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  DynamicFeature,
  ExecuteCommandRequest,
  LanguageClient,
  LanguageClientOptions,
  ResponseError,
  State,
  StaticFeature,
} from 'vscode-languageclient/node';
import {
  escapeHtml,
  expansionFileName,
  isPolicyText,
  KeyedDebouncer,
  parseValidateJson,
  previewPlaceholder,
  ReportedProblem,
  TargetInfo,
  targetsOf,
  withoutClientCommands,
} from './logic';
import { describeLaunch, findOnPath, languageServerArgs, resolveServer, ServerLaunch } from './serverLaunch';

const previewScheme = 'egress-preview';

interface PreviewDiagnostic {
  range: { start: { line: number; character: number } };
  severity?: number;
  code?: string | number;
  message: string;
}
interface PreviewResult {
  yaml: string;
  entries: { kind: string; namespace: string; name: string }[];
  diagnostics: PreviewDiagnostic[];
}

/**
 * vscode-languageclient turns every command the server lists in executeCommandProvider into a VS Code command that
 * just runs it on the server. The client runs `egressLsp.showPreview`, `egressLsp.copyExpansion` and
 * `egressLsp.showConversion` itself (they open a preview, fill the clipboard), so the feature is shown the server's capabilities without them.
 */
class EgressLanguageClient extends LanguageClient {
  public override registerFeature(feature: StaticFeature | DynamicFeature<unknown>): void {
    const dynamic = feature as DynamicFeature<unknown>;
    if (dynamic.registrationType?.method === ExecuteCommandRequest.method) {
      const initialize = dynamic.initialize.bind(dynamic);
      dynamic.initialize = (capabilities, documentSelector) => initialize(withoutClientCommands(capabilities), documentSelector);
    }
    super.registerFeature(feature);
  }
}

class Extension implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private launch: ServerLaunch | undefined;
  private missingServerShown = false;
  private stopping = false;
  private readonly output = vscode.window.createOutputChannel('EgressLsp', { log: true });
  private readonly status = vscode.window.createStatusBarItem('egressLsp.status', vscode.StatusBarAlignment.Right, 100);
  private readonly validation = vscode.languages.createDiagnosticCollection('egressctl');
  private readonly previewChanged = new vscode.EventEmitter<vscode.Uri>();
  private readonly previewDebounce = new KeyedDebouncer(300);
  private readonly mapDebounce = new KeyedDebouncer(500);
  private map: { panel: vscode.WebviewPanel; source: vscode.Uri } | undefined;
  private readonly policyDebounce = new KeyedDebouncer(150);
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly context: vscode.ExtensionContext) {
    this.status.name = 'EgressLsp server';
    this.status.command = 'egressLsp.showOutput';
    const provider: vscode.TextDocumentContentProvider = {
      onDidChange: this.previewChanged.event,
      provideTextDocumentContent: (uri, token) => this.previewContent(uri, token),
    };
    const command = (id: string, fn: (...args: any[]) => unknown) => vscode.commands.registerCommand(id, fn);
    this.disposables.push(
      this.output, this.status, this.validation, this.previewChanged,
      vscode.workspace.registerTextDocumentContentProvider(previewScheme, provider),
      command('egressLsp.showPreview', (arg?: unknown) => this.showPreview(arg)),
      command('egressLsp.copyExpansion', (arg?: unknown) => this.copyExpansion(arg)),
      command('egressLsp.showConversion', (arg?: unknown) => this.showConversion(arg)),
      command('egressLsp.explainReachability', (arg?: unknown, to?: unknown) => this.explainReachability(arg, to)),
      command('egressLsp.showEgressMap', (arg?: unknown) => this.showEgressMap(arg)),
      command('egressLsp.expandToFile', (arg?: unknown) => this.expandToFile(arg)),
      command('egressLsp.validateWorkspace', () => this.validateWorkspace()),
      command('egressLsp.chooseTarget', () => this.chooseTarget()),
      command('egressLsp.restartServer', () => this.restart()),
      command('egressLsp.showOutput', () => this.output.show(true)),
      vscode.workspace.onDidChangeTextDocument(e => this.documentChanged(e.document)),
      vscode.workspace.onDidOpenTextDocument(d => this.validation.delete(d.uri)),
      vscode.window.onDidChangeActiveTextEditor(() => this.updatePolicyContext()),
      vscode.workspace.onDidChangeConfiguration(e => this.configurationChanged(e)),
    );
    this.updatePolicyContext();
  }

  // ---- The server ---------------------------------------------------------------------------------------------

  async start(): Promise<void> {
    this.setStatus('starting');
    const settings = vscode.workspace.getConfiguration('egressLsp');
    const resolution = resolveServer({
      settingPath: settings.get<string | null>('server.path'),
      extensionPath: this.context.extensionPath,
      platform: process.platform,
      arch: process.arch,
      homeDir: os.homedir(),
      workspaceFolder: vscode.workspace.workspaceFolders?.find(f => f.uri.scheme === 'file')?.uri.fsPath,
      fileTime: file => { try { const s = statSync(file); return s.isFile() ? s.mtimeMs : undefined; } catch { return undefined; } },
      which: command => findOnPath(command, process.env, process.platform, file => { try { return statSync(file).isFile(); } catch { return false; } }),
    });
    if ('error' in resolution) {
      this.launch = undefined;
      this.output.info(resolution.error);
      this.setStatus('error', resolution.error);
      // Said once per session; a restart that finds nothing again only updates the status bar and the output.
      if (!this.missingServerShown) {
        this.missingServerShown = true;
        void vscode.window.showErrorMessage(`EgressLsp: ${resolution.error}`, 'Open Settings').then(choice =>
          choice && vscode.commands.executeCommand('workbench.action.openSettings', 'egressLsp.server.path'));
      }
      return;
    }
    const launch = resolution.launch;
    this.launch = launch;
    if (launch.source === 'bundled') {
      // A .vsix is a zip: make sure the bundled binary kept its executable bit.
      try { if ((statSync(launch.command).mode & 0o111) === 0) chmodSync(launch.command, 0o755); } catch { /* reported on start */ }
    }
    this.output.info(`Starting ${describeLaunch(launch)} lsp --stdio (${launch.source})`);

    const clientOptions: LanguageClientOptions = {
      documentSelector: [{ scheme: 'file', language: 'yaml' }, { scheme: 'untitled', language: 'yaml' }],
      synchronize: { configurationSection: 'egressLsp' },
      initializationOptions: { egressLsp: plainSettings() },
      outputChannel: this.output,
      traceOutputChannel: this.output,
      diagnosticCollectionName: 'egressLsp',
    };
    const client = new EgressLanguageClient('egressLsp', 'EgressLsp',
      { command: launch.command, args: languageServerArgs(launch), options: { env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' } } },
      clientOptions);
    this.client = client;
    client.onDidChangeState(e => {
      if (this.client !== client) return;
      if (e.newState === State.Running) this.setStatus('ready');
      else if (e.newState === State.Starting) this.setStatus('starting');
      else if (!this.stopping) this.setStatus('error', 'The server stopped: see the output');
    });
    try {
      await client.start();
      this.setStatus('ready');
      this.refreshAllPreviews();
    } catch (error) {
      this.output.info(`The server did not start: ${message(error)}`);
      this.setStatus('error', message(error));
    }
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    this.stopping = true;
    try {
      if (client.state !== State.Stopped) await client.stop(5000);
    } catch (error) {
      this.output.info(`Stopping the server: ${message(error)}`);
    } finally {
      this.stopping = false;
    }
  }

  private async restart(): Promise<void> {
    this.output.info('Restarting the server');
    await this.stop();
    await this.start();
  }

  private setStatus(state: 'starting' | 'ready' | 'error', detail?: string): void {
    const launch = this.launch ? `\n${describeLaunch(this.launch)} (${this.launch.source})` : '';
    switch (state) {
      case 'starting':
        this.status.text = '$(sync~spin) EgressLsp';
        this.status.tooltip = `EgressLsp: starting${launch}`;
        this.status.backgroundColor = undefined;
        break;
      case 'ready':
        this.status.text = '$(check) EgressLsp';
        this.status.tooltip = `EgressLsp: ready${launch}`;
        this.status.backgroundColor = undefined;
        break;
      case 'error':
        this.status.text = '$(error) EgressLsp';
        this.status.tooltip = `EgressLsp: ${detail ?? 'error'}${launch}`;
        this.status.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
        break;
    }
    this.status.accessibilityInformation = { label: `EgressLsp ${state}` };
    this.status.show();
  }

  private runningClient(): LanguageClient {
    const client = this.client;
    if (!client || client.state !== State.Running) {
      throw new Error('the EgressLsp server is not running (see "EgressLsp: Show output")');
    }
    return client;
  }

  private async configurationChanged(e: vscode.ConfigurationChangeEvent): Promise<void> {
    if (e.affectsConfiguration('egressLsp.server.path')) {
      await this.restart();
    } else if (e.affectsConfiguration('egressLsp')) {
      // The server pulls the new settings itself; the previews show the new target and environment.
      setTimeout(() => this.refreshAllPreviews(), 300);
    }
  }

  // ---- Expansion: preview, copy, file -------------------------------------------------------------------------

  /** The targets the running server expands for (none while it is not running). */
  private get targets(): TargetInfo[] {
    return targetsOf(this.client?.initializeResult?.capabilities);
  }

  /** Sets `egressLsp.target` for the workspace from the server's list, described in the user's language. */
  private async chooseTarget(): Promise<void> {
    const targets = this.targets;
    if (!targets.length) {
      void vscode.window.showErrorMessage('EgressLsp: the server is not running, so its targets are unknown (see "EgressLsp: Show output").');
      return;
    }
    const current = vscode.workspace.getConfiguration('egressLsp').get<string | null>('target');
    const picked = await vscode.window.showQuickPick(
      targets.map(t => ({ label: t.id, description: t.id === current ? '(current)' : t.default ? '(default)' : '', detail: t.description, id: t.id })),
      { title: 'EgressLsp: expand policies for', placeHolder: current ?? targets.find(t => t.default)?.id });
    if (picked) await vscode.workspace.getConfiguration('egressLsp').update('target', picked.id, vscode.ConfigurationTarget.Workspace);
  }

  private previewUri(source: vscode.Uri): vscode.Uri {
    const target = vscode.workspace.getConfiguration('egressLsp', source).get<string | null>('target');
    const dir = path.posix.dirname(source.path.startsWith('/') ? source.path : `/${source.path}`);
    return vscode.Uri.from({ scheme: previewScheme, path: path.posix.join(dir, expansionFileName(source.path, target, this.targets)), query: source.toString() });
  }

  /** The document a command applies to: `{ uri }` from the server's actions and lenses, a Uri from a menu, else the active editor. */
  private sourceOf(arg: unknown): vscode.Uri | undefined {
    if (arg instanceof vscode.Uri) return arg.scheme === previewScheme ? vscode.Uri.parse(arg.query) : arg;
    if (arg && typeof arg === 'object' && typeof (arg as { uri?: unknown }).uri === 'string') return vscode.Uri.parse((arg as { uri: string }).uri);
    const document = vscode.window.activeTextEditor?.document;
    if (!document) return undefined;
    return document.uri.scheme === previewScheme ? vscode.Uri.parse(document.uri.query) : document.uri;
  }

  private async showPreview(arg: unknown): Promise<void> {
    const source = this.sourceOf(arg);
    if (!source) {
      void vscode.window.showWarningMessage('EgressLsp: open a policy file to expand it.');
      return;
    }
    const uri = this.previewUri(source);
    this.previewChanged.fire(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true, preview: false });
  }

  /**
   * "Convert to egress policy": the server's proposal for the Istio resources of the document, with its findings as
   * comments, in an untitled YAML editor beside it (nothing is written until the user saves it or picks "Write …").
   */
  private async showConversion(arg: unknown): Promise<void> {
    const source = this.sourceOf(arg);
    if (!source) {
      void vscode.window.showWarningMessage('EgressLsp: open a file of Istio resources to convert it.');
      return;
    }
    try {
      const content = await this.expansion('egressLsp.showConversion', source);
      const document = await vscode.workspace.openTextDocument({ language: 'yaml', content });
      await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true, preview: true });
    } catch (error) {
      void vscode.window.showErrorMessage(`EgressLsp: ${message(error)}`);
    }
  }

  /**
   * "Explain reachability…": from the code lens, every source's path to its destination; from the palette, one
   * question asked in two input boxes. The answer, hop by hop, opens beside the editor.
   */
  private async explainReachability(arg: unknown, to: unknown): Promise<void> {
    const source = this.sourceOf(arg);
    if (!source) {
      void vscode.window.showWarningMessage('EgressLsp: open a policy, an Istio resource or an egress test first.');
      return;
    }
    try {
      await vscode.workspace.openTextDocument(source);
      let request: { command: string; arguments: unknown[] };
      if (typeof to === 'string') {
        request = { command: 'egressLsp.explainReachability', arguments: [{ uri: source.toString() }, to] };
      } else {
        const from = await vscode.window.showInputBox({ title: 'Explain reachability: source', prompt: 'NAMESPACE or NAMESPACE/label=value,...', placeHolder: 'payments/app=billing' });
        if (!from) return;
        const destination = await vscode.window.showInputBox({ title: 'Explain reachability: destination', prompt: 'HOST or HOST:PORT', placeHolder: 'api.stripe.com:443' });
        if (!destination) return;
        request = { command: 'egressLsp.reach', arguments: [{ uri: source.toString(), from, to: destination }] };
      }
      const content = await this.runningClient().sendRequest(ExecuteCommandRequest.type, request) as string;
      const document = await vscode.workspace.openTextDocument({ language: 'plaintext', content });
      await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true, preview: true });
    } catch (error) {
      void vscode.window.showErrorMessage(`EgressLsp: ${message(error)}`);
    }
  }

  /**
   * "Show egress map": the workspace's egress map (SVG from `egressLsp/egressMap`) in a webview beside the editor,
   * drawn again as documents change; a click on a gateway, a destination or a path opens the object that decides it.
   */
  private async showEgressMap(arg: unknown): Promise<void> {
    const source = this.sourceOf(arg);
    if (!source) {
      void vscode.window.showWarningMessage('EgressLsp: open a policy, an Istio resource or an egress test to map its workspace.');
      return;
    }
    if (!this.map) {
      const panel = vscode.window.createWebviewPanel('egressLsp.egressMap', 'Egress map', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        { enableScripts: true, localResourceRoots: [] });
      panel.onDidDispose(() => { this.map = undefined; });
      panel.webview.onDidReceiveMessage(async (message: { file?: unknown; line?: unknown }) => {
        if (typeof message.file !== 'string' || typeof message.line !== 'number') return;
        const document = await vscode.workspace.openTextDocument(vscode.Uri.file(message.file));
        const position = new vscode.Position(Math.max(0, message.line - 1), 0);
        await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, selection: new vscode.Range(position, position) });
      });
      this.map = { panel, source };
    }
    this.map.source = source;
    this.map.panel.reveal(vscode.ViewColumn.Beside, true);
    await this.refreshEgressMap();
  }

  private async refreshEgressMap(): Promise<void> {
    const map = this.map;
    if (!map) return;
    let body: string;
    try {
      await vscode.workspace.openTextDocument(map.source);
      const result = await this.runningClient().sendRequest<{ svg: string }>('egressLsp/egressMap', { uri: map.source.toString() });
      body = result.svg;
    } catch (error) {
      body = `<p>No egress map: ${escapeHtml(message(error))}</p>`;
    }
    const nonce = Array.from({ length: 16 }, () => Math.floor(Math.random() * 16).toString(16)).join('');
    map.panel.webview.html = `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-${nonce}';">
<style>body{background:#fff;color:#1f2328;margin:0;padding:8px} a{cursor:pointer} svg{width:100%;height:auto}</style></head>
<body>${body}<script nonce="${nonce}">
const vscode = acquireVsCodeApi();
document.addEventListener('click', event => {
  const link = event.target.closest('a[data-file]');
  if (!link) return;
  event.preventDefault();
  vscode.postMessage({ file: link.getAttribute('data-file'), line: Number(link.getAttribute('data-line')) });
});
</script></body></html>`;
  }

  private async previewContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const source = uri.query;
    let result: PreviewResult;
    try {
      await vscode.workspace.openTextDocument(vscode.Uri.parse(source)); // the server expands what the editor has open
      result = await this.runningClient().sendRequest<PreviewResult>('egressLsp/preview', { uri: source }, token);
    } catch (error) {
      return previewPlaceholder(`No preview: ${message(error)}`);
    }
    const errors = (result.diagnostics ?? []).filter(d => d.severity === 1);
    const problems = errors.map(d => ({ line: d.range.start.line, character: d.range.start.character, code: d.code === undefined ? undefined : String(d.code), message: d.message }));
    if (!result.yaml) {
      return previewPlaceholder(errors.length ? 'Nothing to show until these errors are fixed:' : 'Nothing to expand: the document has no ASMEgressTrafficPolicy.', problems);
    }
    if (errors.length) {
      return previewPlaceholder(`${errors.length === 1 ? '1 error' : `${errors.length} errors`} in the policy: this expansion is incomplete and not fit to apply.`, problems) + result.yaml;
    }
    return result.yaml;
  }

  private documentChanged(document: vscode.TextDocument): void {
    if (document.uri.scheme === previewScheme) return;
    const key = document.uri.toString();
    const preview = vscode.workspace.textDocuments.find(d => d.uri.scheme === previewScheme && d.uri.query === key);
    if (preview) this.previewDebounce.run(key, () => this.previewChanged.fire(preview.uri));
    if (this.map && document.languageId === 'yaml') this.mapDebounce.run('map', () => void this.refreshEgressMap());
    if (document === vscode.window.activeTextEditor?.document) this.policyDebounce.run('active', () => this.updatePolicyContext());
  }

  private refreshAllPreviews(): void {
    for (const document of vscode.workspace.textDocuments) {
      if (document.uri.scheme === previewScheme) this.previewChanged.fire(document.uri);
    }
  }

  private updatePolicyContext(): void {
    const document = vscode.window.activeTextEditor?.document;
    const isPolicy = !!document && document.languageId === 'yaml' && document.uri.scheme !== previewScheme && isPolicyText(document.getText());
    void vscode.commands.executeCommand('setContext', 'egressLsp.isPolicy', isPolicy);
  }

  /** The server's `egressLsp.expand`/`copyExpansion`/`showConversion`: the YAML, or an error saying why there is none. */
  private async expansion(command: string, source: vscode.Uri): Promise<string> {
    await vscode.workspace.openTextDocument(source);
    return this.runningClient().sendRequest(ExecuteCommandRequest.type, { command, arguments: [{ uri: source.toString() }] }) as Promise<string>;
  }

  private async copyExpansion(arg: unknown): Promise<void> {
    const source = this.sourceOf(arg);
    if (!source) return;
    try {
      const yaml = await this.expansion('egressLsp.copyExpansion', source);
      await vscode.env.clipboard.writeText(yaml);
      vscode.window.setStatusBarMessage('$(check) EgressLsp: expansion copied as YAML', 4000);
    } catch (error) {
      void vscode.window.showErrorMessage(`EgressLsp: ${message(error)}`);
    }
  }

  /** The only file the extension writes, on this explicit command: `<name>.istio.yaml` beside the policy. */
  private async expandToFile(arg: unknown): Promise<void> {
    const source = this.sourceOf(arg);
    if (!source || source.scheme !== 'file') {
      void vscode.window.showWarningMessage('EgressLsp: "Expand to file" needs a saved policy file.');
      return;
    }
    try {
      const yaml = await this.expansion('egressLsp.expand', source);
      const target = vscode.workspace.getConfiguration('egressLsp', source).get<string | null>('target');
      const file = vscode.Uri.joinPath(source, '..', expansionFileName(source.path, target, this.targets));
      await vscode.workspace.fs.writeFile(file, Buffer.from(yaml, 'utf8'));
      await vscode.window.showTextDocument(file, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true, preview: true });
      vscode.window.setStatusBarMessage(`$(check) EgressLsp: wrote ${vscode.workspace.asRelativePath(file)}`, 5000);
    } catch (error) {
      void vscode.window.showErrorMessage(`EgressLsp: ${message(error)}`);
    }
  }

  // ---- Validate workspace (egressctl validate over each folder → Problems) ------------------------------------

  private async validateWorkspace(): Promise<void> {
    const folders = (vscode.workspace.workspaceFolders ?? []).filter(f => f.uri.scheme === 'file');
    const launch = this.launch;
    if (!folders.length) {
      void vscode.window.showWarningMessage('EgressLsp: open a folder to validate it.');
      return;
    }
    if (!launch) {
      void vscode.window.showErrorMessage('EgressLsp: no server to validate with (see "EgressLsp: Show output").');
      return;
    }
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'EgressLsp: validating the workspace' }, async () => {
      const all = new Map<string, ReportedProblem[]>();
      const failures: string[] = [];
      for (const folder of folders) {
        const settings = vscode.workspace.getConfiguration('egressLsp', folder.uri);
        const args = [...launch.args, 'validate', folder.uri.fsPath, '--format', 'json', '--locale', locale(settings)];
        const target = settings.get<string | null>('target');
        if (target) args.push('--target', target);
        this.output.info(`${describeLaunch(launch)} ${args.slice(launch.args.length).join(' ')}`);
        const { code, stdout, stderr } = await run(launch.command, args, folder.uri.fsPath);
        if (stderr.trim()) this.output.info(stderr.trim());
        if (code !== 0 && code !== 1) {
          failures.push(`${folder.name}: ${stderr.trim().split('\n')[0] || `exit code ${code}`}`);
          continue;
        }
        try {
          for (const [file, problems] of parseValidateJson(stdout || '[]', folder.uri.fsPath)) all.set(file, problems);
        } catch (error) {
          failures.push(`${folder.name}: ${message(error)}`);
        }
      }
      this.validation.clear();
      const open = new Set(vscode.workspace.textDocuments.map(d => d.uri.toString()));
      let errors = 0, warnings = 0;
      for (const [file, problems] of all) {
        const uri = vscode.Uri.file(file);
        errors += problems.filter(p => p.severity === 'error').length;
        warnings += problems.filter(p => p.severity === 'warning').length;
        if (!open.has(uri.toString())) this.validation.set(uri, problems.map(toDiagnostic)); // open files: the server reports them
      }
      if (failures.length) void vscode.window.showErrorMessage(`EgressLsp: validation failed for ${failures.join('; ')}`);
      const summary = `EgressLsp: ${all.size} file(s) with problems: ${errors} error(s), ${warnings} warning(s)`;
      this.output.info(summary);
      vscode.window.setStatusBarMessage(summary, 8000);
      await vscode.commands.executeCommand('workbench.actions.view.problems');
    });
  }

  dispose(): void {
    this.previewDebounce.dispose();
    this.mapDebounce.dispose();
    this.map?.panel.dispose();
    this.policyDebounce.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

function toDiagnostic(p: ReportedProblem): vscode.Diagnostic {
  const severity = { error: vscode.DiagnosticSeverity.Error, warning: vscode.DiagnosticSeverity.Warning, info: vscode.DiagnosticSeverity.Information, hint: vscode.DiagnosticSeverity.Hint }[p.severity];
  const diagnostic = new vscode.Diagnostic(new vscode.Range(p.startLine, p.startCharacter, p.endLine, p.endCharacter), p.message, severity);
  diagnostic.source = 'egressctl';
  diagnostic.code = p.documentation ? { value: p.code, target: vscode.Uri.parse(p.documentation) } : p.code;
  return diagnostic;
}

/** The `egressLsp` settings as plain JSON, for initializationOptions (the server pulls them again later). */
function plainSettings(): Record<string, unknown> {
  const settings = vscode.workspace.getConfiguration('egressLsp');
  return {
    target: settings.get('target') ?? null,
    locale: settings.get('locale') ?? null,
    environment: settings.get('environment') ?? {},
  };
}

function locale(settings: vscode.WorkspaceConfiguration): string {
  return settings.get<string | null>('locale') ?? (vscode.env.language.toLowerCase().startsWith('zh') ? 'zh' : 'en');
}

function run(command: string, args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise(resolve => {
    execFile(command, args, { cwd, maxBuffer: 256 * 1024 * 1024, env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' } }, (error, stdout, stderr) => {
      const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : -1) : 0;
      resolve({ code, stdout, stderr: stderr || (code === -1 && error ? error.message : '') });
    });
  });
}

function message(error: unknown): string {
  if (error instanceof ResponseError) return error.message;
  return error instanceof Error ? error.message : String(error);
}

let extension: Extension | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  extension = new Extension(context);
  context.subscriptions.push(extension);
  await extension.start();
}

export async function deactivate(): Promise<void> {
  await extension?.stop();
  extension = undefined;
}
