// Emacs (Debian's 28.2 with elpa-eglot 1.9) in batch mode with the README's Eglot configuration, evaluated from
// the README itself: diagnostics, completion and egresslsp-expand (emacs/check.el does the work).
// Needs: emacs on PATH and EGRESSCTL (the server binary). tests/editors/run.sh sets both up.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { here, runEditorChecks } from './editorChecks.mjs';

const egressctl = process.env.EGRESSCTL;
const emacs = spawnSync('emacs', ['--version'], { encoding: 'utf8' });

test('Emacs with Eglot', { skip: !egressctl ? 'set EGRESSCTL (tests/editors/run.sh does)' : emacs.status !== 0 ? 'emacs not found' : false }, async t => {
  t.diagnostic(emacs.stdout.split('\n')[0]);
  await runEditorChecks(t, 'emacs', () => ['emacs', ['--batch', '-l', join(here, 'emacs', 'check.el')]], egressctl);
});
