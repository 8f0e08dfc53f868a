/** A small argument parser: positionals, `--flag value`, `--flag=value`, `-o value`, boolean flags. */
import { SwitchyardError } from '../errors.ts';

export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string | true>;
}

export function parseArgs(args: string[], spec: { values: string[]; booleans: string[]; aliases?: Record<string, string> }): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (!a.startsWith('-') || a === '-') {
      positionals.push(a);
      continue;
    }
    let name = a.replace(/^--?/, '');
    let value: string | undefined;
    const eq = name.indexOf('=');
    if (eq >= 0) {
      value = name.slice(eq + 1);
      name = name.slice(0, eq);
    }
    name = spec.aliases?.[name] ?? name;
    if (spec.booleans.includes(name)) {
      flags.set(name, true);
    } else if (spec.values.includes(name)) {
      if (value === undefined) {
        value = args[++i];
        if (value === undefined) throw new SwitchyardError('CLI_ARGS', `--${name} needs a value`);
      }
      flags.set(name, value);
    } else {
      throw new SwitchyardError('CLI_ARGS', `unknown option ${a}; see \`switchyard help\``);
    }
  }
  return { positionals, flags };
}

export function flagString(p: ParsedArgs, name: string): string | undefined {
  const v = p.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}
