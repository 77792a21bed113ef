// A user's flow in a real VS Code: code-server (from npm, in the tool folder) with the packaged .vsix installed,
// driven in Debian's Chromium by playwright-core. Asserts on the page's text; saves a screenshot of each step
// in tests/editors/artifacts/vscode/. Run by tests/editors/run.sh inside a loopback-only network namespace.
//
// Needs: NODE24 (Node 24 for code-server), CODE_SERVER (its entry.js), EGRESSLSP_VSIX (the packaged extension).
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const artifacts = join(process.env.EGRESSLSP_ARTIFACTS ?? join(here, 'artifacts'), 'vscode');
const { NODE24, CODE_SERVER, EGRESSLSP_VSIX } = process.env;
const missing = ['NODE24', 'CODE_SERVER', 'EGRESSLSP_VSIX'].filter(name => !process.env[name]);

const log = message => process.stderr.write(`# ${message}\n`);
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

describe('VS Code (code-server) with the EgressLsp extension', { skip: missing.length ? `set ${missing.join(', ')} (tests/editors/run.sh does)` : false }, () => {
  let root, workspace, server, context, page, serverLog = '';

  /** Text of the page region, with Monaco's non-breaking spaces made plain. */
  const textOf = async locator => (await locator.innerText()).replace(/\u00a0/g, ' ');
  const shot = async name => {
    await page.screenshot({ path: join(artifacts, `${name}.png`) });
    log(`screenshot ${name}.png at ${elapsed()}`);
  };
  const editorText = index => textOf(page.locator('.editor-group-container').nth(index).locator('.monaco-editor .view-lines').first());
  const problemsText = () => textOf(page.locator('.markers-panel-container, .markers-panel').first());

  /** Runs a command from the palette (F1), retrying when the palette is not ready yet. `label`: the exact label, or a RegExp. */
  async function runCommand(label) {
    for (let attempt = 1; ; attempt++) {
      await page.keyboard.press('Escape');
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      const typed = typeof label === 'string' ? label : label.source.replace(/^\^/, '').replace(/\\/g, '');
      await input.fill(`>${typed}`);
      // The row whose label is exactly the command's (not "View: Close Editor Group" for "View: Close Editor").
      const exact = typeof label === 'string' ? new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : label;
      const row = page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: exact }) }).first();
      try {
        await row.waitFor({ state: 'visible', timeout: 5_000 });
        await row.click();
        return;
      } catch (error) {
        if (attempt >= 3) throw error;
        log(`command palette: '${label}' not listed yet, retrying`);
        await sleep(1_000);
      }
    }
  }

  /** Puts the cursor in the first editor group at a 1-based line and column. */
  async function goTo(line, column) {
    await page.locator('.editor-group-container').first().locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+G');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`:${line}:${column}`);
    await page.keyboard.press('Enter');
    await sleep(200);
  }

  before(async () => {
    mkdirSync(artifacts, { recursive: true });
    root = mkdtempSync(join(tmpdir(), 'egresslsp-vscode-'));
    workspace = join(root, 'workspace');
    cpSync(join(here, 'workspace'), workspace, { recursive: true });
    for (const dir of ['user/User', 'ext', 'xdg/config', 'xdg/data', 'xdg/cache', 'xdg/state', 'chrome']) mkdirSync(join(root, dir), { recursive: true });
    writeFileSync(join(root, 'user/User/settings.json'), JSON.stringify({
      'chat.disableAIFeatures': true,
      'telemetry.telemetryLevel': 'off',
      'update.mode': 'none',
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'workbench.enableExperiments': false,
      'extensions.autoUpdate': false,
      'extensions.autoCheckUpdates': false,
      'extensions.ignoreRecommendations': true,
      'security.workspace.trust.enabled': false,
      'git.enabled': false,
      'editor.minimap.enabled': false,
      'editor.stickyScroll.enabled': false,
      'editor.wordBasedSuggestions': 'off',
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
      'workbench.layoutControl.enabled': false,
      'files.autoSave': 'off',
      'window.zoomLevel': 0,
    }, null, 2));
    const port = await freePort();
    writeFileSync(join(root, 'config.yaml'), `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
    const env = {
      ...process.env,
      XDG_CONFIG_HOME: join(root, 'xdg/config'), XDG_DATA_HOME: join(root, 'xdg/data'),
      XDG_CACHE_HOME: join(root, 'xdg/cache'), XDG_STATE_HOME: join(root, 'xdg/state'),
    };
    const common = ['--config', join(root, 'config.yaml'), '--user-data-dir', join(root, 'user'), '--extensions-dir', join(root, 'ext')];

    // The .vsix, installed as a user would.
    const installed = execFileSync(NODE24, [CODE_SERVER, ...common, '--install-extension', EGRESSLSP_VSIX], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    log(installed.trim().split('\n').pop());
    assert.match(installed, /was successfully installed/);

    server = spawn(NODE24, [CODE_SERVER, ...common, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry',
      '--disable-update-check', '--disable-workspace-trust', '--reconnection-grace-time', '5', workspace], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    server.stdout.on('data', d => { serverLog += d; });
    server.stderr.on('data', d => { serverLog += d; });
    const url = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      try { if ((await fetch(`${url}/healthz`)).ok) break; } catch { /* not yet */ }
      if (i > 300 || server.exitCode !== null) throw new Error(`code-server did not start:\n${serverLog}`);
      await sleep(100);
    }
    log(`code-server ready at ${elapsed()}`);

    context = await chromium.launchPersistentContext(join(root, 'chrome'), {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      headless: true,
      viewport: { width: 1440, height: 900 },
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    });
    page = context.pages()[0] ?? await context.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(`${url}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench').waitFor();
    log(`workbench loaded at ${elapsed()}`);
  });

  after(async () => {
    if (page && !page.isClosed()) await page.screenshot({ path: join(artifacts, 'last.png') }).catch(() => {});
    await context?.close().catch(() => {});
    if (server && server.exitCode === null) {
      try { process.kill(-server.pid, 'SIGTERM'); } catch { /* gone */ }
      await Promise.race([new Promise(resolve => server.once('exit', resolve)), sleep(5_000)]);
      try { process.kill(-server.pid, 'SIGKILL'); } catch { /* gone */ }
    }
    writeFileSync(join(artifacts, 'code-server.log'), serverLog);
    if (root && !process.env.EGRESSLSP_KEEP) rmSync(root, { recursive: true, force: true });
  });

  it('opens the policy from the explorer and starts the server', async () => {
    await page.locator('.explorer-folders-view .monaco-list-row[aria-label^="policies"]').click();
    await page.locator('.explorer-folders-view .monaco-list-row[aria-label^="egress.yaml"]').click();
    await page.locator('.tab[aria-label^="egress.yaml"]').waitFor();
    await page.locator('.statusbar-item[aria-label="EgressLsp ready"]').waitFor({ timeout: 30_000 });
    assert.match(await editorText(0), /kind: ASMEgressTrafficPolicy/);
    // The server's code lens over the policy: no expansion while it has an error.
    await page.locator('.codelens-decoration', { hasText: '1 error · expansion unavailable' }).first().waitFor({ timeout: 15_000 });
    await shot('01-open');
  });

  it('shows the deliberate mistake in the Problems view', async () => {
    await runCommand(/^View: Focus Problems/);
    const panel = page.locator('.markers-panel-container, .markers-panel').first();
    await panel.waitFor();
    await page.waitForFunction(() => /EGP005/.test(document.querySelector('.markers-panel-container, .markers-panel')?.textContent ?? ''), null, { timeout: 30_000 });
    const text = await problemsText();
    assert.match(text, /'HTTPX' is not an allowed value for Protocol/);
    assert.match(text, /EGP005/);
    await shot('02-problems');
  });

  it('accepts a completion that fixes it', async () => {
    const source = readFileSync(join(workspace, 'policies/egress.yaml'), 'utf8').split('\n');
    const line = source.findIndex(l => l.includes('protocol: HTTPX')) + 1;
    const column = source[line - 1].indexOf('HTTPX') + 1;
    await goTo(line, column);
    await page.keyboard.press('Shift+End');
    await page.keyboard.type('HT', { delay: 50 });
    await page.keyboard.press('Control+Space');
    const widget = page.locator('.suggest-widget.visible');
    await widget.waitFor({ timeout: 15_000 });
    await widget.locator('.monaco-list-row[aria-label^="HTTPS"]').first().waitFor();
    // Move the selection to HTTP (not HTTPS or HTTP2), as a user would with the arrow keys.
    for (let i = 0; i < 12; i++) {
      const focused = await widget.locator('.monaco-list-row.focused').first().getAttribute('aria-label');
      if (/^HTTP\b(?![S2-])/.test(focused ?? '')) break;
      await page.keyboard.press('ArrowDown');
    }
    assert.match(await widget.locator('.monaco-list-row.focused').first().getAttribute('aria-label'), /^HTTP\b(?![S2-])/);
    await shot('03-completion');
    await page.keyboard.press('Enter');
    await widget.waitFor({ state: 'hidden' });
    assert.match(await editorText(0), /protocol: HTTP\s*\n/);
    await page.waitForFunction(() => !/EGP0/.test(document.querySelector('.markers-panel-container, .markers-panel')?.textContent ?? ''), null, { timeout: 30_000 });
    assert.match(await problemsText(), /No problems have been detected/);
    await shot('03-completion-accepted');
  });

  it('hovers a field and shows its documentation', async () => {
    // The cursor on the key and the editor's "Show or Focus Hover" (Ctrl+K Ctrl+I): a mouse hover right after the
    // Problems view and the suggest widget closed was missed now and then in CI.
    const source = readFileSync(join(workspace, 'policies/egress.yaml'), 'utf8').split('\n');
    const line = source.findIndex(l => l.trim() === 'hosts:') + 1;
    await goTo(line, source[line - 1].indexOf('hosts') + 2);
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    const hover = page.locator('.monaco-hover:not(.hidden)').first();
    await hover.waitFor({ state: 'visible', timeout: 15_000 });
    await page.waitForFunction(() => (document.querySelector('.monaco-hover:not(.hidden)')?.textContent ?? '').length > 20);
    const text = await textOf(hover);
    log(`hover: ${text.replace(/\s+/g, ' ').slice(0, 160)}`);
    assert.match(text, /host/i);
    await shot('04-hover');
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
  });

  it('expands to Istio resources in a preview beside the editor, refreshed as you type', async () => {
    await page.locator('.editor-group-container').first().locator('.view-lines').first().click();
    await runCommand('EgressLsp: Expand to Istio resources');
    await page.locator('.tab[aria-label^="egress.istio.yaml"]').waitFor();
    await page.waitForFunction(() => {
      const groups = document.querySelectorAll('.editor-group-container');
      return groups.length > 1 && /kind:\s*ServiceEntry/.test(groups[1].querySelector('.view-lines')?.textContent ?? '');
    }, null, { timeout: 30_000 });
    const preview = await editorText(1);
    assert.match(preview, /apiVersion: networking\.istio\.io\/v1/);
    assert.match(preview, /kind: ServiceEntry/);
    assert.match(preview, /- httpbin\.org/);
    await shot('05-preview');

    // Refreshed as you type: rename the host in the policy.
    const source = readFileSync(join(workspace, 'policies/egress.yaml'), 'utf8').split('\n');
    const line = source.findIndex(l => l.trim() === '- httpbin.org') + 1;
    await goTo(line, source[line - 1].indexOf('httpbin') + 1);
    await page.keyboard.press('Shift+End');
    await page.keyboard.type('example.com', { delay: 30 });
    await page.waitForFunction(() => {
      const groups = document.querySelectorAll('.editor-group-container');
      return /- example\.com/.test(groups[1]?.querySelector('.view-lines')?.textContent.replace(/\u00a0/g, ' ') ?? '');
    }, null, { timeout: 15_000 });
    assert.doesNotMatch(await editorText(1), /httpbin\.org/);
    await shot('06-preview-refreshed');
  });

  it('wrote no file so far', () => {
    assert.ok(!existsSync(join(workspace, 'policies/egress.istio.yaml')));
  });

  it('reopens the preview from the code lens over the policy (the README screenshot)', async () => {
    // Close the preview, then bring it back with the server's code lens, which runs the client's command.
    const previewTab = page.locator('.tab[aria-label^="egress.istio.yaml"]').first();
    await previewTab.click();
    await runCommand('View: Close Editor');
    await page.locator('.tab[aria-label^="egress.istio.yaml"]').waitFor({ state: 'detached' });
    await page.locator('.editor-group-container').first().locator('.view-lines').first().click();
    if (await page.locator('.part.panel').isVisible()) await page.keyboard.press('Control+J'); // hide the panel
    await page.locator('.part.panel').waitFor({ state: 'hidden' });
    await page.keyboard.press('Control+Home');
    const lens = page.locator('.editor-group-container').first().locator('.codelens-decoration a', { hasText: /resources? \(istio-sidecar\) · Preview/ }).first();
    await lens.waitFor({ timeout: 15_000 });
    assert.match(await textOf(lens), /^\d+ resources? \(istio-sidecar\) · Preview$/);
    await lens.click();
    await page.locator('.tab[aria-label^="egress.istio.yaml"]').waitFor();
    await page.waitForFunction(() => /kind:\s*ServiceEntry/.test(document.querySelectorAll('.editor-group-container')[1]?.querySelector('.view-lines')?.textContent ?? ''), null, { timeout: 15_000 });
    assert.match(await editorText(1), /- example\.com/);
    await page.locator('.editor-group-container').first().locator('.view-lines').first().click();
    await page.keyboard.press('Control+Home');
    await sleep(500);
    await shot('07-preview-from-code-lens');
  });

  it('expands to a file beside the policy on request', async () => {
    await runCommand('EgressLsp: Expand to file');
    const file = join(workspace, 'policies/egress.istio.yaml');
    for (let i = 0; i < 100 && !existsSync(file); i++) await sleep(100);
    const written = readFileSync(file, 'utf8');
    assert.match(written, /kind: ServiceEntry/);
    assert.match(written, /- example\.com/);
    await shot('08-expand-to-file');
  });

  it('validates the workspace with egressctl', async () => {
    await runCommand('EgressLsp: Validate workspace');
    // The policy on disk still has the mistake (the fix is unsaved): the open file's problems come from the
    // server, the count from egressctl validate.
    const message = page.locator('.statusbar-item', { hasText: /file\(s\) with problems/ }).first();
    await message.waitFor({ timeout: 30_000 });
    assert.match(await textOf(message), /1 file\(s\) with problems: 1 error\(s\), 0 warning\(s\)/);
    await shot('09-validate-workspace');
  });

  it('checks hand-written Istio resources across files as you type, with completion and hover', async () => {
    // The Istio task's resources in two files; rename the gateway subset in one and the route in the other breaks.
    // Both open (the server reports on open files): the routes first, then the DestinationRule, which is edited.
    await page.locator('.editor-group-container').first().locator('.view-lines').first().click();
    await page.locator('.explorer-folders-view .monaco-list-row[aria-label^="istio"]').click();
    // A double click keeps the tab (a single click opens a preview tab the next file would replace).
    await page.locator('.explorer-folders-view .monaco-list-row[aria-label^="egress-gateway.yaml"]').dblclick();
    await page.locator('.tab[aria-label^="egress-gateway.yaml"]').waitFor();
    await page.locator('.explorer-folders-view .monaco-list-row[aria-label^="gateway-subsets.yaml"]').click();
    await page.locator('.tab[aria-label^="gateway-subsets.yaml"]').waitFor();
    const rules = readFileSync(join(workspace, 'istio/gateway-subsets.yaml'), 'utf8').split('\n');
    const subsetLine = rules.findIndex(l => l.includes('- name: cnn')) + 1;

    // Hover: the CRD's documentation of the field.
    await goTo(subsetLine - 1, rules[subsetLine - 2].indexOf('subsets') + 2);
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    const hover = page.locator('.monaco-hover:not(.hidden)').first();
    await hover.waitFor({ state: 'visible', timeout: 15_000 });
    await page.waitForFunction(() => (document.querySelector('.monaco-hover:not(.hidden)')?.textContent ?? '').length > 20);
    assert.match(await textOf(hover), /subset/i);
    await shot('10-istio-hover');
    await page.keyboard.press('Escape');

    await goTo(subsetLine, rules[subsetLine - 1].indexOf('cnn') + 1);
    await page.keyboard.press('Shift+End');
    await page.keyboard.type('cnn-v2', { delay: 30 });
    await runCommand(/^View: Focus Problems/);
    await page.waitForFunction(() => /IST0101/.test(document.querySelector('.markers-panel-container, .markers-panel')?.textContent ?? ''), null, { timeout: 30_000 });
    const problems = await problemsText();
    assert.match(problems, /egress-gateway\.yaml/);
    assert.match(problems, /host\+subset in destinationrule not found: 'istio-egressgateway\.istio-system\.svc\.cluster\.local\+cnn'/);
    await shot('11-istio-cross-file');

    // Completion in the route's file offers the renamed subset, from the other file's unsaved buffer.
    await page.locator('.tab[aria-label^="egress-gateway.yaml"]').first().click();
    const routes = readFileSync(join(workspace, 'istio/egress-gateway.yaml'), 'utf8').split('\n');
    const routeLine = routes.findIndex(l => l.includes('subset: cnn')) + 1;
    await goTo(routeLine, routes[routeLine - 1].indexOf('cnn') + 1);
    await page.keyboard.press('Shift+End');
    await page.keyboard.press('Delete');
    await page.keyboard.press('Control+Space');
    const widget = page.locator('.suggest-widget.visible');
    await widget.waitFor({ timeout: 15_000 });
    await widget.locator('.monaco-list-row[aria-label^="cnn-v2"]').first().waitFor();
    await shot('12-istio-completion');
    await widget.locator('.monaco-list-row[aria-label^="cnn-v2"]').first().click();
    await widget.waitFor({ state: 'hidden' });
    await page.waitForFunction(() => !/IST0101/.test(document.querySelector('.markers-panel-container, .markers-panel')?.textContent ?? ''), null, { timeout: 30_000 });
  });

  it('draws the egress map of the workspace beside the policy', async () => {
    await page.locator('.tab[aria-label^="egress.yaml"]').first().click();
    await runCommand('EgressLsp: Show egress map');
    // The webview's document sits in an iframe inside the webview's iframe.
    const map = page.frameLocator('iframe.webview').frameLocator('iframe').locator('svg');
    await map.waitFor({ timeout: 30_000 });
    const text = (await map.textContent()) ?? '';
    assert.match(text, /Egress map/);
    assert.match(text, /egress gateways/);
    // The policy's source and destination (the steps above changed its host), through the gateway.
    assert.match(text, /mytest\/app=sleep → egressgateway\.istio-system/);
    assert.match(text, /(example\.com|httpbin\.org):80: 1 allowed/);
    assert.match(text, /assuming outboundTrafficPolicy REGISTRY_ONLY/);
    await shot('13-egress-map');
  });
});

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}
