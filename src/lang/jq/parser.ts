/** A recursive-descent parser for jq with jq's operator precedence. */
import type { Ast, Pattern } from './ast.ts';
import { parseError, tokenize, type Token } from './lexer.ts';

const KEYWORDS = new Set(['def', 'if', 'then', 'elif', 'else', 'end', 'as', 'reduce', 'foreach', 'try', 'catch', 'label', 'import', 'include', 'and', 'or', '__loc__']);
const ASSIGN = new Set(['=', '|=', '+=', '-=', '*=', '/=', '%=', '//=']);
const COMPARE = new Set(['==', '!=', '<', '<=', '>', '>=']);

export function parse(src: string): Ast {
  const p = new Parser(tokenize(src));
  const ast = p.pipe();
  p.expectEof();
  return ast;
}

class Parser {
  private i = 0;
  constructor(private readonly toks: Token[]) {}

  private peek(): Token {
    return this.toks[this.i]!;
  }
  private isOp(v: string): boolean {
    const t = this.peek();
    return t.t === 'op' && t.v === v;
  }
  private isWord(v: string): boolean {
    const t = this.peek();
    return t.t === 'ident' && t.v === v;
  }
  private eatOp(v: string): boolean {
    if (!this.isOp(v)) return false;
    this.i++;
    return true;
  }
  private expectOp(v: string): void {
    if (!this.eatOp(v)) this.fail(`expected ${JSON.stringify(v)}`);
  }
  private expectWord(v: string): void {
    if (!this.isWord(v)) this.fail(`expected ${v}`);
    this.i++;
  }
  private fail(msg: string): never {
    const t = this.peek();
    const what = t.t === 'eof' ? 'end of program' : t.t === 'op' || t.t === 'ident' ? JSON.stringify(t.v) : t.t;
    throw parseError(`${msg} at position ${t.pos} (found ${what})`);
  }
  expectEof(): void {
    if (this.peek().t !== 'eof') this.fail('unexpected token');
  }

  pipe(): Ast {
    if (this.isWord('def')) {
      const d = this.def();
      return { ...d, rest: this.pipe() };
    }
    const l = this.comma();
    if (this.eatOp('|')) return { k: 'pipe', l, r: this.pipe() };
    return l;
  }

  private def(): { k: 'def'; name: string; params: string[]; body: Ast; rest: Ast } {
    this.expectWord('def');
    const t = this.peek();
    if (t.t !== 'ident' || KEYWORDS.has(t.v)) this.fail('expected a function name');
    this.i++;
    const params: string[] = [];
    if (this.eatOp('(')) {
      do {
        const a = this.peek();
        if (a.t === 'ident' && !KEYWORDS.has(a.v)) params.push(a.v);
        else if (a.t === 'var') params.push('$' + a.v);
        else this.fail('expected a parameter name');
        this.i++;
      } while (this.eatOp(';'));
      this.expectOp(')');
    }
    this.expectOp(':');
    const body = this.pipe();
    this.expectOp(';');
    return { k: 'def', name: t.v, params, body, rest: { k: 'id' } };
  }

  private comma(): Ast {
    let l = this.alt();
    while (this.eatOp(',')) l = { k: 'comma', l, r: this.alt() };
    return l;
  }

  private alt(): Ast {
    const l = this.assign();
    if (this.eatOp('//')) return { k: 'alt', l, r: this.alt() };
    return l;
  }

  private assign(): Ast {
    const l = this.or();
    const t = this.peek();
    if (t.t === 'op' && ASSIGN.has(t.v)) {
      this.i++;
      // '//' binds looser than assignment: `.a = .b // 1` is `(.a = .b) // 1`.
      const r = this.or();
      const n = this.peek();
      if (n.t === 'op' && ASSIGN.has(n.v)) this.fail('assignment operators do not chain');
      return { k: 'assign', op: t.v, l, r };
    }
    return l;
  }

  private or(): Ast {
    let l = this.and();
    while (this.isWord('or')) {
      this.i++;
      l = { k: 'or', l, r: this.and() };
    }
    return l;
  }

  private and(): Ast {
    let l = this.compare();
    while (this.isWord('and')) {
      this.i++;
      l = { k: 'and', l, r: this.compare() };
    }
    return l;
  }

  private compare(): Ast {
    const l = this.additive();
    const t = this.peek();
    if (t.t === 'op' && COMPARE.has(t.v)) {
      this.i++;
      const r = this.additive();
      const n = this.peek();
      if (n.t === 'op' && COMPARE.has(n.v)) this.fail('comparison operators do not chain');
      return { k: 'bin', op: t.v, l, r };
    }
    return l;
  }

  private additive(): Ast {
    let l = this.multiplicative();
    for (;;) {
      const t = this.peek();
      if (t.t === 'op' && (t.v === '+' || t.v === '-')) {
        this.i++;
        l = { k: 'bin', op: t.v, l, r: this.multiplicative() };
      } else return l;
    }
  }

  private multiplicative(): Ast {
    let l = this.unary();
    for (;;) {
      const t = this.peek();
      if (t.t === 'op' && (t.v === '*' || t.v === '/' || t.v === '%')) {
        this.i++;
        l = { k: 'bin', op: t.v, l, r: this.unary() };
      } else return l;
    }
  }

