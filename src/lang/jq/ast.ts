/** The jq syntax tree. */
export type Ast =
  | { k: 'id' }
  | { k: 'rec' }
  | { k: 'lit'; v: unknown }
  | { k: 'str'; parts: (string | Ast)[]; fmt?: string }
  | { k: 'format'; name: string }
  | { k: 'index'; target: Ast; key: Ast; opt?: boolean }
  | { k: 'slice'; target: Ast; from?: Ast; to?: Ast; opt?: boolean }
  | { k: 'iter'; target: Ast; opt?: boolean }
  | { k: 'try'; body: Ast; handler?: Ast }
  | { k: 'pipe'; l: Ast; r: Ast }
  | { k: 'comma'; l: Ast; r: Ast }
  | { k: 'neg'; body: Ast }
  | { k: 'bin'; op: string; l: Ast; r: Ast }
  | { k: 'and' | 'or' | 'alt'; l: Ast; r: Ast }
  | { k: 'assign'; op: string; l: Ast; r: Ast }
  | { k: 'if'; cond: Ast; then: Ast; else?: Ast }
  | { k: 'reduce'; src: Ast; pat: Pattern; init: Ast; update: Ast }
  | { k: 'foreach'; src: Ast; pat: Pattern; init: Ast; update: Ast; extract?: Ast }
  | { k: 'as'; src: Ast; pats: Pattern[]; body: Ast }
  | { k: 'def'; name: string; params: string[]; body: Ast; rest: Ast }
  | { k: 'call'; name: string; args: Ast[] }
  | { k: 'var'; name: string }
  | { k: 'arr'; body?: Ast }
  | { k: 'obj'; entries: { key: Ast; value: Ast }[] }
  | { k: 'label'; name: string; body: Ast }
  | { k: 'break'; name: string };

export type Pattern =
  | { p: 'var'; name: string }
  | { p: 'arr'; items: Pattern[] }
  | { p: 'obj'; entries: { key: Ast; keyVar?: string; pat?: Pattern }[] };
