// The README's CI recipes, run as a user would run them, without a network or a cluster:
// - recipes/github-actions.yml: the workflow has the steps code scanning needs, and its `run:` steps, run here in a
//   copy of a repository (the tool installed from a local package folder instead of nuget.org), produce SARIF whose
//   results point at files relative to the repository root;
// - .pre-commit-hooks.yaml: `pre-commit try-repo` builds the hook from this repository and fails a commit with a
//   mistake, passes a clean one;
// - `egressctl expand … | kubectl apply -f -`: the output is what kubectl needs (each object with apiVersion, kind,
//   metadata.name and metadata.namespace), as `kubectl apply --dry-run=client` would check it.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse, parseAllDocuments } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const log = message => process.stderr.write(`# ${message}\n`);

describe('CI recipes', () => {
  let work, feed;
  const env = () => ({ ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1' });

  before(() => {
    work = mkdtempSync(join(tmpdir(), 'egresslsp-recipes-'));
    feed = join(work, 'feed');
    execFileSync('dotnet', ['pack', 'server/EgressLsp.Cli', '-c', 'Release', '-o', feed, '--nologo'], { cwd: root, env: env(), stdio: ['ignore', 'ignore', 'inherit'] });
    log(`packed ${readdirSync(feed).join(', ')}`);
  });

  after(() => { if (work && !process.env.EGRESSLSP_KEEP) rmSync(work, { recursive: true, force: true }); });

  it('GitHub Actions: the workflow installs egressctl, validates to SARIF and uploads it; its commands work', () => {
    const workflow = parse(readFileSync(join(root, 'recipes', 'github-actions.yml'), 'utf8'));
    assert.equal(workflow.permissions['security-events'], 'write');
    const steps = workflow.jobs.validate.steps;
    assert.ok(steps.some(s => s.uses?.startsWith('actions/checkout@')));
    assert.equal(steps.find(s => s.uses?.startsWith('actions/setup-dotnet@')).with['dotnet-version'], '10.0.x');
    const upload = steps.find(s => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    assert.equal(upload.if, 'always()');
    const runs = steps.filter(s => s.run).map(s => s.run.trim());
    assert.match(runs[0], /^dotnet tool install --global egressctl\b/);
    assert.match(runs[1], /^egressctl validate \. --format sarif > (\S+)$/);
    assert.equal(runs[1].split('> ')[1], upload.with.sarif_file);

    // A repository with a policy and hand-written Istio resources, one of them wrong.
    const repo = join(work, 'repo');
    mkdirSync(join(repo, 'policies'), { recursive: true });
    cpSync(join(root, 'examples', 'http.yaml'), join(repo, 'policies', 'http.yaml'));
    cpSync(join(root, 'tests', 'EgressLsp.Tests', 'golden', 'diagnostics', 'egi001-mesh-missing.yaml'), join(repo, 'istio.yaml'));
    // The local package folder stands in for nuget.org; a home of its own stands in for the runner's.
    writeFileSync(join(repo, 'nuget.config'), `<?xml version="1.0" encoding="utf-8"?>\n<configuration><packageSources><clear /><add key="local" value="${feed}" /></packageSources></configuration>\n`);
    const home = join(work, 'home');
    const stepEnv = { ...env(), DOTNET_CLI_HOME: home, NUGET_PACKAGES: join(home, 'nuget'), PATH: `${join(home, '.dotnet', 'tools')}:${process.env.PATH}` };
    execFileSync('bash', ['-eo', 'pipefail', '-c', runs[0]], { cwd: repo, env: stepEnv, stdio: ['ignore', 'ignore', 'inherit'] });
    const validate = spawnSync('bash', ['-eo', 'pipefail', '-c', runs[1]], { cwd: repo, env: stepEnv, encoding: 'utf8' });
    assert.equal(validate.status, 1, validate.stderr); // the mistake fails the job after the upload
    const sarif = JSON.parse(readFileSync(join(repo, upload.with.sarif_file), 'utf8'));
    const results = sarif.runs[0].results;
    const egi001 = results.find(r => r.ruleId === 'EGI001');
    assert.ok(egi001, JSON.stringify(results.map(r => r.ruleId)));
    const location = egi001.locations[0].physicalLocation.artifactLocation;
    assert.deepEqual([location.uri, location.uriBaseId], ['istio.yaml', '%SRCROOT%']);
    assert.equal(sarif.runs[0].tool.driver.semanticVersion, '0.1.0');
  });

  it('pre-commit: the hook, built from this repository, stops a commit with a mistake and lets a clean one through', () => {
    const project = join(work, 'project');
    mkdirSync(project);
    const git = (...args) => execFileSync('git', args, { cwd: project, stdio: 'ignore' });
    git('init', '-q');
    git('config', 'user.email', 'ci@example.com');
    git('config', 'user.name', 'ci');
    cpSync(join(root, 'examples', 'http.yaml'), join(project, 'good.yaml'));
    writeFileSync(join(project, 'bad.yaml'), readFileSync(join(root, 'examples', 'http.yaml'), 'utf8').replace('protocol: HTTP', 'protocol: HTTPX'));
    git('add', '.');
    const tryRepo = file => spawnSync('pre-commit', ['try-repo', root, 'egressctl-validate', '--files', file], {
      cwd: project, encoding: 'utf8', env: { ...env(), PRE_COMMIT_HOME: join(work, 'pre-commit-home') },
    });
    const bad = tryRepo('bad.yaml');
    assert.notEqual(bad.status, 0, bad.stdout + bad.stderr);
    assert.match(bad.stdout, /bad\.yaml:\d+:\d+: error EGP005/);
    const good = tryRepo('good.yaml');
    assert.equal(good.status, 0, good.stdout + good.stderr);
    assert.match(good.stdout, /egressctl validate\.+Passed/);
  });

  it('kubectl: `egressctl expand` writes what `kubectl apply -f -` takes', () => {
    const tools = join(work, 'tools');
    if (!existsSync(join(tools, 'egressctl'))) {
      execFileSync('dotnet', ['tool', 'install', 'egressctl', '--tool-path', tools, '--add-source', feed, '--version', '0.1.0'],
        { cwd: work, env: { ...env(), NUGET_PACKAGES: join(work, 'nuget') }, stdio: ['ignore', 'ignore', 'inherit'] });
    }
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    assert.match(readme, /egressctl expand policy\.yaml --workspace k8s\/ \| kubectl apply -f -/);
    const yaml = execFileSync(join(tools, 'egressctl'), ['expand', join(root, 'examples', 'https-upgrade.yaml')], { encoding: 'utf8' });
    const objects = parseAllDocuments(yaml).map(d => d.toJS());
    assert.ok(objects.length >= 5);
    for (const object of objects) {
      assert.match(object.apiVersion, /^(networking|security)\.istio\.io\/v1$/);
      assert.ok(['ServiceEntry', 'Gateway', 'VirtualService', 'DestinationRule', 'AuthorizationPolicy'].includes(object.kind), object.kind);
      assert.ok(object.metadata.name && object.metadata.namespace, JSON.stringify(object.metadata));
    }
  });
});
