/** Executes a parsed template with text/template's evaluation rules. */
import { SwitchyardError } from '../../errors.ts';
import type { ArgNode, CommandNode, Node, PipeNode } from './ast.ts';
import { argString, commandString, pipeString } from './ast.ts';
import { formatV } from './fmt.ts';
import type { FuncDef, FuncTable, ParamKind } from './funcs.ts';
import { callMethod, hasMethod } from './methods.ts';
import { GoTime, goTypeName, isMap, isTrue, sortedKeys } from './values.ts';

/** Marks "no value from a previous pipeline stage", distinct from a missing (undefined) value. */
const MISSING: unique symbol = Symbol('missing');
type Final = unknown;

const MAX_DEPTH = 10000;
const BREAK = 1;
const CONTINUE = 2;

interface Variable {
  name: string;
  value: unknown;
  /** Set for range elements of []interface{} and map[string]interface{}: Go names their type interface {}. */
  iface?: boolean;
}

export interface Program {
  name: string;
  src: string;
  root: Node[];
  defines: Map<string, Node[]>;
  funcs: FuncTable;
  lazy: Set<string>;
}

class ExecError extends Error {}

/** Go reports where execution failed as NAME:LINE:COL with COL counted in bytes from the line start. */
function location(src: string, pos: number): string {
  const before = src.slice(0, pos);
  const nl = before.lastIndexOf('\n');
  const line = 1 + (before.match(/\n/g)?.length ?? 0);
  const col = Buffer.byteLength(nl >= 0 ? before.slice(nl + 1) : before, 'utf8');
  return `${line}:${col}`;
}


export class State {
  private vars: Variable[];
  private depth = 0;
  private tmplName: string;
  private out = '';
  private atPos = 0;
  private atText = '';
  /** Set instead of atText on the hot path; rendered only when an error is reported. */
  private atNode: ArgNode | null = null;
  /** Whether dot came out of a container (Go's interface{} static type), for error wording. */
  private dotIface = false;

  constructor(private readonly prog: Program, data: unknown) {
    this.vars = [{ name: '$', value: data }];
    this.tmplName = prog.name;
  }

  run(data: unknown): string {
    this.walkList(data, this.prog.root);
    return this.out;
  }

  private at(pos: number, text: string): void {
    this.atPos = pos;
    this.atText = text;
    this.atNode = null;
  }

  private atArg(n: ArgNode): void {
    this.atPos = n.pos;
    this.atNode = n;
  }

  private fail(msg: string): never {
    const loc = location(this.prog.src, this.atPos);
    if (this.atNode) this.atText = argString(this.atNode);
    throw new ExecError(
      `template: ${this.prog.name}:${loc}: executing "${this.tmplName}" at <${this.atText}>: ${msg}`,
    );
  }

  // ---- statements ----

  private walkList(dot: unknown, list: readonly Node[]): number {
    for (const n of list) {
      const r = this.walk(dot, n);
      if (r !== 0) return r;
    }
    return 0;
  }

  private walk(dot: unknown, n: Node): number {
    switch (n.kind) {
      case 'text':
        this.out += n.text;
        return 0;
      case 'action': {
        const v = this.evalPipeline(dot, n.pipe);
        if (n.pipe.decl.length === 0) this.printValue(n.pipe, v);
        return 0;
      }
      case 'if':
      case 'with': {
        const mark = this.vars.length;
        const v = this.evalPipeline(dot, n.pipe);
        let r = 0;
        if (isTrue(v)) {
          if (n.kind === 'with') {
            const saved = this.dotIface;
            this.dotIface = false;
            r = this.walkList(v, n.list);
            this.dotIface = saved;
          } else r = this.walkList(dot, n.list);
        } else if (n.elseList) r = this.walkList(dot, n.elseList);
        this.vars.length = mark;
        return r;
      }
      case 'range':
        return this.walkRange(dot, n);
      case 'template':
        return this.walkTemplate(dot, n.pos, n.name, n.pipe);
      case 'break':
        return BREAK;
      case 'continue':
        return CONTINUE;
    }
  }

