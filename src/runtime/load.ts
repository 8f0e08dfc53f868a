/**
 * Start-up validation for `switchyard run`: the same loader and validator as `switchyard lint`.
 * Errors stop the start with every finding listed; warnings and skipped documents are logged.
 */
import { hasErrors, type ManifestSet } from '../api/validate/index.ts';
import { formatFinding, formatSkipped } from '../cli/lint.ts';
import { SwitchyardError } from '../errors.ts';
import { loadManifests } from '../manifests/load.ts';
import type { Logger } from '../observe/log.ts';

export async function loadAndValidate(paths: string[], log: Logger): Promise<ManifestSet> {
  const result = await loadManifests(paths);
  const errors = result.findings.filter((f) => f.severity === 'error');
  if (hasErrors(result.findings)) {
    throw new SwitchyardError(
      'MANIFEST_INVALID',
      `the manifests have ${errors.length} error(s); nothing was started:\n${errors.map(formatFinding).join('\n')}`,
    );
  }
  for (const f of result.findings) log.warn(formatFinding(f));
  for (const s of result.set.skipped) {
    // JSON data files (sample payloads beside the manifests) are not worth a line; other documents are.
    if (s.kind === '(none)' && s.file.endsWith('.json')) log.debug(formatSkipped(s));
    else log.info(formatSkipped(s));
  }
  return result.set;
}