  private unary(): Ast {
    if (this.eatOp('-')) return { k: 'neg', body: this.unary() };
    return this.postfix(true);
  }

  private postfix(allowAs: boolean): Ast {
    const first = this.peek();
    let t = this.primary();
    // '?' makes only the last suffix optional (`.a.b?` is `.a | .b?`); after a parenthesis, all of it.
    let suffix = first.t === 'field' || (first.t === 'op' && first.v === '.' && t.k === 'index');
    for (;;) {
      const tok = this.peek();
      if (tok.t === 'field') {
        this.i++;
        t = { k: 'index', target: t, key: { k: 'lit', v: tok.v } };
        suffix = true;
      } else if (tok.t === 'op' && tok.v === '.' && this.toks[this.i + 1]?.t === 'str') {
        this.i++;
        t = { k: 'index', target: t, key: this.stringLit() };
        suffix = true;
      } else if (tok.t === 'op' && tok.v === '.' && this.toks[this.i + 1]?.t === 'op' && (this.toks[this.i + 1] as { v: string }).v === '[') {
        this.i++;
      } else if (tok.t === 'op' && tok.v === '[') {
        this.i++;
        t = this.bracket(t);
        suffix = true;
      } else if (tok.t === 'op' && tok.v === '?') {
        this.i++;
        if (suffix && (t.k === 'index' || t.k === 'slice' || t.k === 'iter')) t = { ...t, opt: true };
        else t = { k: 'try', body: t };
        suffix = false;
      } else if (allowAs && this.isWord('as')) {
        this.i++;
        const pats = [this.pattern()];
        while (this.eatOp('?//')) pats.push(this.pattern());
        this.expectOp('|');
        return { k: 'as', src: t, pats, body: this.pipe() };
      } else return t;
    }
  }

  private bracket(target: Ast): Ast {
    if (this.eatOp(']')) return { k: 'iter', target };
    if (this.eatOp(':')) {
      const to = this.pipe();
      this.expectOp(']');
      return { k: 'slice', target, to };
    }
    const e = this.pipe();
    if (this.eatOp(':')) {
      if (this.eatOp(']')) return { k: 'slice', target, from: e };
      const to = this.pipe();
      this.expectOp(']');
      return { k: 'slice', target, from: e, to };
    }
    this.expectOp(']');
    return { k: 'index', target, key: e };
  }

  private stringLit(fmt?: string): Ast {
    const t = this.peek();
    if (t.t !== 'str') this.fail('expected a string');
    this.i++;
    const parts = t.parts.map((p) => ('lit' in p ? p.lit : parse(p.src)));
    if (parts.every((p) => typeof p === 'string')) return { k: 'lit', v: parts.join('') };
    return fmt === undefined ? { k: 'str', parts } : { k: 'str', parts, fmt };
  }

  private primary(): Ast {
    const t = this.peek();
    switch (t.t) {
      case 'num':
        this.i++;
        return { k: 'lit', v: t.v };
      case 'str':
        return this.stringLit();
      case 'format':
        this.i++;
        if (this.peek().t === 'str') {
          const s = this.stringLit(t.v);
          if (s.k === 'str') return { k: 'str', parts: s.parts, fmt: t.v };
          return s;
        }
        return { k: 'format', name: t.v };
      case 'field':
        this.i++;
        return { k: 'index', target: { k: 'id' }, key: { k: 'lit', v: t.v } };
      case 'var':
        this.i++;
        if (t.v === '__loc__') return { k: 'lit', v: { file: '<stdin>', line: 1 } };
        return { k: 'var', name: t.v };
      case 'eof':
        return this.fail('unexpected end of program');
      case 'op':
        return this.primaryOp(t.v);
      case 'ident':
        return this.primaryWord(t.v);
    }
  }

  private primaryOp(v: string): Ast {
    switch (v) {
      case '.':
        this.i++;
        if (this.peek().t === 'str') return { k: 'index', target: { k: 'id' }, key: this.stringLit() };
        return { k: 'id' };
      case '..':
        this.i++;
        return { k: 'rec' };
      case '(': {
        this.i++;
        const e = this.pipe();
        this.expectOp(')');
        return e;
      }
      case '[': {
        this.i++;
        if (this.eatOp(']')) return { k: 'arr' };
        const body = this.pipe();
        this.expectOp(']');
        return { k: 'arr', body };
      }
      case '{':
        this.i++;
        return this.object();
      default:
        return this.fail('unexpected token');
    }
  }

