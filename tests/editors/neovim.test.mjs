// Neovim (Debian's 0.7.2) headless with its built-in LSP client and the README's configuration
// (neovim/egresslsp.lua): diagnostics, completion and the egressLsp.expand command. neovim/check.lua does the
// work and prints one "ok - …" / "not ok - …" line per check; each becomes a test here.
//
// Needs: nvim on PATH and EGRESSCTL (the server binary; its folder goes first on PATH, as the README's config
// runs `egressctl lsp --stdio`). tests/editors/run.sh sets both up.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const egressctl = process.env.EGRESSCTL;
const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });

test('the README shows the Neovim configuration the test runs', () => {
  const readme = readFileSync(join(here, '..', '..', 'README.md'), 'utf8');
  const config = readFileSync(join(here, 'neovim', 'egresslsp.lua'), 'utf8');
  assert.ok(readme.includes('```lua\n' + config + '```'), 'README.md "## Neovim" must hold tests/editors/neovim/egresslsp.lua verbatim');
});

test('Neovim with the built-in LSP client', { skip: !egressctl ? 'set EGRESSCTL (tests/editors/run.sh does)' : nvim.status !== 0 ? 'nvim not found' : false }, async t => {
  const root = mkdtempSync(join(tmpdir(), 'egresslsp-nvim-'));
  try {
    const workspace = join(root, 'workspace');
    cpSync(join(here, 'workspace'), workspace, { recursive: true });
    const xdg = Object.fromEntries(['CONFIG', 'DATA', 'STATE', 'CACHE'].map(k => [`XDG_${k}_HOME`, join(root, 'xdg', k.toLowerCase())]));
    Object.values(xdg).forEach(dir => mkdirSync(dir, { recursive: true }));
    const started = Date.now();
    const run = spawnSync('nvim', ['--headless', '--clean', '-c', `luafile ${join(here, 'neovim', 'check.lua')}`], {
      cwd: workspace,
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, ...xdg, PATH: `${dirname(egressctl)}${delimiter}${process.env.PATH}`, EGRESS_POLICY: join(workspace, 'policies', 'egress.yaml') },
    });
    const output = `${run.stdout}${run.stderr}`;
    const artifacts = join(process.env.EGRESSLSP_ARTIFACTS ?? join(here, 'artifacts'), 'neovim');
    mkdirSync(artifacts, { recursive: true });
    writeFileSync(join(artifacts, 'output.txt'), output);
    t.diagnostic(`nvim ran in ${Date.now() - started} ms (${nvim.stdout.split('\n')[0]})`);
    for (const line of output.split('\n').filter(l => l.startsWith('# '))) t.diagnostic(line.slice(2));

    const checks = [...output.matchAll(/^(ok|not ok) - (.+?)(?:: (.*))?$/gm)];
    assert.ok(checks.length > 0, `no checks ran:\n${output}`);
    for (const [, result, name, detail] of checks) {
      await t.test(name, () => assert.equal(result, 'ok', detail ?? name));
    }
    assert.equal(run.status, 0, `nvim exited with ${run.status}${run.error ? ` (${run.error.message})` : ''}:\n${output}`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
