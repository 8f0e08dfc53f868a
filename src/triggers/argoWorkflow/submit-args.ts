/**
 * argoWorkflow.args for submit and submit-from, read as the `argo submit` options they would be: parameters,
 * labels, entrypoint, name, generate-name and service account. Any other argument is refused at start, so a
 * sensor never silently loses an option it relies on.
 */
import { SwitchyardError } from '../../errors.ts';
import type { KubeObject } from '../resource.ts';

export interface SubmitOptions {
  parameters: { name: string; value: string }[];
  labels: Record<string, string>;
  entrypoint?: string;
  name?: string;
  generateName?: string;
  serviceAccount?: string;
}

const FLAGS: Record<string, keyof SubmitOptions> = {
  '-p': 'parameters',
  '--parameter': 'parameters',
  '-l': 'labels',
  '--labels': 'labels',
  '--entrypoint': 'entrypoint',
  '--name': 'name',
  '--generate-name': 'generateName',
  '--serviceaccount': 'serviceAccount',
};

export function parseSubmitArgs(args: readonly string[] | undefined, where: string): SubmitOptions {
  const opts: SubmitOptions = { parameters: [], labels: {} };
  const list = args ?? [];
  for (let i = 0; i < list.length; i++) {
    const arg = list[i] ?? '';
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const field = FLAGS[flag];
    if (!field) {
      throw new SwitchyardError('TRIGGER_UNSUPPORTED', `${where}.args[${i}] "${arg}" is not supported; Switchyard understands ${Object.keys(FLAGS).join(', ')} (each followed by its value)`);
    }
    let value: string | undefined = eq > 0 ? arg.slice(eq + 1) : list[++i];
    if (value === undefined) throw new SwitchyardError('TRIGGER_INVALID', `${where}.args: ${flag} needs a value after it`);
    value = String(value);
    if (field === 'parameters' || field === 'labels') {
      for (const pair of field === 'labels' ? value.split(',') : [value]) {
        const at = pair.indexOf('=');
        if (at <= 0) throw new SwitchyardError('TRIGGER_INVALID', `${where}.args: ${flag} "${pair}" must be name=value`);
        if (field === 'parameters') opts.parameters.push({ name: pair.slice(0, at), value: pair.slice(at + 1) });
        else opts.labels[pair.slice(0, at)] = pair.slice(at + 1);
      }
    } else {
      opts[field] = value;
    }
  }
  return opts;
}

/** Applies the options to a Workflow as `argo submit` does: a parameter that exists gets the value, others are added. */
export function applySubmitOptions(wf: KubeObject, opts: SubmitOptions): void {
  const meta = (wf.metadata ??= {});
  if (Object.keys(opts.labels).length) meta['labels'] = { ...((meta['labels'] as Record<string, string> | undefined) ?? {}), ...opts.labels };
  if (opts.name) meta['name'] = opts.name;
  if (opts.generateName) meta['generateName'] = opts.generateName;
  const spec = (wf['spec'] ??= {}) as Record<string, unknown>;
  if (opts.entrypoint) spec['entrypoint'] = opts.entrypoint;
  if (opts.serviceAccount) spec['serviceAccountName'] = opts.serviceAccount;
  if (opts.parameters.length) {
    const args = (spec['arguments'] ??= {}) as Record<string, unknown>;
    const params = (args['parameters'] ??= []) as { name?: string; value?: unknown }[];
    for (const p of opts.parameters) {
      const existing = params.find((q) => q.name === p.name);
      if (existing) existing.value = p.value;
      else params.push({ name: p.name, value: p.value });
    }
  }
}
