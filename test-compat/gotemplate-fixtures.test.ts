// The real templates of ../shared/fixtures (manifests written by others), run unchanged.
// Expected outputs were produced by Go's text/template with sprig v3.3.0's FuncMap, as Argo Events runs them.
process.env.TZ = 'UTC';

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { compileGoTemplate } from '../src/lang/gotemplate/index.ts';

const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '../../shared/fixtures');

function loadYaml(path: string): Record<string, unknown> {
  return parseAllDocuments(readFileSync(resolve(FIXTURES, path), 'utf8'))[0]?.toJS() as Record<string, unknown>;
}

describe('real templates', () => {
  test('fixtures are present', () => {
    assert.ok(existsSync(FIXTURES), `expected the shared fixtures at ${FIXTURES}`);
  });

  test('milo organization Slack Block Kit dataTemplate, with and without the display-name annotation', () => {
    const sensor = loadYaml('milo/organization-notifications/sensor.yaml') as {
      spec: { triggers: { template: { http: { payload: { src: { dataTemplate: string } }[] } } }[] };
    };
    const src = sensor.spec.triggers[0]?.template.http.payload[0]?.src.dataTemplate ?? '';
    const org = loadYaml('milo/organization-notifications/test-organization.yaml') as {
      metadata: { name: string; annotations?: Record<string, string> };
    };
    const noAnnotations = structuredClone(org);
    delete noAnnotations.metadata.annotations;
    const emptyName = structuredClone(org);
    emptyName.metadata.annotations = { 'kubernetes.io/display-name': '' };
    const t = compileGoTemplate(src);
    const sha = (s: string): string => createHash('sha256').update(s).digest('hex');

    const withName = t.execute({ Input: { type: 'ADD', body: org } });
    // Digests and lengths of Go's output for the same template and data.
    assert.equal(withName.length, 842);
    assert.equal(sha(withName), '603048bf658afa19dd0aaeb3d86b76da3cf3321b7626e66326f198b7ae4ce6c4');
    const blocks = JSON.parse(withName) as { type: string; text?: { text: string } }[];
    assert.deepEqual(blocks.map((b) => b.type), ['header', 'section', 'section', 'divider', 'actions']);
    assert.equal(blocks[1]?.text?.text, '*Display Name:* Test Organization for Slack Notifications');

    for (const body of [noAnnotations, emptyName]) {
      const out = t.execute({ Input: { type: 'ADD', body } });
      assert.equal(out.length, 692);
      assert.equal(sha(out), 'd3770f9d9f4094f2bca3345e5200cded080ef09245f0d1da2b5233efaf4dcad9');
      assert.deepEqual((JSON.parse(out) as { type: string }[]).map((b) => b.type), ['header', 'section', 'divider', 'actions']);
      assert.ok(out.includes('organizations/test-slack-notification"'));
    }
  });

  test('argo-events example sensors: every dataTemplate and contextTemplate compiles and renders', () => {
    const inputs: Record<string, [unknown, string[]]> = {
      'github.yaml': [
        { body: { pull_request: { number: 42, head: { sha: '9f8e7d6c5b4a3' } } } },
        ['9f8e7d6', '42-9f8e7d6'],
      ],
      'email-trigger.yaml': [{ body: { name: 'Jane' } }, ['Hi Jane,\n\n\tHello There.\n\nThanks,\nObi']],
      'trigger-with-template.yaml': [
        { body: { message: 'hello argo events', name: 'Jane Doe Smith' }, subject: 'new order placed' },
        ['Hello Argo Events', 'New Order Placed', 'janedoesmith-'],
      ],
    };
    for (const [file, [input, want]] of Object.entries(inputs)) {
      const text = readFileSync(resolve(FIXTURES, 'argo-events/examples/sensors', file), 'utf8');
      const templates = [...text.matchAll(/(?:data|context)Template: (".*")$/gm)].map((m) => JSON.parse(m[1] ?? '""') as string);
      assert.equal(templates.length, want.length, file);
      const outs = templates.map((src) => compileGoTemplate(src).execute({ Input: input }));
      assert.deepEqual(outs, want, file);
    }
  });
});
