/**
 * Files and folders of multi-document YAML → validated resources. Every finding carries the file,
 * the document index and the line of the offending field.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { LineCounter, parseAllDocuments, isMap, isSeq, isScalar, type Document, type Node } from 'yaml';
import { SwitchyardError } from '../errors.ts';
import { parsePath } from '../api/validate/common.ts';
import {
  emptyManifestSet, validateResource, validateSet, type Finding, type ManifestSet,
} from '../api/validate/index.ts';
import type { EventBus, EventSource, Sensor, WorkflowTemplate } from '../api/types.ts';
import { classifyDocument } from './kinds.ts';

export type { ManifestSet } from '../api/validate/index.ts';

export interface LoadedDocument {
  file: string;
  /** 0-based document in the file. */
  index: number;
  line: number;
  object: unknown;
}

export interface LoadResult {
  set: ManifestSet;
  findings: Finding[];
  /** The files read, in order. */
  files: string[];
  /** Non-empty documents seen. */
  documents: number;
}

const MANIFEST_EXT = /\.(ya?ml|json)$/i;

/** Expands folders recursively (sorted; hidden entries and node_modules skipped). Files are taken as given. */
export async function collectFiles(paths: string[]): Promise<string[]> {
  if (paths.length === 0) throw new SwitchyardError('SY001', 'no manifest paths given: pass files or folders of YAML');
  const out: string[] = [];
  for (const p of paths) {
    let st;
    try {
      st = await stat(p);
    } catch {
      throw new SwitchyardError('SY001', `${p}: no such file or folder; check the path`);
    }
    if (st.isDirectory()) {
      const found = await walk(p);
      if (found.length === 0) throw new SwitchyardError('SY003', `${p}: folder holds no .yaml, .yml or .json files`);
      out.push(...found);
    } else out.push(p);
  }
  return [...new Set(out)];
}

async function walk(dir: string): Promise<string[]> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: string[] = [];
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const p = join(dir, e.name);
    const isDir = e.isDirectory() || (e.isSymbolicLink() && (await stat(p).catch(() => undefined))?.isDirectory() === true);
    if (isDir) out.push(...(await walk(p)));
    else if (MANIFEST_EXT.test(e.name)) out.push(p);
  }
  return out;
}

interface ParsedDocument extends LoadedDocument {
  doc: Document;
  lines: LineCounter;
}

/** Parses one file's text; syntax errors become SY002 findings and that document is dropped. */
export function parseDocuments(file: string, text: string): { documents: LoadedDocument[]; findings: Finding[] } {
  const { documents, findings } = parseWithSource(file, text);
  return { documents: documents.map(({ file: f, index, line, object }) => ({ file: f, index, line, object })), findings };
}

function parseWithSource(file: string, text: string): { documents: ParsedDocument[]; findings: Finding[] } {
  const lines = new LineCounter();
  const documents: ParsedDocument[] = [];
  const findings: Finding[] = [];
  parseAllDocuments(text, { lineCounter: lines }).forEach((doc, index) => {
    if (doc.errors.length > 0) {
      for (const err of doc.errors) {
        findings.push({
          code: 'SY002', severity: 'error', file, document: index, line: err.linePos?.[0].line ?? lines.linePos(doc.range[0]).line,
          path: '', message: `YAML syntax error: ${err.message.split('\n')[0] ?? err.message}`,
        });
      }
      return;
    }
    const object: unknown = doc.toJS();
    if (object === null || object === undefined) return;
    const start = doc.contents?.range[0] ?? doc.range[0];
    documents.push({ file, index, line: lines.linePos(start).line, object, doc, lines });
  });
  return { documents, findings };
}

/** The line of the deepest node on `path` that exists (a missing field points at its parent). */
function lineOf(d: ParsedDocument, path: string): number {
  let node: unknown = d.doc.contents;
  let line = d.line;
  for (const seg of parsePath(path)) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === seg);
      if (pair === undefined) break;
      const key = pair.key as Node | undefined;
      if (key?.range) line = d.lines.linePos(key.range[0]).line;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as Node | undefined;
      if (item === undefined) break;
      if (item.range) line = d.lines.linePos(item.range[0]).line;
      node = item;
    } else break;
  }
  return line;
}

/** Reads, classifies and validates everything under `paths`. Throws SwitchyardError for bad paths. */
export async function loadManifests(paths: string[]): Promise<LoadResult> {
  const files = await collectFiles(paths);
  const set = emptyManifestSet();
  const findings: Finding[] = [];
  const byDoc = new Map<string, ParsedDocument>();
  let documents = 0;
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      throw new SwitchyardError('SY001', `${file}: cannot read (${(err as Error).message})`, { cause: err });
    }
    const parsed = parseWithSource(file, text);
    findings.push(...parsed.findings);
    for (const d of parsed.documents) {
      documents++;
      byDoc.set(`${d.file}\0${d.index}`, d);
      const c = classifyDocument(d.object);
      if (c.action === 'skip') {
        set.skipped.push({ file: d.file, index: d.index, kind: c.kind, reason: c.reason });
        continue;
      }
      for (const f of validateResource(d.object)) findings.push({ ...f, file: d.file, document: d.index, line: lineOf(d, f.path) });
      if (c.action === 'keep') place(set, c.kind, d);
    }
  }
  for (const f of validateSet(set)) {
    const d = f.file === undefined ? undefined : byDoc.get(`${f.file}\0${f.document ?? 0}`);
    findings.push(d === undefined ? f : { ...f, line: lineOf(d, f.path) });
  }
  findings.sort(compareFindings);
  return { set, findings, files, documents };
}

function place(set: ManifestSet, kind: string, d: ParsedDocument): void {
  const obj = d.object as object;
  set.origin.set(obj, { file: d.file, index: d.index, line: d.line });
  // validateResource has reported anything malformed; the set carries the objects as written.
  if (kind === 'EventSource') set.eventSources.push(obj as EventSource);
  else if (kind === 'Sensor') set.sensors.push(obj as Sensor);
  else if (kind === 'EventBus') set.eventBuses.push(obj as EventBus);
  else set.workflowTemplates.push(obj as WorkflowTemplate);
}

export function compareFindings(a: Finding, b: Finding): number {
  const fa = a.file ?? '';
  const fb = b.file ?? '';
  if (fa !== fb) return fa < fb ? -1 : 1;
  return (a.document ?? 0) - (b.document ?? 0) || (a.line ?? 0) - (b.line ?? 0);
}
