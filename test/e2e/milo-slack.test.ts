/**
 * examples/milo-slack end to end: the example's manifests (webhook on a free port, the http trigger pointed at
 * a local sink standing in for Slack), the sample Organization event posted over HTTP, and the Block Kit
 * message the sink receives.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { logger, setLogSink } from '../../src/observe/log.ts';
import { startStandalone, type Standalone } from '../../src/runtime/standalone.ts';
import { startHttpSink, type HttpSink, type Recorded } from '../helpers/http-sink.ts';
import { copyWithFreePorts } from '../helpers/manifests.ts';
import { tempDir } from '../helpers/tmp.ts';
import { editManifests, httpTriggersOf } from '../helpers/yaml-edit.ts';

const EXAMPLE = join(import.meta.dirname, '../../examples/milo-slack');

interface Block {
  type: string;
  text?: { type: string; text: string };
  fields?: { type: string; text: string }[];
  elements?: { type: string; style?: string; url?: string; text?: { text: string } }[];
}

interface OrgEvent {
  type: string;
  body: { metadata: { name: string; annotations?: Record<string, string> }; spec: { type: string } };
}

const sample = (): OrgEvent => JSON.parse(readFileSync(join(EXAMPLE, 'payloads/organization-added.json'), 'utf8')) as OrgEvent;

describe('examples/milo-slack end to end', () => {
  const tmp = tempDir('switchyard-milo-slack-');
  const lines: string[] = [];
  let sink: HttpSink;
  let running: Standalone;
  let port: number;

  before(async () => {
    setLogSink((l) => lines.push(l));
    sink = await startHttpSink();
    const dir = join(tmp.dir, 'manifests');
    const ports = await copyWithFreePorts(EXAMPLE, dir);
    port = ports.get('12100')!;
    assert.ok(port, 'the example webhook port was moved');
    let retargeted = 0;
    editManifests(dir, (doc) => {
      for (const http of httpTriggersOf(doc)) {
        assert.equal(http.url, 'http://127.0.0.1:9099/slack', 'the example posts to its local sink');
        http.url = `${sink.url}/slack`;
        retargeted++;
      }
    });
    assert.equal(retargeted, 1);
    running = await startStandalone({ paths: [dir], dataDir: join(tmp.dir, 'data'), log: logger() });
  });
  after(async () => {
    await running?.stop();
    await sink?.close();
    setLogSink((l) => process.stderr.write(l + '\n'));
    tmp.cleanup();
  });

  /** Posts an Organization event and returns the request Slack's stand-in received for it. */
  async function deliver(event: OrgEvent): Promise<Recorded> {
    const before = sink.requests.length;
    const res = await fetch(`http://127.0.0.1:${port}/milo/organizations`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(event),
    });
    assert.equal(res.status, 200, await res.text());
    await sink.waitFor(before + 1).catch((err: Error) => {
      throw new Error(`${err.message}\n${lines.join('\n')}`);
    });
    return sink.requests[before]!;
  }

  function blocksOf(req: Recorded): { text: string; blocks: Block[] } {
    const body = JSON.parse(req.body) as { text: unknown; blocks: unknown };
    // A dataTemplate result is a string in Argo, so blocks arrives as JSON text holding the array.
    assert.equal(typeof body.blocks, 'string', 'blocks is a JSON string');
    const blocks = JSON.parse(body.blocks as string) as unknown;
    assert.ok(Array.isArray(blocks), 'blocks decodes to an array');
    assert.equal(typeof body.text, 'string');
    return { text: body.text as string, blocks: blocks as Block[] };
  }

  function assertCommonBlocks(blocks: Block[], org: string, type: string): void {
    const header = blocks[0]!;
    assert.deepEqual(header, { type: 'header', text: { type: 'plain_text', text: 'New organization on Milo' } });
    const fields = blocks.find((b) => b.type === 'section' && b.fields !== undefined);
    assert.deepEqual(fields?.fields, [
      { type: 'mrkdwn', text: `*Name*\n${org}` },
      { type: 'mrkdwn', text: `*Type*\n${type}` },
    ]);
    assert.equal(blocks.filter((b) => b.type === 'divider').length, 1);
    const actions = blocks[blocks.length - 1]!;
    assert.equal(actions.type, 'actions');
    const button = actions.elements?.[0];
    assert.equal(button?.type, 'button');
    assert.equal(button?.style, 'primary');
    assert.equal(button?.url, `https://portal.example.com/organizations/${org}`);
    assert.ok(button?.url?.includes(org));
  }

  test('the sample Organization: a JSON POST with the header, display name, fields, divider and portal button', async () => {
    const event = sample();
    const req = await deliver(event);
    assert.equal(req.method, 'POST');
    assert.equal(req.url, '/slack');
    assert.match(String(req.headers['content-type']), /^application\/json/);
    const { text, blocks } = blocksOf(req);
    assert.equal(text, 'New Milo organization: northwind-traders');
    assert.deepEqual(blocks.map((b) => b.type), ['header', 'section', 'section', 'divider', 'actions']);
    assert.deepEqual(blocks[1], { type: 'section', text: { type: 'mrkdwn', text: '*Northwind Traders*' } });
    assertCommonBlocks(blocks, 'northwind-traders', 'Standard');
  });

  test('without the display-name annotation the display-name section is left out', async () => {
    const event = sample();
    delete event.body.metadata.annotations;
    event.body.metadata.name = 'contoso';
    event.body.spec.type = 'Personal';
    const { text, blocks } = blocksOf(await deliver(event));
    assert.equal(text, 'New Milo organization: contoso');
    assert.deepEqual(blocks.map((b) => b.type), ['header', 'section', 'divider', 'actions']);
    assert.equal(blocks.some((b) => b.text?.text.startsWith('*') && b.type === 'section' && b.fields === undefined), false);
    assertCommonBlocks(blocks, 'contoso', 'Personal');
  });

  test('a display name with quotes and a line break still yields valid Block Kit JSON', async () => {
    const event = sample();
    event.body.metadata.annotations = { 'kubernetes.io/display-name': 'Say "hi"\nInc.' };
    const { blocks } = blocksOf(await deliver(event));
    assert.deepEqual(blocks[1], { type: 'section', text: { type: 'mrkdwn', text: '*Say "hi"\nInc.*' } });
    assertCommonBlocks(blocks, 'northwind-traders', 'Standard');
  });
});
