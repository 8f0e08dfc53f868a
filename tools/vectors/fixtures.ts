/** The Sensor manifests of ../shared/fixtures as text, for vector cases taken from real manifests. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../../../shared/fixtures');

/** Every YAML file under the fixtures that holds a Sensor; none when the fixtures are not there. */
export function sensorFixtureTexts(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(name)) {
        const text = readFileSync(p, 'utf8');
        if (/kind:\s*Sensor/.test(text)) out.push(text);
      }
    }
  };
  walk(ROOT);
  return out;
}
