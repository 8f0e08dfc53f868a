import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { freePort } from './ports.ts';

/**
 * Copies the manifests of a folder into `dest`, giving every webhook port a free one.
 * Returns the map from the manifest's port to the port used.
 */
export async function copyWithFreePorts(src: string, dest: string): Promise<Map<string, number>> {
  const ports = new Map<string, number>();
  mkdirSync(dest, { recursive: true });
  for (const name of readdirSync(src)) {
    const p = join(src, name);
    if (statSync(p).isDirectory()) {
      const sub = await copyWithFreePorts(p, join(dest, name));
      for (const [k, v] of sub) ports.set(k, v);
      continue;
    }
    if (!/\.ya?ml$/.test(name)) continue;
    const docs = parseAllDocuments(readFileSync(p, 'utf8')).map((d) => d.toJS() as Record<string, unknown> | null);
    for (const doc of docs) {
      const spec = doc?.['spec'] as { webhook?: Record<string, { port: string }> } | undefined;
      if (doc?.['kind'] !== 'EventSource' || !spec?.webhook) continue;
      for (const route of Object.values(spec.webhook)) {
        const old = String(route.port);
        if (!ports.has(old)) ports.set(old, await freePort());
        route.port = String(ports.get(old));
      }
    }
    writeFileSync(join(dest, basename(name)), docs.filter((d) => d !== null).map((d) => stringify(d)).join('---\n'));
  }
  return ports;
}
