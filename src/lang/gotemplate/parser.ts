/** Parser for Go templates: builds the tree text/template would, with the same error messages. */
import { SwitchyardError } from '../../errors.ts';
import type { ArgNode, CommandNode, Node, NumberNode, PipeNode } from './ast.ts';
import { argString } from './ast.ts';
import { lex, type Token } from './lexer.ts';
import { unquoteGo } from './unquote.ts';

export interface ParsedTemplates {
  root: Node[];
  defines: Map<string, Node[]>;
}

type ListEnd = { kind: 'end' | 'else'; pos: number } | null;

class Parser {
  private readonly toks: Token[];
  private i = 0;
  private vars: string[] = ['$'];
  private rangeDepth = 0;
  readonly defines = new Map<string, Node[]>();

  constructor(
    private readonly src: string,
    private readonly name: string,
    private readonly hasFunc: (name: string) => boolean,
  ) {
    this.toks = lex(src);
  }

  private fail(msg: string, pos?: number): never {
    const p = pos ?? this.toks[Math.max(0, Math.min(this.i, this.toks.length) - 1)]?.pos ?? 0;
    const line = 1 + countNewlines(this.src, p);
    throw new SwitchyardError('TEMPLATE_PARSE', `template: ${this.name}:${line}: ${msg}`, { errorClass: 'stop' });
  }

  private next(): Token {
    const t = this.toks[this.i] ?? { type: 'eof', val: '', pos: this.src.length };
    if (this.i < this.toks.length) this.i++;
    if (t.type === 'error') this.fail(t.val, t.pos);
    return t;
  }
  private peek(): Token {
    const t = this.toks[this.i] ?? { type: 'eof', val: '', pos: this.src.length };
    if (t.type === 'error') {
      this.i++;
      this.fail(t.val, t.pos);
    }
    return t;
  }
  private backup(n = 1): void {
    this.i -= n;
  }
  private nextNonSpace(): Token {
    let t = this.next();
    while (t.type === 'space') t = this.next();
    return t;
  }
  private peekNonSpace(): Token {
    const t = this.nextNonSpace();
    this.backup();
    return t;
  }

  private unexpected(t: Token, context: string): never {
    this.fail(`unexpected ${tokenString(t)} in ${context}`);
  }

  parse(): Node[] {
    const root: Node[] = [];
    while (this.peek().type !== 'eof') {
      if (this.peek().type === 'left') {
        const save = this.i;
        this.next();
        const t = this.nextNonSpace();
        if (t.type === 'keyword' && t.val === 'define') {
          this.parseDefinition();
          continue;
        }
        this.i = save;
      }
      const n = this.textOrAction();
      if (n && 'endKind' in n) this.fail(`unexpected {{${n.endKind}}}`);
      if (n) root.push(n);
    }
    return root;
  }

  /** Go lets a definition replace an empty one (only spaces) but not a non-empty one. */
  private addDefine(name: string, list: Node[]): void {
    const old = this.defines.get(name);
    if (old === undefined || isEmptyList(old)) this.defines.set(name, list);
    else if (!isEmptyList(list)) this.fail(`template: multiple definition of template ${JSON.stringify(name)}`);
  }

  private parseDefinition(): void {
    const t = this.nextNonSpace();
    if (t.type !== 'string' && t.type !== 'rawString') this.unexpected(t, 'define clause');
    const name = this.unquote(t);
    const tok = this.nextNonSpace();
    if (tok.type !== 'right') this.unexpected(tok, 'define clause');
    const savedVars = this.vars;
    this.vars = ['$'];
    const [list, end] = this.itemList();
    this.vars = savedVars;
    if (end?.kind !== 'end') this.fail(`unexpected {{${end?.kind}}} in define clause`);
    this.addDefine(name, list);
  }

  /** Returns a node, null for a comment, or an end/else marker. */
  private textOrAction(): Node | { endKind: 'end' | 'else'; pos: number } | null {
    const t = this.nextNonSpace();
    switch (t.type) {
      case 'text':
        return { kind: 'text', text: t.val };
      case 'left':
        return this.action();
      case 'comment':
        return null;
      default:
        this.unexpected(t, 'input');
    }
  }

