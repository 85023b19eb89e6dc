/**
 * @module core/enforce/operators
 * The field operators as pure functions over a value's text. `hash` and `tokenize` need a domestic key or vault,
 * so they come in through {@link OperatorContext}; everything else is computed here.
 * A value that an operator cannot read (a date that is not a date, a VIN of the wrong length) becomes `null`:
 * the original never passes through unchanged.
 */
import type { FieldRule, GeneralizeTo } from './manifest.js';

/** The JSON kind of an input value (CSV cells are always `string`). */
export type ValueKind = 'string' | 'number' | 'boolean' | 'null' | 'object' | 'array';

/** An operator's result: a JSON string, a JSON number (its text), or null. */
export type OutValue = { kind: 'string'; text: string } | { kind: 'number'; text: string } | { kind: 'null' };

export const NULL_OUT: OutValue = { kind: 'null' };

/** What `hash` and `tokenize` need from outside the core. */
export interface OperatorContext {
  /** HMAC-SHA256 of the UTF-8 text with the domestic key, as 64 lowercase hex digits. */
  hash(text: string): string;
  /** The vault token for `text` in `namespace` (the same value gets the same token). */
  tokenize(namespace: string, text: string): string;
}

/** Keeps the first and last characters (code points) and replaces the rest with `char`. */
export function maskText(text: string, keepFirst: number, keepLast: number, char = '*'): string {
  const cps = Array.from(text);
  const n = cps.length;
  // INVARIANT: a value too short to hide anything is masked whole, so mask never returns its input.
  if (n <= keepFirst + keepLast || n === 0) return char.repeat(n);
  return cps.slice(0, keepFirst).join('') + char.repeat(n - keepFirst - keepLast) + cps.slice(n - keepLast).join('');
}

const DATE = /^(\d{4})(?:[-/.年](\d{1,2})|(\d{2})(?=\d{2}(?:\D|$)))?/;
const RESIDENT_ID_18 = /^(\d{6})(\d{4})(\d{2})(\d{2})\d{3}[\dXx]$/;
const RESIDENT_ID_15 = /^(\d{6})(\d{2})(\d{2})(\d{2})\d{3}$/;
const VIN = /^[A-HJ-NPR-Z0-9]{17}$/i;
const NUMBER = /^-?\d+(\.\d+)?$/;
/** Province abbreviations that open a Chinese licence plate (plus 使/领 for diplomatic plates). */
const PLATE_PROVINCES = new Set(Array.from('京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼使领'));

function residentId(text: string): { region: string; year: string } | undefined {
  const t = text.trim();
  const m18 = RESIDENT_ID_18.exec(t);
  if (m18) return { region: `${(m18[1] as string).slice(0, 2)}0000`, year: m18[2] as string };
  const m15 = RESIDENT_ID_15.exec(t);
  if (m15) return { region: `${(m15[1] as string).slice(0, 2)}0000`, year: `19${m15[2]}` };
  return undefined;
}

function dateParts(text: string): { year: string; month?: string } | undefined {
  const m = DATE.exec(text.trim());
  if (!m) return undefined;
  const mm = m[2] ?? m[3];
  if (mm === undefined) return { year: m[1] as string };
  const month = Number(mm);
  if (month < 1 || month > 12) return { year: m[1] as string };
  return { year: m[1] as string, month: String(month).padStart(2, '0') };
}

/** Generalises one value; `kind` matters only for `decimals` (a JSON number stays a number). */
export function generalizeValue(
  kind: ValueKind,
  text: string,
  to: GeneralizeTo,
  opts: { width?: number | undefined; decimals?: number | undefined } = {},
): OutValue {
  const str = (s: string | undefined): OutValue => (s === undefined ? NULL_OUT : { kind: 'string', text: s });
  switch (to) {
    case 'year': {
      const d = dateParts(text);
      return str(d?.year);
    }
    case 'month': {
      const d = dateParts(text);
      return str(d?.month ? `${d.year}-${d.month}` : undefined);
    }
    case 'age_band': {
      const t = text.trim();
      if (!NUMBER.test(t)) return NULL_OUT;
      const w = opts.width ?? 10;
      const low = Math.floor(Number(t) / w) * w;
      return str(w === 1 ? String(low) : `${low}-${low + w - 1}`);
    }
    case 'decimals': {
      const d = opts.decimals ?? 2;
      const parts = text.split(',').map((p) => p.trim());
      const out: string[] = [];
      for (const p of parts) {
        if (!/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(p)) return NULL_OUT;
        const n = Number(p);
        if (!Number.isFinite(n)) return NULL_OUT;
        out.push(n.toFixed(d));
      }
      if (kind === 'number' && out.length === 1) return { kind: 'number', text: String(Number(out[0])) };
      return str(out.join(','));
    }
    case 'region':
      return str(residentId(text)?.region);
    case 'birth_year': {
      const id = residentId(text);
      if (id) return str(id.year);
      return str(dateParts(text)?.year);
    }
    case 'region_birth_year': {
      const id = residentId(text);
      return str(id ? `${id.region}-${id.year}` : undefined);
    }
    case 'wmi': {
      const t = text.trim();
      return str(VIN.test(t) ? t.slice(0, 3).toUpperCase() : undefined);
    }
    case 'province': {
      const first = Array.from(text.trim())[0];
      return str(first !== undefined && PLATE_PROVINCES.has(first) ? first : undefined);
    }
  }
}

/**
 * Applies a non-`keep`, non-`drop` operator to one present value. `text` is the string's content, a number's or
 * boolean's JSON text, or an object's or array's JSON text. Null stays null.
 */
export function operate(rule: FieldRule, kind: ValueKind, text: string, ctx: OperatorContext): OutValue {
  if (kind === 'null') return NULL_OUT;
  switch (rule.operator) {
    case 'keep':
    case 'drop':
      throw new Error(`operate() called for ${rule.operator}`);
    case 'mask':
      if (kind === 'object' || kind === 'array') return NULL_OUT;
      return { kind: 'string', text: maskText(text, rule.params.keepFirst, rule.params.keepLast, rule.params.char) };
    case 'hash':
      if (text === '') return { kind: 'string', text: '' };
      return { kind: 'string', text: ctx.hash(text) };
    case 'tokenize':
      if (text === '') return { kind: 'string', text: '' };
      return { kind: 'string', text: ctx.tokenize(rule.params?.namespace ?? rule.path, text) };
    case 'generalize':
      if (kind === 'object' || kind === 'array') return NULL_OUT;
      return generalizeValue(kind, text, rule.params.to, rule.params);
  }
}
