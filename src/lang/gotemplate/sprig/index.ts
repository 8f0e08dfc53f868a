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