  private itemList(): [Node[], ListEnd] {
    const list: Node[] = [];
    while (this.peekNonSpace().type !== 'eof') {
      const n = this.textOrAction();
      if (n && 'endKind' in n) return [list, { kind: n.endKind, pos: n.pos }];
      if (n) list.push(n);
    }
    this.fail('unexpected EOF');
  }

  private action(): Node | { endKind: 'end' | 'else'; pos: number } {
    const t = this.nextNonSpace();
    if (t.type === 'keyword') {
      switch (t.val) {
        case 'block':
          return this.blockControl();
        case 'break':
        case 'continue': {
          const r = this.nextNonSpace();
          if (r.type !== 'right') this.unexpected(r, `{{${t.val}}}`);
          if (this.rangeDepth === 0) this.fail(`{{${t.val}}} outside {{range}}`);
          return { kind: t.val, pos: t.pos };
        }
        case 'else': {
          const p = this.peekNonSpace();
          if (p.type === 'keyword' && (p.val === 'if' || p.val === 'with')) return { endKind: 'else', pos: p.pos };
          const r = this.nextNonSpace();
          if (r.type !== 'right') this.unexpected(r, 'else');
          return { endKind: 'else', pos: r.pos };
        }
        case 'end': {
          const r = this.nextNonSpace();
          if (r.type !== 'right') this.unexpected(r, 'end');
          return { endKind: 'end', pos: r.pos };
        }
        case 'if':
        case 'with':
        case 'range':
          return this.control(t.val, t.pos);
        case 'template':
          return this.templateControl();
      }
    }
    this.backup();
    const p = this.peek();
    return { kind: 'action', pos: p.pos, pipe: this.pipeline('command', 'right') };
  }

  private control(context: 'if' | 'with' | 'range', pos: number): Node {
    const mark = this.vars.length;
    const pipe = this.pipeline(context, 'right');
    if (context === 'range') this.rangeDepth++;
    let [list, next] = this.itemList();
    if (context === 'range') this.rangeDepth--;
    let elseList: Node[] | null = null;
    if (next?.kind === 'else') {
      const p = this.peek();
      if (context !== 'range' && p.type === 'keyword' && p.val === context) {
        // "{{else if}}" / "{{else with}}": a nested control sharing this one's {{end}}.
        this.next();
        elseList = [this.control(context, p.pos)];
      } else {
        [elseList, next] = this.itemList();
        if (next?.kind !== 'end') this.fail(`expected end; found {{${next?.kind}}}`);
      }
    }
    this.vars.length = mark;
    if (context === 'range') return { kind: 'range', pos, pipe, list, elseList };
    return { kind: context, pos, pipe, list, elseList };
  }

  private templateName(t: Token, context: string): string {
    if (t.type !== 'string' && t.type !== 'rawString') this.unexpected(t, context);
    return this.unquote(t);
  }

  private templateControl(): Node {
    const t = this.nextNonSpace();
    const name = this.templateName(t, 'template clause');
    let pipe: PipeNode | null = null;
    if (this.nextNonSpace().type !== 'right') {
      this.backup();
      pipe = this.pipeline('template clause', 'right');
    }
    return { kind: 'template', pos: t.pos, name, pipe };
  }

  private blockControl(): Node {
    const t = this.nextNonSpace();
    const name = this.templateName(t, 'block clause');
    const pipe = this.pipeline('block clause', 'right');
    const savedVars = this.vars;
    const savedDepth = this.rangeDepth;
    this.vars = ['$'];
    this.rangeDepth = 0;
    const [list, end] = this.itemList();
    this.vars = savedVars;
    this.rangeDepth = savedDepth;
    if (end?.kind !== 'end') this.fail(`unexpected {{${end?.kind}}} in block clause`);
    this.addDefine(name, list);
    return { kind: 'template', pos: t.pos, name, pipe };
  }

