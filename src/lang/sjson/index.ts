/**
 * sjson paths (tidwall/sjson v1.2.5 semantics) applied to JSON text: only the target span changes, so the
 * rest of the document keeps its key order and formatting.
 */
import { deleteText, setRawText } from './edit.ts';
import { marshalTop } from './marshal.ts';

/**
 * Sets the value at path: strings become JSON strings, numbers/booleans/null/arrays/objects their JSON
 * (objects with sorted keys, as Go's json.Marshal writes a map). Throws SwitchyardError SJSON_PATH (poison).
 */
export function sjsonSet(json: string, path: string, value: unknown): string {
  return setRawText(json, path, marshalTop(value, path));
}

/** Sets raw JSON text at path, inserted exactly as given. */
export function sjsonSetRaw(json: string, path: string, raw: string): string {
  return setRawText(json, path, raw);
}

/** Deletes the value at path; a missing path leaves the document unchanged. */
export function sjsonDelete(json: string, path: string): string {
  return deleteText(json, path);
}
