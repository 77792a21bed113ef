// Bundles the extension with esbuild: src/extension.ts -> dist/extension.js (CommonJS, vscode external).
//   --production  minified, no source map (what the .vsix ships)
//   --tests       also bundles test/*.test.ts -> out/test/*.test.js for node --test
import { build } from 'esbuild';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const production = process.argv.includes('--production');
const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning', absWorkingDir: root };

await build({
  ...common,
  entryPoints: ['src/extension.ts'],
  outfile: 'dist/extension.js',
  external: ['vscode'],
  minify: production,
  sourcemap: !production,
});

if (process.argv.includes('--tests')) {
  const tests = readdirSync(join(root, 'test')).filter(f => f.endsWith('.test.ts')).map(f => `test/${f}`);
  await build({ ...common, entryPoints: tests, outdir: 'out/test', external: ['vscode'], sourcemap: true });
}