  private pipeline(context: string, end: 'right' | 'rparen'): PipeNode {
    const pipe: PipeNode = { kind: 'pipe', pos: this.peekNonSpace().pos, isAssign: false, decl: [], cmds: [] };
    for (;;) {
      const v = this.peekNonSpace();
      if (v.type !== 'variable') break;
      const save = this.i;
      this.nextNonSpace();
      const nx = this.peekNonSpace();
      if (nx.type === 'assign' || nx.type === 'declare') {
        pipe.isAssign = nx.type === 'assign';
        this.nextNonSpace();
        pipe.decl.push(v.val);
        this.vars.push(v.val);
        break;
      }
      if (nx.type === 'char' && nx.val === ',') {
        this.nextNonSpace();
        pipe.decl.push(v.val);
        this.vars.push(v.val);
        if (context === 'range' && pipe.decl.length < 2) {
          const p = this.peekNonSpace();
          if (p.type === 'variable' || p.type === 'right' || p.type === 'rparen') continue;
          this.fail('range can only initialize variables');
        }
        this.fail(`too many declarations in ${context}`);
      }
      // Not a declaration: the variable is the first operand.
      this.i = save;
      break;
    }
    for (;;) {
      const t = this.nextNonSpace();
      if (t.type === end) {
        this.checkPipeline(pipe, context);
        return pipe;
      }
      switch (t.type) {
        case 'bool':
        case 'charConst':
        case 'dot':
        case 'field':
        case 'identifier':
        case 'number':
        case 'nil':
        case 'rawString':
        case 'string':
        case 'variable':
        case 'lparen':
          this.backup();
          pipe.cmds.push(this.command());
          break;
        default:
          this.unexpected(t, context);
      }
    }
  }

