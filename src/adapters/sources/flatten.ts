/**
 * @module adapters/sources/flatten
 * Flattens parsed JSON objects into value arrays over a growing column list: nested objects become dotted
 * paths (`owner.address.city`), arrays are JSON text, numbers and booleans are text, `null`/`""` are null.
 * Column order is first-seen order. A literal key `a.b` and the nested path `a`→`b` share one column.
 * Integers beyond 2^53 lose digits in `JSON.parse`; `lossy` tells the caller to re-parse that row with
 * {@link quoteBigInts} so 18-digit ID numbers written as JSON numbers survive.
 */
import { scalarToText } from './base.js';

/** Objects nested deeper than this stay one column of JSON text, so hostile nesting cannot blow the stack. */
export const MAX_FLATTEN_DEPTH = 64;

interface Node {
  index: number;
  name: string;
  children: Map<string, Node> | undefined;
}

export class Flattener {
  readonly columns: string[] = [];
  /** Set when the last flattened object held an integer that JSON numbers cannot represent exactly. */
  lossy = false;
  private readonly byName = new Map<string, number>();
  private readonly root: Node = { index: -1, name: '', children: new Map() };

  flatten(obj: Record<string, unknown>): (string | null)[] {
    const out: (string | null)[] = new Array(this.columns.length).fill(null);
    this.lossy = false;
    this.walk(obj, this.root, out, 0);
    return out;
  }

  private walk(obj: Record<string, unknown>, node: Node, out: (string | null)[], depth: number): void {
    const children = node.children as Map<string, Node>;
    for (const k in obj) {
      const v = obj[k];
      let child = children.get(k);
      if (child === undefined) {
        child = { index: -1, name: node === this.root ? k : `${node.name}.${k}`, children: undefined };
        children.set(k, child);
      }
      const nested = v !== null && typeof v === 'object' && isPlainObject(v);
      if (nested && depth + 1 < MAX_FLATTEN_DEPTH) {
        if (child.children === undefined) child.children = new Map();
        this.walk(v as Record<string, unknown>, child, out, depth + 1);
        continue;
      }
      let idx = child.index;
      if (idx < 0) idx = this.leaf(child);
      let text: string | null;
      if (typeof v === 'string') text = v === '' ? null : v;
      else if (v === null || v === undefined) text = null;
      else if (typeof v === 'number') {
        if (!Number.isSafeInteger(v) && Number.isInteger(v)) this.lossy = true;
        text = String(v);
      } else if (typeof v === 'boolean') text = v ? 'true' : 'false';
      else if (Array.isArray(v) || nested) text = jsonText(v);
      else text = scalarToText(v);
      while (out.length < idx) out.push(null);
      out[idx] = text;
    }
  }

  private leaf(node: Node): number {
    let idx = this.byName.get(node.name);
    if (idx === undefined) {
      idx = this.columns.length;
      this.columns.push(node.name);
      this.byName.set(node.name, idx);
    }
    node.index = idx;
    return idx;
  }
}

function isPlainObject(v: object): boolean {
  if (Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** JSON text of an array or a too-deep object; nesting too deep even to serialise becomes a marker. */
function jsonText(v: unknown): string {
  try {
    return JSON.stringify(v, bigintReplacer);
  } catch (err) {
    if (err instanceof RangeError) return '[nested too deeply]';
    throw err;
  }
}

function bigintReplacer(_k: string, x: unknown): unknown {
  if (typeof x === 'bigint') return x.toString();
  if (x instanceof Uint8Array) return scalarToText(x);
  return x;
}

/** True for a JSON value that can be a row (an object, not an array). */
export function isRowObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Rewrites integer literals of 16 or more digits outside strings as JSON strings, so no digit is lost. */
export function quoteBigInts(text: string): string {
  const re = /(-?\d{16,})(?![\d.eE])/g;
  let out = '';
  let i = 0;
  const len = text.length;
  while (i < len) {
    let q = text.indexOf('"', i);
    if (q === -1) q = len;
    out += text.slice(i, q).replace(re, '"$1"');
    if (q >= len) break;
    let j = q + 1;
    for (;;) {
      const k = text.indexOf('"', j);
      if (k === -1) {
        j = len;
        break;
      }
      let bs = 0;
      for (let b = k - 1; b > q && text.charCodeAt(b) === 92; b--) bs++;
      j = k + 1;
      if (bs % 2 === 0) break;
    }
    out += text.slice(q, j);
    i = j;
  }
  return out;
}

/** A JSON.parse message without the echoed input (which may hold personal data). */
export function jsonReason(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.replace(/, ".*" is not valid JSON$/s, '').replace(/ in JSON at position \d+.*$/s, '');
}

/** The character position JSON.parse complained about, if its message says. */
export function jsonErrorPosition(err: unknown): number | undefined {
  const msg = err instanceof Error ? err.message : String(err);
  const m = /at position (\d+)/.exec(msg);
  return m ? Number(m[1]) : undefined;
}
