import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';

export type ManifestDoc = Record<string, unknown>;

/**
 * Rewrites every YAML document below `dir` in place through `edit` (which mutates the parsed document),
 * e.g. to point a copied example's trigger at a test server. Comments are not kept.
 */
export function editManifests(dir: string, edit: (doc: ManifestDoc, file: string) => void): void {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      editManifests(p, edit);
      continue;
    }
    if (!/\.ya?ml$/.test(name)) continue;
    const docs = parseAllDocuments(readFileSync(p, 'utf8'))
      .map((d) => d.toJS() as ManifestDoc | null)
      .filter((d): d is ManifestDoc => d !== null);
    for (const doc of docs) edit(doc, p);
    writeFileSync(p, docs.map((d) => stringify(d)).join('---\n'));
  }
}

/** The http triggers of a Sensor document, for tests that retarget them. */
export function httpTriggersOf(doc: ManifestDoc): { url: string }[] {
  if (doc['kind'] !== 'Sensor') return [];
  const triggers = ((doc['spec'] as { triggers?: { template?: { http?: { url: string } } }[] } | undefined)?.triggers) ?? [];
  return triggers.flatMap((t) => (t.template?.http ? [t.template.http] : []));
}
