/** Parse tree of a Go template. `pos` is a byte offset into the source, used for error locations. */

export type ArgNode =
  | { kind: 'field'; pos: number; idents: string[] }
  | { kind: 'variable'; pos: number; name: string; idents: string[] }
  | { kind: 'chain'; pos: number; node: ArgNode; idents: string[] }
  | { kind: 'identifier'; pos: number; name: string }
  | { kind: 'dot'; pos: number }
  | { kind: 'nil'; pos: number }
  | { kind: 'bool'; pos: number; value: boolean }
  | NumberNode
  | { kind: 'string'; pos: number; text: string; value: string }
  | PipeNode;

export interface NumberNode {
  kind: 'number';
  pos: number;
  text: string;
  isInt: boolean;
  isFloat: boolean;
  int: bigint;
  float: number;
  /** Value an untyped constant takes when passed as interface{}: int for integers and runes, else float64. */
  ideal: bigint | number;
}

export interface CommandNode {
  pos: number;
  args: ArgNode[];
}

export interface PipeNode {
  kind: 'pipe';
  pos: number;
  isAssign: boolean;
  decl: string[];
  cmds: CommandNode[];
}

export type Node =
  | { kind: 'text'; text: string }
  | { kind: 'action'; pos: number; pipe: PipeNode }
  | { kind: 'if' | 'with'; pos: number; pipe: PipeNode; list: Node[]; elseList: Node[] | null }
  | { kind: 'range'; pos: number; pipe: PipeNode; list: Node[]; elseList: Node[] | null }
  | { kind: 'template'; pos: number; name: string; pipe: PipeNode | null }
  | { kind: 'break' | 'continue'; pos: number };

export function argString(n: ArgNode): string {
  switch (n.kind) {
    case 'field':
      return '.' + n.idents.join('.');
    case 'variable':
      return [n.name, ...n.idents].join('.');
    case 'chain': {
      const inner = n.node.kind === 'pipe' ? '(' + argString(n.node) + ')' : argString(n.node);
      return inner + '.' + n.idents.join('.');
    }
    case 'identifier':
      return n.name;
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'bool':
      return n.value ? 'true' : 'false';
    case 'number':
    case 'string':
      return n.text;
    case 'pipe':
      return pipeString(n);
  }
}

export function commandString(c: CommandNode): string {
  return c.args.map((a) => (a.kind === 'pipe' ? '(' + argString(a) + ')' : argString(a))).join(' ');
}

export function pipeString(p: PipeNode): string {
  let s = '';
  if (p.decl.length > 0) s = p.decl.join(', ') + (p.isAssign ? ' = ' : ' := ');
  return s + p.cmds.map(commandString).join(' | ');
}