  private primaryWord(v: string): Ast {
    switch (v) {
      case 'if':
        return this.ifExpr();
      case 'try': {
        this.i++;
        const body: Ast = this.eatOp('-') ? { k: 'neg', body: this.postfix(false) } : this.postfix(false);
        if (this.isWord('catch')) {
          this.i++;
          return { k: 'try', body, handler: this.postfix(false) };
        }
        return { k: 'try', body };
      }
      case 'reduce':
      case 'foreach': {
        this.i++;
        const src = this.postfix(false);
        this.expectWord('as');
        const pat = this.pattern();
        this.expectOp('(');
        const init = this.pipe();
        this.expectOp(';');
        const update = this.pipe();
        if (v === 'reduce') {
          this.expectOp(')');
          return { k: 'reduce', src, pat, init, update };
        }
        let extract: Ast | undefined;
        if (this.eatOp(';')) extract = this.pipe();
        this.expectOp(')');
        return extract === undefined ? { k: 'foreach', src, pat, init, update } : { k: 'foreach', src, pat, init, update, extract };
      }
      case 'def': {
        const d = this.def();
        return { ...d, rest: this.pipe() };
      }
      case 'label': {
        this.i++;
        const n = this.peek();
        if (n.t !== 'var') this.fail('expected $name after label');
        this.i++;
        this.expectOp('|');
        return { k: 'label', name: n.v, body: this.pipe() };
      }
      case 'break': {
        this.i++;
        const n = this.peek();
        if (n.t !== 'var') this.fail('expected $name after break');
        this.i++;
        return { k: 'break', name: n.v };
      }
      default: {
        if (KEYWORDS.has(v)) this.fail('unexpected keyword');
        this.i++;
        if (v === 'null' || v === 'true' || v === 'false') return { k: 'lit', v: v === 'null' ? null : v === 'true' };
        const args: Ast[] = [];
        if (this.eatOp('(')) {
          do args.push(this.pipe());
          while (this.eatOp(';'));
          this.expectOp(')');
        }
        return { k: 'call', name: v, args };
      }
    }
  }

  private ifExpr(): Ast {
    this.i++;
    const cond = this.pipe();
    this.expectWord('then');
    const then = this.pipe();
    if (this.isWord('elif')) return { k: 'if', cond, then, else: this.ifExpr() };
    if (this.isWord('else')) {
      this.i++;
      const els = this.pipe();
      this.expectWord('end');
      return { k: 'if', cond, then, else: els };
    }
    this.expectWord('end');
    return { k: 'if', cond, then };
  }

  private objectValue(): Ast {
    let l = this.alt();
    while (this.eatOp('|')) l = { k: 'pipe', l, r: this.alt() };
    return l;
  }

  private object(): Ast {
    const entries: { key: Ast; value: Ast }[] = [];
    if (this.eatOp('}')) return { k: 'obj', entries };
    do {
      const t = this.peek();
      let key: Ast;
      let implicit: Ast;
      if (t.t === 'var') {
        this.i++;
        key = { k: 'lit', v: t.v };
        implicit = { k: 'var', name: t.v };
      } else if (t.t === 'ident' || t.t === 'num') {
        if (t.t === 'num') this.fail('object keys must be strings');
        this.i++;
        key = { k: 'lit', v: t.v };
        implicit = { k: 'index', target: { k: 'id' }, key };
      } else if (t.t === 'str') {
        key = this.stringLit();
        implicit = { k: 'index', target: { k: 'id' }, key };
      } else if (t.t === 'format' && this.toks[this.i + 1]?.t === 'str') {
        this.i++;
        key = this.stringLit(t.v);
        implicit = { k: 'index', target: { k: 'id' }, key };
      } else if (t.t === 'op' && t.v === '(') {
        this.i++;
        key = this.pipe();
        this.expectOp(')');
        this.expectOp(':');
        entries.push({ key, value: this.objectValue() });
        continue;
      } else return this.fail('expected an object key');
      entries.push({ key, value: this.eatOp(':') ? this.objectValue() : implicit });
    } while (this.eatOp(','));
    this.expectOp('}');
    return { k: 'obj', entries };
  }

  private pattern(): Pattern {
    const t = this.peek();
    if (t.t === 'var') {
      this.i++;
      return { p: 'var', name: t.v };
    }
    if (this.eatOp('[')) {
      const items: Pattern[] = [];
      do items.push(this.pattern());
      while (this.eatOp(','));
      this.expectOp(']');
      return { p: 'arr', items };
    }
    if (this.eatOp('{')) {
      const entries: { key: Ast; keyVar?: string; pat?: Pattern }[] = [];
      do {
        const k = this.peek();
        if (k.t === 'var') {
          this.i++;
          const key: Ast = { k: 'lit', v: k.v };
          entries.push(this.eatOp(':') ? { key, keyVar: k.v, pat: this.pattern() } : { key, keyVar: k.v });
        } else if (k.t === 'ident') {
          this.i++;
          this.expectOp(':');
          entries.push({ key: { k: 'lit', v: k.v }, pat: this.pattern() });
        } else if (k.t === 'str') {
          const key = this.stringLit();
          this.expectOp(':');
          entries.push({ key, pat: this.pattern() });
        } else if (this.eatOp('(')) {
          const key = this.pipe();
          this.expectOp(')');
          this.expectOp(':');
          entries.push({ key, pat: this.pattern() });
        } else this.fail('expected an object pattern key');
      } while (this.eatOp(','));
      this.expectOp('}');
      return { p: 'obj', entries };
    }
    return this.fail('expected a pattern ($name, [...] or {...})');
  }
}
