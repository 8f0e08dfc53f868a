/** `switchyard get workflows|resources [-o json|yaml] [--data-dir DIR]`: what triggers created in standalone mode. */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { stringify as toYaml } from 'yaml';
import { openObjectStore, type StoredObject } from '../store/objects.ts';
import { flagString, parseArgs } from './args.ts';
import type { Output } from './output.ts';

const USAGE = 'usage: switchyard get workflows|resources [-o wide|json|yaml] [--data-dir DIR]';

export async function getCommand(args: string[], out: Output): Promise<number> {
  const p = parseArgs(args, { values: ['output', 'data-dir'], booleans: [], aliases: { o: 'output' } });
  const what = p.positionals[0];
  const format = flagString(p, 'output') ?? 'table';
  if (!what || !['workflows', 'workflow', 'wf', 'resources', 'resource'].includes(what) || !['table', 'wide', 'json', 'yaml'].includes(format)) {
    out.stderr(USAGE);
    return 2;
  }
  const dataDir = resolve(flagString(p, 'data-dir') ?? process.env['SWITCHYARD_DATA_DIR'] ?? '.switchyard');
  const dir = join(dataDir, 'objects');
  if (!existsSync(dir)) {
    out.stderr(`no Switchyard data in ${dataDir}: start \`switchyard run\` there first, or pass --data-dir`);
    return 1;
  }
  const store = await openObjectStore(dir, { readOnly: true });
  try {
    const all = await store.list();
    const wantWorkflows = what.startsWith('w');
    const items = all.filter((o) => (o.kind === 'Workflow') === wantWorkflows);
    if (format === 'json') out.stdout(JSON.stringify(items.map((i) => i.object), null, 2));
    else if (format === 'yaml') out.stdout(toYaml(items.map((i) => i.object)));
    else out.stdout(table(items, wantWorkflows));
    return 0;
  } finally {
    await store.close();
  }
}

function table(items: StoredObject[], workflows: boolean): string {
  if (items.length === 0) return workflows ? 'No workflows.' : 'No resources.';
  const rows = items.map((o) => {
    const labels = ((o.object['metadata'] as Record<string, unknown> | undefined)?.['labels'] ?? {}) as Record<string, string>;
    const by = `${labels['events.argoproj.io/sensor'] ?? '-'}/${labels['events.argoproj.io/trigger'] ?? '-'}`;
    if (!workflows) return [o.namespace, `${o.kind}/${o.name}`, by, o.createdAt];
    const spec = (o.object['spec'] ?? {}) as Record<string, unknown>;
    const ref = (spec['workflowTemplateRef'] as { name?: string } | undefined)?.name ?? '-';
    const params = ((spec['arguments'] as { parameters?: { name: string; value?: unknown }[] } | undefined)?.parameters ?? [])
      .map((x) => `${x.name}=${typeof x.value === 'string' ? x.value : JSON.stringify(x.value)}`)
      .join(' ');
    return [o.namespace, o.name, ref, by, o.createdAt, params];
  });
  const header = workflows ? ['NAMESPACE', 'NAME', 'TEMPLATE', 'SENSOR/TRIGGER', 'CREATED', 'PARAMETERS'] : ['NAMESPACE', 'NAME', 'SENSOR/TRIGGER', 'CREATED'];
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return all.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')).join('\n');
}
