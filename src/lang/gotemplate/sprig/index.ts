/** sprig v3 functions (Masterminds/sprig), without env and expandenv as Argo Events removes them. */
import type { FuncTable } from '../funcs.ts';
import { cryptoFuncs } from './crypto.ts';
import { dateFuncs } from './dates.ts';
import { defaultFuncs } from './defaults.ts';
import { dictFuncs } from './dicts.ts';
import { encodingFuncs } from './encoding.ts';
import { listFuncs } from './lists.ts';
import { mathFuncs } from './math.ts';
import { regexFuncs } from './regex.ts';
import { semverFuncs } from './semver.ts';
import { stringFuncs } from './strings.ts';
import { withGoType } from '../values.ts';

export const sprigFuncs: FuncTable = {
  ...stringFuncs,
  ...regexFuncs,
  ...defaultFuncs,
  ...encodingFuncs,
  ...mathFuncs,
  ...listFuncs,
  ...dictFuncs,
  ...dateFuncs,
  ...cryptoFuncs,
  ...semverFuncs,
};

/** Results whose Go type is not []interface{} / map[string]interface{}; %T, %#v and typeOf show it. */
const RESULT_TYPES: Record<string, string> = {
  splitList: '[]string', regexFindAll: '[]string', mustRegexFindAll: '[]string', regexSplit: '[]string', mustRegexSplit: '[]string',
  sortAlpha: '[]string', keys: '[]string', toStrings: '[]string', split: 'map[string]string', splitn: 'map[string]string',
  until: '[]int', untilStep: '[]int', chunk: '[][]interface {}', mustChunk: '[][]interface {}',
};
for (const [name, type] of Object.entries(RESULT_TYPES)) {
  const f = sprigFuncs[name];
  if (!f) continue;
  const inner = f.fn as (...a: unknown[]) => unknown;
  sprigFuncs[name] = { ...f, fn: (...a: unknown[]) => withGoType(inner(...a), type) };
}