  private walkRange(dot: unknown, n: Extract<Node, { kind: 'range' }>): number {
    this.at(n.pos, '{{range ' + pipeString(n.pipe) + '}}');
    const outer = this.vars.length;
    const val = this.evalPipeline(dot, n.pipe);
    const mark = this.vars.length;
    const decl = n.pipe.decl;
    const savedIface = this.dotIface;
    const one = (index: unknown, elem: unknown, iface: boolean): number => {
      if (decl.length > 0) {
        if (n.pipe.isAssign) this.setVar(decl[0] ?? '', decl.length > 1 ? index : elem, decl.length > 1 ? false : iface);
        else this.setTopVar(1, elem, iface);
      }
      if (decl.length > 1) {
        if (n.pipe.isAssign) this.setVar(decl[1] ?? '', elem, iface);
        else this.setTopVar(2, index, false);
      }
      this.dotIface = iface;
      const r = this.walkList(elem, n.list);
      this.vars.length = mark;
      return r;
    };
    let ran = false;
    try {
      if (Array.isArray(val)) {
        // Elements of sprig's []string or []int are not interface values.
        const elemIface = goTypeName(val) === '[]interface {}';
        for (let i = 0; i < val.length; i++) {
          ran = true;
          if (one(BigInt(i), val[i], elemIface) === BREAK) break;
        }
      } else if (isMap(val)) {
        const elemIface = goTypeName(val) === 'map[string]interface {}';
        for (const k of sortedKeys(val)) {
          ran = true;
          if (one(k, val[k], elemIface) === BREAK) break;
        }
      } else if (typeof val === 'bigint') {
        if (decl.length > 1) this.fail(`can't use ${val} to iterate over more than one variable`);
        for (let i = 0n; i < val; i++) {
          ran = true;
          if (one(i, i, false) === BREAK) break;
        }
      } else if (val !== undefined && val !== null) {
        this.fail(`range can't iterate over ${formatV(val)}`);
      }
      if (!ran && n.elseList) {
        this.dotIface = savedIface;
        return this.walkList(dot, n.elseList);
      }
      return 0;
    } finally {
      this.dotIface = savedIface;
      this.vars.length = outer;
    }
  }

  private walkTemplate(dot: unknown, pos: number, name: string, pipe: PipeNode | null): number {
    this.at(pos, `{{template ${JSON.stringify(name)}${pipe ? ' ' + pipeString(pipe) : ''}}}`);
    const body = this.prog.defines.get(name);
    if (!body) this.fail(`template ${JSON.stringify(name)} not defined`);
    if (this.depth >= MAX_DEPTH) this.fail(`exceeded maximum template depth (${MAX_DEPTH})`);
    const newDot = pipe ? this.evalPipeline(dot, pipe) : undefined;
    const savedVars = this.vars;
    const savedName = this.tmplName;
    const savedIface = this.dotIface;
    this.vars = [{ name: '$', value: newDot }];
    this.tmplName = name;
    this.dotIface = false;
    this.depth++;
    try {
      this.walkList(newDot, body);
    } finally {
      this.depth--;
      this.vars = savedVars;
      this.tmplName = savedName;
      this.dotIface = savedIface;
    }
    return 0;
  }

  private printValue(pipe: PipeNode, v: unknown): void {
    if (v === undefined || v === null) {
      this.out += '<no value>';
      return;
    }
    if (typeof v === 'function') {
      this.at(pipe.pos, pipeString(pipe));
      this.fail(`can't print ${pipeString(pipe)} of type ${goTypeName(v)}`);
    }
    this.out += formatV(v);
  }

  // ---- variables ----

