// Runs an editor's check script (which prints one "ok - NAME" / "not ok - NAME: DETAIL" line per check, and
// "# note" lines) in a copy of the fixture workspace, and turns each line into a node:test subtest.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const here = dirname(fileURLToPath(import.meta.url));

/** `command(workspace)` → [program, args]; the server binary's folder goes first on PATH (configs run `egressctl`). */
export async function runEditorChecks(t, name, command, egressctl) {
  const root = mkdtempSync(join(tmpdir(), `egresslsp-${name}-`));
  try {
    const workspace = join(root, 'workspace');
    cpSync(join(here, 'workspace'), workspace, { recursive: true });
    const xdg = Object.fromEntries(['CONFIG', 'DATA', 'STATE', 'CACHE'].map(k => [`XDG_${k}_HOME`, join(root, 'xdg', k.toLowerCase())]));
    Object.values(xdg).forEach(dir => mkdirSync(dir, { recursive: true }));
    mkdirSync(join(root, 'home'));
    const [program, args] = command(workspace);
    const started = Date.now();
    const run = spawnSync(program, args, {
      cwd: workspace,
      encoding: 'utf8',
      timeout: 120_000,
      env: {
        ...process.env, ...xdg, HOME: join(root, 'home'),
        PATH: `${dirname(egressctl)}${delimiter}${process.env.PATH}`,
        EGRESS_POLICY: join(workspace, 'policies', 'egress.yaml'),
        EGRESS_README: join(here, '..', '..', 'README.md'),
      },
    });
    const output = `${run.stdout}${run.stderr}`;
    const artifacts = join(process.env.EGRESSLSP_ARTIFACTS ?? join(here, 'artifacts'), name);
    mkdirSync(artifacts, { recursive: true });
    writeFileSync(join(artifacts, 'output.txt'), output);
    t.diagnostic(`${name} ran in ${Date.now() - started} ms`);
    for (const line of output.split('\n').filter(l => l.startsWith('# '))) t.diagnostic(line.slice(2));

    const checks = [...output.matchAll(/^(ok|not ok) - (.+?)(?:: (.*))?$/gm)];
    assert.ok(checks.length > 0, `no checks ran:\n${output}`);
    for (const [, result, check, detail] of checks) {
      await t.test(check, () => assert.equal(result, 'ok', detail ?? check));
    }
    assert.equal(run.status, 0, `${program} exited with ${run.status}${run.error ? ` (${run.error.message})` : ''}:\n${output}`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
