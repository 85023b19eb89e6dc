/**
 * @module adapters/gateway/json-strict
 * A strict JSON parser for the lines the byte-level fast path hands over (nested values, escaped keys). Unlike
 * `JSON.parse` it reports duplicate keys and `__proto__` keys at any depth, and it keeps each value's source span
 * so kept values are copied byte for byte.
 */

export type JNode =
  | { k: 'string'; s: number; e: number; v: string }
  | { k: 'number' | 'boolean' | 'null'; s: number; e: number }
  | { k: 'array'; s: number; e: number }
  | { k: 'object'; s: number; e: number; o: Map<string, JNode> };

export class StrictJsonError extends Error {
  constructor(
    readonly code: 'bad_json' | 'duplicate_key' | 'proto_key',
    message: string,
    readonly key?: string,
  ) {
    super(message);
  }
}

const MAX_DEPTH = 256;
const NUM = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?/y;

/** Parses one JSON text (a whole line); the top level must be an object. */
export function parseStrict(text: string): JNode & { k: 'object' } {
  let i = 0;
  const n = text.length;
  const bad = (what: string): never => {
    throw new StrictJsonError('bad_json', `${what} at column ${i + 1}`);
  };
  const ws = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
      else break;
    }
  };
  const str = (): string => {
    // INVARIANT: text[i] is the opening quote.
    const start = ++i;
    let out = '';
    let seg = start;
    while (true) {
      if (i >= n) bad('unterminated string');
      const c = text.charCodeAt(i);
      if (c === 0x22) break;
      if (c < 0x20) bad('control character in string');
      if (c === 0x5c) {
        out += text.slice(seg, i);
        const e = text[i + 1];
        switch (e) {
          case '"':
            out += '"';
            break;
          case '\\':
            out += '\\';
            break;
          case '/':
            out += '/';
            break;
          case 'b':
            out += '\b';
            break;
          case 'f':
            out += '\f';
            break;
          case 'n':
            out += '\n';
            break;
          case 'r':
            out += '\r';
            break;
          case 't':
            out += '\t';
            break;
          case 'u': {
            const hex = text.slice(i + 2, i + 6);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) bad('bad \\u escape');
            out += String.fromCharCode(Number.parseInt(hex, 16));
            i += 4;
            break;
          }
          default:
            bad('bad escape');
        }
        i += 2;
        seg = i;
        continue;
      }
      i++;
    }
    out += text.slice(seg, i);
    i++;
    return out;
  };
  const value = (depth: number): JNode => {
    if (depth > MAX_DEPTH) bad('nesting too deep');
    ws();
    const s = i;
    const c = text[i];
    if (c === '"') {
      const v = str();
      return { k: 'string', s, e: i, v };
    }
    if (c === '{') {
      i++;
      const o = new Map<string, JNode>();
      ws();
      if (text[i] === '}') {
        i++;
        return { k: 'object', s, e: i, o };
      }
      while (true) {
        ws();
        if (text[i] !== '"') bad('expected a key');
        const key = str();
        if (key === '__proto__') throw new StrictJsonError('proto_key', 'record has a `__proto__` key');
        if (o.has(key)) throw new StrictJsonError('duplicate_key', `duplicate key \`${key}\``, key);
        ws();
        if (text[i] !== ':') bad('expected `:`');
        i++;
        o.set(key, value(depth + 1));
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return { k: 'object', s, e: i, o };
        }
        bad('expected `,` or `}`');
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return { k: 'array', s, e: i };
      }
      while (true) {
        value(depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return { k: 'array', s, e: i };
        }
        bad('expected `,` or `]`');
      }
    }
    if (text.startsWith('true', i)) {
      i += 4;
      return { k: 'boolean', s, e: i };
    }
    if (text.startsWith('false', i)) {
      i += 5;
      return { k: 'boolean', s, e: i };
    }
    if (text.startsWith('null', i)) {
      i += 4;
      return { k: 'null', s, e: i };
    }
    NUM.lastIndex = i;
    const m = NUM.exec(text);
    if (m && m[0].length > 0) {
      i += m[0].length;
      return { k: 'number', s, e: i };
    }
    return bad(i >= n ? 'unexpected end of line' : 'unexpected character');
  };
  ws();
  if (text[i] !== '{') bad('expected `{`');
  const root = value(0) as JNode & { k: 'object' };
  ws();
  if (i < n) bad('trailing characters');
  return root;
}