  private varValue(name: string): unknown {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      const v = this.vars[i];
      if (v && v.name === name) return v.value;
    }
    this.fail(`undefined variable: ${name}`);
  }

  private varIface(name: string): boolean {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      const v = this.vars[i];
      if (v && v.name === name) return v.iface === true;
    }
    return false;
  }

  private setVar(name: string, value: unknown, iface = false): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      const v = this.vars[i];
      if (v && v.name === name) {
        v.value = value;
        v.iface = iface;
        return;
      }
    }
    this.fail(`undefined variable: ${name}`);
  }

  private setTopVar(n: number, value: unknown, iface: boolean): void {
    const v = this.vars[this.vars.length - n];
    if (v) {
      v.value = value;
      v.iface = iface;
    }
  }

  // ---- expressions ----

  evalPipeline(dot: unknown, pipe: PipeNode): unknown {
    let value: unknown = MISSING;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(dot, cmd, value);
      // A nil held in an interface{} becomes no value, as Go's pipeline indirection does.
      if (value === null) value = undefined;
    }
    for (const name of pipe.decl) {
      if (pipe.isAssign) this.setVar(name, value);
      else this.vars.push({ name, value });
    }
    return value;
  }

  private evalCommand(dot: unknown, cmd: CommandNode, final: Final): unknown {
    const first = cmd.args[0];
    if (!first) return undefined;
    switch (first.kind) {
      case 'field':
        this.atArg(first);
        return this.evalFieldChain(dot, dot, this.dotIface, first.idents, cmd.args, final, first);
      case 'chain':
        return this.evalChain(dot, first, cmd.args, final);
      case 'identifier':
        return this.evalFunction(dot, first.name, first.pos, cmd, final);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'variable':
        return this.evalVariable(dot, first, cmd.args, final);
    }
    this.atArg(first);
    this.notAFunction(cmd.args, final);
    switch (first.kind) {
      case 'bool':
        return first.value;
      case 'dot':
        return dot;
      case 'nil':
        this.fail('nil is not a command');
      // falls through (fail never returns)
      case 'number':
        return first.ideal;
      case 'string':
        return first.value;
    }
    return undefined;
  }

  private notAFunction(args: readonly ArgNode[], final: Final): void {
    if (args.length > 1 || final !== MISSING) {
      const a = args[0];
      this.fail(`can't give argument to non-function ${a ? argString(a) : ''}`);
    }
  }

  private evalVariable(dot: unknown, v: Extract<ArgNode, { kind: 'variable' }>, args: readonly ArgNode[], final: Final): unknown {
    this.atArg(v);
    const value = this.varValue(v.name);
    if (v.idents.length === 0) {
      this.notAFunction(args, final);
      return value;
    }
    return this.evalFieldChain(dot, value, this.varIface(v.name), v.idents, args, final, v);
  }

  private evalChain(dot: unknown, chain: Extract<ArgNode, { kind: 'chain' }>, args: readonly ArgNode[], final: Final): unknown {
    this.atArg(chain);
    if (chain.node.kind === 'nil') this.fail(`indirection through explicit nil in ${argString(chain)}`);
    const pipe = this.evalArg(dot, 'any', chain.node);
    return this.evalFieldChain(dot, pipe === null ? undefined : pipe, false, chain.idents, args, final, chain);
  }

  private evalFieldChain(
    dot: unknown,
    receiver: unknown,
    iface: boolean,
    idents: readonly string[],
    args: readonly ArgNode[],
    final: Final,
    node: ArgNode,
  ): unknown {
    let r = receiver;
    let isIface = iface;
    const n = idents.length;
    for (let i = 0; i < n - 1; i++) {
      r = this.evalField(dot, idents[i] ?? '', null, MISSING, r, isIface, node);
      isIface = true;
    }
    return this.evalField(dot, idents[n - 1] ?? '', args, final, r, isIface, node);
  }

  private evalField(
    dot: unknown,
    name: string,
    args: readonly ArgNode[] | null,
    final: Final,
    receiver: unknown,
    iface: boolean,
    node: ArgNode,
  ): unknown {
    if (receiver === undefined) return undefined;
    if (receiver === null) {
      this.atArg(node);
      this.fail(`nil pointer evaluating interface {}.${name}`);
    }
    if (receiver instanceof GoTime && hasMethod(receiver, name)) {
      const argv: unknown[] = [];
      if (args) for (const a of args.slice(1)) argv.push(this.evalArg(dot, 'any', a));
      if (final !== MISSING) argv.push(final);
      try {
        return callMethod(receiver, name, argv);
      } catch (e) {
        this.atArg(node);
        this.fail(`error calling ${name}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    const hasArgs = (args !== null && args.length > 1) || final !== MISSING;
    if (isMap(receiver)) {
      if (hasArgs) {
        this.atArg(node);
        this.fail(`${name} is not a method but has arguments`);
      }
      return Object.prototype.hasOwnProperty.call(receiver, name) ? receiver[name] : undefined;
    }
    this.atArg(node);
    this.fail(`can't evaluate field ${name} in type ${iface ? 'interface {}' : goTypeName(receiver)}`);
  }

  private evalFunction(dot: unknown, name: string, pos: number, cmd: CommandNode, final: Final): unknown {
    this.at(pos, name);
    const f = this.prog.funcs[name];
    if (!f) this.fail(`${JSON.stringify(name)} is not a defined function`);
    return this.evalCall(dot, f, name, pos, cmd.args, final, cmd);
  }

  private evalCall(dot: unknown, f: FuncDef, name: string, pos: number, allArgs: readonly ArgNode[], final: Final, cmd: CommandNode): unknown {
    const args = allArgs.slice(1);
    const numIn = args.length + (final !== MISSING ? 1 : 0);
    const numFixed = f.params.length;
    if (f.variadic !== undefined) {
      if (numIn < numFixed) this.fail(`wrong number of args for ${name}: want at least ${numFixed} got ${args.length}`);
    } else if (numIn !== numFixed) this.fail(`wrong number of args for ${name}: want ${numFixed} got ${numIn}`);

    if (this.prog.lazy.has(name)) {
      // and/or evaluate arguments only until the result is known.
      let v: unknown = undefined;
      for (const a of args) {
        v = this.evalArg(dot, 'value', a);
        if (isTrue(v) === (name === 'or')) return v;
      }
      if (final !== MISSING) v = final;
      return v;
    }

    const argv: unknown[] = [];
    let i = 0;
    for (; i < numFixed && i < args.length; i++) argv.push(this.evalArg(dot, f.params[i] ?? 'any', args[i] as ArgNode));
    if (f.variadic !== undefined) for (; i < args.length; i++) argv.push(this.evalArg(dot, f.variadic, args[i] as ArgNode));
    if (final !== MISSING) {
      const kind = numIn - 1 < numFixed ? (f.params[numIn - 1] ?? 'any') : (f.variadic ?? 'any');
      // Go reports a bad final value at the last node it evaluated: the last argument, else the function name.
      if (args.length === 0) this.at(pos, name);
      argv.push(this.validateType(final, kind));
    }
    try {
      return (f.fn as (...a: unknown[]) => unknown)(...argv);
    } catch (e) {
      if (e instanceof ExecError || e instanceof SwitchyardError) throw e;
      this.at(pos, commandString(cmd));
      let msg = e instanceof RangeError && /call stack/.test(e.message) ? 'stack overflow' : e instanceof Error ? e.message : String(e);
      // Go names the offending argument as written in the template.
      if (name === 'call' && msg.startsWith('non-function of type') && args[0]) msg = msg.replace('non-function', `non-function ${argString(args[0])}`);
      this.fail(`error calling ${name}: ${msg}`);
    }
  }

  private evalArg(dot: unknown, kind: ParamKind, n: ArgNode): unknown {
    this.atArg(n);
    switch (n.kind) {
      case 'dot':
        return this.validateType(dot, kind);
      case 'nil':
        if (kind === 'any' || kind === 'value' || kind === 'map' || kind === 'slice' || kind === 'strings') return kind === 'value' ? undefined : null;
        this.fail(`cannot assign nil to ${goKind(kind)}`);
      // falls through (fail never returns)
      case 'field':
        return this.validateType(this.evalFieldChain(dot, dot, this.dotIface, n.idents, [n], MISSING, n), kind);
      case 'variable':
        return this.validateType(this.evalVariable(dot, n, [n], MISSING), kind);
      case 'pipe':
        return this.validateType(this.evalPipeline(dot, n), kind);
      case 'identifier': {
        const f = this.prog.funcs[n.name];
        if (!f) this.fail(`${JSON.stringify(n.name)} is not a defined function`);
        const v = this.evalCall(dot, f, n.name, n.pos, [n], MISSING, { pos: n.pos, args: [n] });
        this.at(n.pos, n.name);
        return this.validateType(v, kind);
      }
      case 'chain':
        return this.validateType(this.evalChain(dot, n, [n], MISSING), kind);
    }
    switch (kind) {
      case 'bool':
        if (n.kind === 'bool') return n.value;
        this.fail(`expected bool; found ${argString(n)}`);
      // falls through
      case 'string':
        if (n.kind === 'string') return n.value;
        this.fail(`expected string; found ${argString(n)}`);
      // falls through
      case 'int':
        if (n.kind === 'number' && n.isInt) return n.int;
        this.fail(`expected integer; found ${argString(n)}`);
      // falls through
      case 'float64':
        if (n.kind === 'number' && n.isFloat) return n.float;
        this.fail(`expected float; found ${argString(n)}`);
      // falls through
      case 'any':
      case 'value':
        if (n.kind === 'number') return n.ideal;
        if (n.kind === 'string') return n.value;
        return n.value;
      default:
        this.fail(`can't handle ${argString(n)} for arg of type ${goKind(kind)}`);
    }
  }

  /** Checks a computed value against a parameter type, as Go's validateType does. */
  private validateType(v: unknown, kind: ParamKind): unknown {
    switch (kind) {
      case 'value':
        return v;
      case 'any':
        return v === undefined ? null : v;
    }
    if (v === undefined) {
      if (kind === 'map' || kind === 'slice' || kind === 'strings') return null;
      this.fail(`invalid value; expected ${goKind(kind)}`);
    }
    let ok: boolean;
    switch (kind) {
      case 'string':
        ok = typeof v === 'string';
        break;
      case 'int':
        ok = typeof v === 'bigint';
        break;
      case 'float64':
        ok = typeof v === 'number';
        break;
      case 'bool':
        ok = typeof v === 'boolean';
        break;
      case 'map':
        ok = isMap(v);
        break;
      case 'slice':
        ok = Array.isArray(v);
        break;
      case 'strings':
        ok = Array.isArray(v) && v.every((x) => typeof x === 'string');
        break;
      case 'time':
        ok = v instanceof GoTime;
        break;
    }
    if (!ok) this.fail(`wrong type for value; expected ${goKind(kind)}; got ${v === null ? 'interface {}' : goTypeName(v)}`);
    return v;
  }
}

function goKind(k: ParamKind): string {
  switch (k) {
    case 'map':
      return 'map[string]interface {}';
    case 'slice':
      return '[]interface {}';
    case 'strings':
      return '[]string';
    case 'time':
      return 'time.Time';
    case 'value':
      return 'reflect.Value';
    case 'any':
      return 'interface {}';
    default:
      return k;
  }
}

/** Runs a program, converting failures into SwitchyardError TEMPLATE_EXEC. */
export function execute(prog: Program, data: unknown): string {
  const dot = data === null ? undefined : data;
  try {
    return new State(prog, dot).run(dot);
  } catch (e) {
    if (e instanceof ExecError) throw new SwitchyardError('TEMPLATE_EXEC', e.message, { errorClass: 'poison' });
    if (e instanceof SwitchyardError) throw e;
    const msg = e instanceof RangeError ? 'template recursion too deep' : e instanceof Error ? e.message : String(e);
    throw new SwitchyardError('TEMPLATE_EXEC', `template: ${prog.name}: ${msg}`, { errorClass: 'poison', cause: e });
  }
}