  private checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.fail(`missing value for ${context}`);
    pipe.cmds.slice(1).forEach((c, i) => {
      const k = c.args[0]?.kind;
      if (k === 'bool' || k === 'dot' || k === 'nil' || k === 'number' || k === 'string') {
        this.fail(`non executable command in pipeline stage ${i + 2}`);
      }
    });
  }

  private command(): CommandNode {
    const cmd: CommandNode = { pos: this.peekNonSpace().pos, args: [] };
    for (;;) {
      this.peekNonSpace();
      const op = this.operand();
      if (op) cmd.args.push(op);
      const t = this.next();
      if (t.type === 'space') continue;
      if (t.type === 'right' || t.type === 'rparen') this.backup();
      else if (t.type !== 'pipe') this.unexpected(t, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.fail('empty command');
    return cmd;
  }

  private operand(): ArgNode | null {
    const node = this.term();
    if (!node) return null;
    if (this.peek().type !== 'field') return node;
    const pos = this.peek().pos;
    const idents: string[] = [];
    while (this.peek().type === 'field') idents.push(this.next().val.slice(1));
    switch (node.kind) {
      case 'field':
        return { kind: 'field', pos, idents: [...node.idents, ...idents] };
      case 'variable':
        return { kind: 'variable', pos, name: node.name, idents: [...node.idents, ...idents] };
      case 'bool':
      case 'string':
      case 'number':
      case 'nil':
      case 'dot':
        this.fail(`unexpected . after term ${JSON.stringify(argString(node))}`);
      // falls through (fail never returns)
      default:
        return { kind: 'chain', pos, node, idents };
    }
  }

  private term(): ArgNode | null {
    const t = this.nextNonSpace();
    switch (t.type) {
      case 'identifier':
        if (!this.hasFunc(t.val)) this.fail(`function "${t.val}" not defined`);
        return { kind: 'identifier', pos: t.pos, name: t.val };
      case 'dot':
        return { kind: 'dot', pos: t.pos };
      case 'nil':
        return { kind: 'nil', pos: t.pos };
      case 'variable': {
        const parts = t.val.split('.');
        const name = parts[0] ?? '$';
        if (!this.vars.includes(name)) this.fail(`undefined variable "${name}"`);
        return { kind: 'variable', pos: t.pos, name, idents: parts.slice(1) };
      }
      case 'field':
        return { kind: 'field', pos: t.pos, idents: [t.val.slice(1)] };
      case 'bool':
        return { kind: 'bool', pos: t.pos, value: t.val === 'true' };
      case 'charConst':
      case 'number':
        return this.number(t);
      case 'lparen':
        return this.pipeline('parenthesized pipeline', 'rparen');
      case 'string':
      case 'rawString':
        return { kind: 'string', pos: t.pos, text: t.val, value: this.unquote(t) };
    }
    this.backup();
    return null;
  }

  private unquote(t: Token): string {
    const s = unquoteGo(t.val);
    if (s === null) this.fail('invalid syntax');
    return s;
  }

  private number(t: Token): NumberNode {
    const node = parseNumber(t.val, t.type === 'charConst');
    if (!node) {
      if (t.type === 'charConst') this.fail(`malformed character constant: ${t.val}`);
      this.fail(`illegal number syntax: ${JSON.stringify(t.val)}`);
    }
    return { ...node, pos: t.pos };
  }
}

function countNewlines(s: string, end: number): number {
  let c = 0;
  for (let i = s.indexOf('\n'); i >= 0 && i < end; i = s.indexOf('\n', i + 1)) c++;
  return c;
}

function tokenString(t: Token): string {
  if (t.type === 'eof') return 'EOF';
  if (t.type === 'keyword' || t.type === 'nil' || t.type === 'dot') return `<${t.val}>`;
  const q = JSON.stringify(t.val);
  return t.val.length > 10 ? JSON.stringify(t.val.slice(0, 10)) + '...' : q;
}

const INT_RE = /^[+-]?(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|0[0-7_]*|[1-9][0-9_]*)$/;

function parseNumber(text: string, isChar: boolean): Omit<NumberNode, 'pos'> | null {
  if (isChar) {
    const s = unquoteGo(text);
    if (s === null) return null;
    const r = BigInt(s.codePointAt(0) ?? 0);
    return { kind: 'number', text, isInt: true, isFloat: true, int: r, float: Number(r), ideal: r };
  }
  if (text.endsWith('i')) return null; // complex constants are not supported
  if (INT_RE.test(text)) {
    const neg = text[0] === '-';
    let body = text.replace(/^[+-]/, '').replace(/_/g, '');
    if (/^0[0-7]+$/.test(body)) body = '0o' + body.slice(1);
    let v: bigint;
    try {
      v = BigInt(body);
    } catch {
      return null;
    }
    if (neg) v = -v;
    if (v > 9223372036854775807n || v < -9223372036854775808n) return null;
    return { kind: 'number', text, isInt: true, isFloat: true, int: v, float: Number(v), ideal: v };
  }
  const clean = text.replace(/_/g, '');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(clean) && !/^[+-]?0[xX]/.test(clean)) return null;
  const f = /^[+-]?0[xX]/.test(clean) ? parseHexFloat(clean) : Number(clean);
  if (Number.isNaN(f)) return null;
  const isInt = Number.isInteger(f) && Math.abs(f) < 9.223372036854776e18;
  return { kind: 'number', text, isInt, isFloat: true, int: isInt ? BigInt(f) : 0n, float: f, ideal: f };
}

function parseHexFloat(s: string): number {
  const m = /^([+-]?)0[xX]([0-9a-fA-F]*)\.?([0-9a-fA-F]*)[pP]([+-]?\d+)$/.exec(s);
  if (!m) return NaN;
  const mant = parseInt((m[2] ?? '') + (m[3] ?? '') || '0', 16) / 16 ** (m[3] ?? '').length;
  return (m[1] === '-' ? -1 : 1) * mant * 2 ** Number(m[4]);
}

function isEmptyList(list: readonly Node[]): boolean {
  return list.every((n) => n.kind === 'text' && n.text.trim() === '');
}

export function parseTemplate(src: string, name: string, hasFunc: (n: string) => boolean): ParsedTemplates {
  const p = new Parser(src, name, hasFunc);
  const root = p.parse();
  return { root, defines: p.defines };
}
