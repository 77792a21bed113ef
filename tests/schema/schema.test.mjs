// The policy's JSON Schema as people who keep yaml-language-server (or any standard validator) use it: ajv, a
// standard JSON Schema validator, accepts the repository's examples and the README's modeline example, and rejects
// the mistakes our own validator reports. Run by `npm run test:client` (`node --test tests/schema/`).
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parseAllDocuments } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const schemaOf = name => JSON.parse(readFileSync(join(root, 'schemas', name), 'utf8'));

/** What editors read beside JSON Schema (VS Code, yaml-language-server); validators ignore them. */
const editorKeywords = ['deprecationMessage', 'markdownDescription', 'enumDescriptions', 'markdownEnumDescriptions', 'defaultSnippets', 'errorMessage', 'doNotSuggest'];

/** ajv in strict mode, told about our documentation keywords (x-…) and the editors', which standard validators ignore. */
function validator(schema) {
  const ajv = new Ajv({ strict: true, allErrors: true, strictTypes: false });
  addFormats(ajv);
  const keywords = new Set();
  JSON.stringify(schema, (key, value) => { if (key.startsWith('x-') || editorKeywords.includes(key)) keywords.add(key); return value; });
  ajv.addVocabulary([...keywords]);
  return ajv.compile(schema);
}

describe('the policy JSON Schema with a standard validator (ajv)', () => {
  const validate = validator(schemaOf('asm-egress-traffic-policy.schema.json'));

  for (const file of readdirSync(join(root, 'examples')).filter(f => f.endsWith('.yaml'))) {
    it(`accepts examples/${file}`, () => {
      const documents = parseAllDocuments(readFileSync(join(root, 'examples', file), 'utf8')).map(d => d.toJS());
      assert.ok(documents.length > 0);
      for (const document of documents) {
        assert.ok(validate(document), JSON.stringify(validate.errors, null, 2));
      }
    });
  }

  it('rejects an unknown field, a port out of range and a protocol that does not exist', () => {
    const example = parseAllDocuments(readFileSync(join(root, 'examples', 'http.yaml'), 'utf8'))[0].toJS();
    const to = example.spec.egressRules[0].to[0];
    to.hostz = ['typo.example.com'];
    to.port.number = 70000;
    to.port.protocol = 'HTTPX';
    assert.equal(validate(example), false);
    const problems = validate.errors.map(e => `${e.instancePath} ${e.keyword}`);
    assert.ok(problems.some(p => p.endsWith('additionalProperties')), problems.join('\n'));
    assert.ok(problems.some(p => p === '/spec/egressRules/0/to/0/port/number maximum'), problems.join('\n'));
    assert.ok(problems.some(p => p === '/spec/egressRules/0/to/0/port/protocol enum'), problems.join('\n'));
  });
});

describe('the project config JSON Schema with ajv', () => {
  it('accepts a config with levels and an environment, and rejects an unknown level', () => {
    const validate = validator(schemaOf('egresslsp-config.schema.json'));
    const config = { rules: { EGP010: 'off', IST0118: 'warning' }, environment: { target: 'istio-sidecar', gatewayNamespace: 'istio-system' } };
    assert.ok(validate(config), JSON.stringify(validate.errors, null, 2));
    assert.equal(validate({ rules: { EGP010: 'loud' } }), false);
  });
});
