/** `switchyard lint PATH...`: load and validate manifests, print findings, exit 1 on any error. */
import { errorMessage, isSwitchyardError } from '../errors.ts';
import { hasErrors, type Finding, type SkippedDocument } from '../api/validate/index.ts';
import { loadManifests, type LoadResult } from '../manifests/load.ts';

export interface CommandOutput {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

const USAGE = `usage: switchyard lint [--json] [--verbose] PATH...
  PATH      files or folders (searched recursively for .yaml, .yml, .json)
  --json    print findings as JSON
  --verbose also list skipped documents (Services, Kustomizations, Helm files...)`;

/** `file:line: document N: path: CODE severity: message` (N counts from 1). */
export function formatFinding(f: Finding): string {
  const loc = f.file === undefined ? (f.resource ?? '-') : `${f.file}:${f.line ?? 1}: document ${(f.document ?? 0) + 1}`;
  const [first, ...rest] = f.message.split('\n');
  const head = `${loc}: ${f.path || '(document)'}: ${f.code} ${f.severity}: ${first ?? ''}`;
  return rest.length === 0 ? head : [head, ...rest.map((l) => (l === '' ? '' : `    ${l}`))].join('\n');
}

/** One info line per skipped document; `switchyard run` prints these too. */
export function formatSkipped(s: SkippedDocument): string {
  return `${s.file}: document ${s.index + 1}: skipped ${s.kind}: ${s.reason}`;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function summary(r: LoadResult): string {
  const s = r.set;
  const parts = [
    plural(s.eventSources.length, 'event source', 'event sources'),
    plural(s.sensors.length, 'sensor', 'sensors'),
    plural(s.eventBuses.length, 'event bus', 'event buses'),
    plural(s.workflowTemplates.length, 'workflow template', 'workflow templates'),
  ];
  const skipped = s.skipped.length > 0 ? ` (${plural(s.skipped.length, 'document', 'documents')} skipped)` : '';
  return `${parts.join(', ')}${skipped} in ${plural(r.files.length, 'file', 'files')}`;
}

export async function lintCommand(args: string[], out: CommandOutput): Promise<number> {
  let json = false;
  let verbose = false;
  const paths: string[] = [];
  for (const a of args) {
    if (a === '--json') json = true;
    else if (a === '--verbose' || a === '-v') verbose = true;
    else if (a === '--help' || a === '-h') {
      out.stdout(USAGE);
      return 0;
    } else if (a.startsWith('-') && a !== '-') {
      out.stderr(`unknown option ${a}\n${USAGE}`);
      return 1;
    } else paths.push(a);
  }
  if (paths.length === 0) {
    out.stderr(`no paths given\n${USAGE}`);
    return 1;
  }
  let result: LoadResult;
  try {
    result = await loadManifests(paths);
  } catch (err) {
    const code = isSwitchyardError(err) ? `${err.code} ` : '';
    out.stderr(`error: ${code}${errorMessage(err)}`);
    return 1;
  }
  const failed = hasErrors(result.findings);
  if (json) {
    out.stdout(JSON.stringify({ ok: !failed, summary: summary(result), findings: result.findings, skipped: result.set.skipped }, null, 2));
    return failed ? 1 : 0;
  }
  if (verbose) for (const s of result.set.skipped) out.stdout(formatSkipped(s));
  for (const f of result.findings) out.stdout(formatFinding(f));
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  const warnings = result.findings.length - errors;
  if (failed) {
    out.stderr(`failed: ${plural(errors, 'error', 'errors')}, ${plural(warnings, 'warning', 'warnings')} in ${summary(result)}`);
    return 1;
  }
  out.stdout(`ok: ${summary(result)}${warnings > 0 ? `, ${plural(warnings, 'warning', 'warnings')}` : ''}`);
  return 0;
}
