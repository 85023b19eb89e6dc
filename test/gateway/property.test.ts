/**
 * The mandatory property: for any record and manifest, no dropped or unlisted value (or a substring of 6+
 * characters of it) appears in the output; kept fields are byte-identical; hashes are stable per key and differ
 * across keys. Run on the NDJSON fast path, the strict path and the CSV path.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FieldRule } from '../../src/core/enforce/manifest.js';
import { csv, KEY_A, KEY_B, manifestWith, ndjson, run } from './helpers.js';

// Kept values and keys come from one alphabet, dropped/unlisted values from a disjoint one, so a dropped
// substring can only appear in the output by leaking (hex digests and masks use the kept alphabet or `*`).
const KEPT = [...'abcdefghijklmnopqrstuvwxyz0123456789 ,.上海临港'];
const SECRET = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ张王李赵"\\\n\t\u00e9\u{1F600}#;'];
const keptStr = fc.array(fc.constantFrom(...KEPT), { maxLength: 20 }).map((a) => a.join(''));
const secretStr = fc.array(fc.constantFrom(...SECRET), { minLength: 6, maxLength: 24 }).map((a) => a.join(''));
const keyName = fc.stringMatching(/^[a-z][a-z_]{0,7}$/).filter((k) => k !== 'sid');
const keptValue = fc.oneof(
  keptStr,
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);
type Op = 'keep' | 'drop' | 'hash' | 'mask' | 'unlisted' | 'nested';

const scenario = fc
  .uniqueArray(fc.tuple(keyName, fc.constantFrom<Op>('keep', 'drop', 'hash', 'mask', 'unlisted', 'nested')), {
    minLength: 1,
    maxLength: 8,
    selector: (t) => t[0],
  })
  .chain((cols) =>
    fc.record({
      cols: fc.constant(cols),
      values: fc.tuple(
        ...cols.map(([, op]) =>
          op === 'keep'
            ? keptValue
            : op === 'hash' || op === 'mask'
              ? keptStr
              : op === 'nested'
                ? secretStr.map((s) => ({ deep: [s] }))
                : secretStr,
        ),
      ),
      // A subject key of spaces only names no one (rejected: subject-keys.test.ts).
      sid: keptStr.filter((s) => s.trim() !== ''),
      order: fc.func(fc.integer()),
    }),
  );

function build(s: { cols: [string, Op][]; values: unknown[]; sid: string }) {
  const fields: FieldRule[] = [{ path: 'sid', operator: 'keep' }];
  const rec: Record<string, unknown> = { sid: s.sid };
  const secrets: string[] = [];
  s.cols.forEach(([k, op], i) => {
    const v = s.values[i];
    rec[k] = v;
    if (op === 'keep') fields.push({ path: k, operator: 'keep' });
    else if (op === 'drop') fields.push({ path: k, operator: 'drop' });
    else if (op === 'hash') fields.push({ path: k, operator: 'hash' });
    else if (op === 'mask') fields.push({ path: k, operator: 'mask', params: { keepFirst: 0, keepLast: 0 } });
    if (op === 'drop' || op === 'unlisted') secrets.push(v as string);
    if (op === 'nested') secrets.push((v as { deep: string[] }).deep[0] as string);
  });
  return { fields, rec, secrets };
}

function substrings(v: string): string[] {
  const cps = Array.from(v);
  if (cps.length <= 6) return [v];
  const out: string[] = [];
  for (let i = 0; i + 6 <= cps.length; i++) out.push(cps.slice(i, i + 6).join(''));
  return out;
}

function decodedStrings(text: string): string {
  const parts: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') parts.push(v);
    else if (v && typeof v === 'object') for (const x of Object.values(v)) walk(x);
  };
  for (const line of text.split('\n')) if (line) walk(JSON.parse(line));
  return parts.join('\u0000');
}

describe('no leak, byte-identical keeps, stable hashes', () => {
  for (const forceSlow of [false, true]) {
    it(`ndjson ${forceSlow ? 'strict' : 'fast'} path`, () => {
      fc.assert(
        fc.property(scenario, (s) => {
          const { fields, rec, secrets } = build(s);
          const m = manifestWith(fields);
          const line = `${JSON.stringify(rec)}\n`;
          const a = run(ndjson(m, KEY_A, { forceSlow }), line);
          expect(a.rejects).toEqual([]);
          const decoded = decodedStrings(a.text);
          for (const sec of secrets)
            for (const sub of substrings(sec)) {
              expect(a.text).not.toContain(sub);
              expect(a.text).not.toContain(JSON.stringify(sub).slice(1, -1));
              expect(decoded).not.toContain(sub);
            }
          const out = JSON.parse(a.text) as Record<string, unknown>;
          for (const f of fields) {
            if (f.operator === 'keep')
              expect(a.text).toContain(`${JSON.stringify(f.path)}:${JSON.stringify(rec[f.path])}`);
            if (f.operator === 'hash') {
              const v = rec[f.path] as string;
              const again = JSON.parse(run(ndjson(m, KEY_A, { forceSlow: !forceSlow }), line).text) as Record<
                string,
                unknown
              >;
              const other = JSON.parse(run(ndjson(m, KEY_B, { forceSlow }), line).text) as Record<string, unknown>;
              expect(again[f.path]).toBe(out[f.path]);
              if (v !== '') {
                expect(out[f.path]).toMatch(/^[0-9a-f]{64}$/);
                expect(other[f.path]).not.toBe(out[f.path]);
              }
            }
          }
          // Deny by default: nothing but manifest fields (minus drops) comes out.
          const allowed = new Set(fields.filter((f) => f.operator !== 'drop').map((f) => f.path));
          for (const k of Object.keys(out)) expect(allowed.has(k)).toBe(true);
        }),
        { numRuns: 300 },
      );
    });
  }

  it('csv path', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { fields, rec, secrets } = build(s);
        const m = manifestWith(fields.filter((f) => f.path !== 'nested'));
        const header = Object.keys(rec);
        const cell = (v: unknown) => {
          const t = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
          return /[",\n\r]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
        };
        const text = `${header
          .map((h) => rec[h])
          .map(cell)
          .join(',')}\n`;
        const a = run(csv(m, KEY_A, header), text);
        expect(a.rejects).toEqual([]);
        for (const sec of secrets) for (const sub of substrings(sec)) expect(a.text).not.toContain(sub);
        const b = run(csv(m, KEY_A, header), text);
        expect(b.text).toBe(a.text);
        for (const f of fields)
          if (f.operator === 'keep' && header.includes(f.path)) expect(a.text).toContain(cell(rec[f.path]));
      }),
      { numRuns: 300 },
    );
  });
});
