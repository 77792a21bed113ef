// Neovim (Debian's 0.7.2) headless with its built-in LSP client and the README's configuration
// (neovim/egresslsp.lua): diagnostics, completion and the egressLsp.expand command (neovim/check.lua does the work).
// Needs: nvim on PATH and EGRESSCTL (the server binary). tests/editors/run.sh sets both up.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { here, runEditorChecks } from './editorChecks.mjs';

const egressctl = process.env.EGRESSCTL;
const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });

test('the README shows the Neovim configuration the test runs', () => {
  const readme = readFileSync(join(here, '..', '..', 'README.md'), 'utf8');
  const config = readFileSync(join(here, 'neovim', 'egresslsp.lua'), 'utf8');
  assert.ok(readme.includes('```lua\n' + config + '```'), 'README.md "## Neovim" must hold tests/editors/neovim/egresslsp.lua verbatim');
});

test('Neovim with the built-in LSP client', { skip: !egressctl ? 'set EGRESSCTL (tests/editors/run.sh does)' : nvim.status !== 0 ? 'nvim not found' : false }, async t => {
  t.diagnostic(nvim.stdout.split('\n')[0]);
  await runEditorChecks(t, 'neovim', () => ['nvim', ['--headless', '--clean', '-c', `luafile ${join(here, 'neovim', 'check.lua')}`]], egressctl);
});
