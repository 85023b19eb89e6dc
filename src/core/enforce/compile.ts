/**
 * @module core/enforce/compile
 * Compiles a manifest once into the tables the record transforms use (OPA's prepare-once, evaluate-many):
 * a tree of output paths in manifest order, the suppress predicates and the subject key paths.
 * {@link transformObject} is the reference transform over a parsed JSON object; the byte-level fast paths in
 * `adapters/gateway` must agree with it (a differential test checks).
 */
import type { ExportManifest, FieldRule, SuppressRule } from './manifest.js';
import { type OperatorContext, type OutValue, operate, type ValueKind } from './operators.js';

/** One node of the output tree: a named field (leaf) or an object whose children are named fields. */
export interface PathNode {
  key: string;
  /** Set on a leaf: the rule for this exact path. */
  rule?: FieldRule;
  /** Index of the rule in `manifest.fields`. */
  ruleIndex?: number;
  /** Children in manifest order (object nodes). */
  children: PathNode[];
  childByKey: Map<string, PathNode>;
}

export interface CompiledSuppress {
  segments: string[];
  /** `present` false for a missing key. */
  test(present: boolean, kind: ValueKind, text: string): boolean;
}

export interface CompiledManifest {
  manifest: ExportManifest;
  /** Top-level output nodes in manifest order (drops included; writers skip them). */
  roots: PathNode[];
  rootByKey: Map<string, PathNode>;
  /** True when every path has one segment (the byte-level fast path applies). */
  flat: boolean;
  suppress: CompiledSuppress[];
  subjectKeys: string[][];
  subjectClass: 'none' | 'personal' | 'sensitive';
  /** Paths that may leave (any operator but drop), in manifest order. */
  outputPaths: string[];
  /** Paths of fields whose values leave unchanged. */
  keptPaths: string[];
}

function compileSuppress(s: SuppressRule): CompiledSuppress {
  const segments = s.path.split('.');
  const textOf = (v: string | number | boolean | null) => (v === null ? null : String(v));
  if (s.exists !== undefined) {
    const want = s.exists;
    return { segments, test: (present, kind) => (present && kind !== 'null') === want };
  }
  if (s.matches !== undefined) {
    const re = new RegExp(s.matches, 'u');
    return { segments, test: (present, kind, text) => present && kind !== 'null' && re.test(text) };
  }
  const values = (s.in ?? [s.equals as string | number | boolean | null]).map(textOf);
  const wantsNull = values.includes(null);
  const texts = new Set(values.filter((v): v is string => v !== null));
  return {
    segments,
    test: (present, kind, text) => (!present || kind === 'null' ? wantsNull : texts.has(text)),
  };
}

/** Builds the output tree and predicates. The manifest must have passed `parseManifest`. */
export function compileManifest(manifest: ExportManifest): CompiledManifest {
  const roots: PathNode[] = [];
  const rootByKey = new Map<string, PathNode>();
  let flat = true;
  manifest.fields.forEach((rule, ruleIndex) => {
    const segs = rule.path.split('.');
    if (segs.length > 1) flat = false;
    let level = roots;
    let map = rootByKey;
    let node: PathNode | undefined;
    for (const seg of segs) {
      node = map.get(seg);
      if (!node) {
        node = { key: seg, children: [], childByKey: new Map() };
        map.set(seg, node);
        level.push(node);
      }
      level = node.children;
      map = node.childByKey;
    }
    (node as PathNode).rule = rule;
    (node as PathNode).ruleIndex = ruleIndex;
  });
  return {
    manifest,
    roots,
    rootByKey,
    flat,
    suppress: manifest.suppress.map(compileSuppress),
    subjectKeys: manifest.subjectKeys.map((p) => p.split('.')),
    subjectClass: subjectClassOfFields(manifest),
    outputPaths: manifest.fields.filter((f) => f.operator !== 'drop').map((f) => f.path),
    keptPaths: manifest.fields.filter((f) => f.operator === 'keep').map((f) => f.path),
  };
}

/** Same rule as `subjectClassOf` in manifest.ts, without importing the schema (workers stay light). */
function subjectClassOfFields(m: ExportManifest): 'none' | 'personal' | 'sensitive' {
  if (m.subjectClass) return m.subjectClass;
  let cls: 'none' | 'personal' | 'sensitive' = 'none';
  for (const f of m.fields) {
    if (f.operator === 'drop') continue;
    if (f.piClass === 'sensitive') return 'sensitive';
    if (f.piClass === 'personal') cls = 'personal';
  }
  return cls;
}

/** The JSON kind of a parsed value. */
export function kindOf(v: unknown): ValueKind {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    default:
      return 'object';
  }
}

/** The text operators and predicates see: a string's content, anything else as JSON. */
export function textOf(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function lookup(rec: unknown, segments: readonly string[]): { present: boolean; value: unknown } {
  let cur: unknown = rec;
  for (const s of segments) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur) || !Object.hasOwn(cur, s))
      return { present: false, value: undefined };
    cur = (cur as Record<string, unknown>)[s];
  }
  return { present: true, value: cur };
}

/** Why a subject key value names no data subject (a record with one is rejected). */
export type SubjectKeyFault = 'gateway.record_subject_key_missing' | 'gateway.record_subject_key_not_scalar';

/**
 * A subject key text that names no one: empty, or only the whitespace `String.prototype.trim` removes. Such a key
 * would count junk as a data subject. Only the test: the subject is hashed from the untrimmed text.
 */
export function blankText(text: string): boolean {
  return text.trim() === '';
}

/**
 * Why a subject key value of JSON kind `kind` (undefined: absent) names no subject, or undefined when it does.
 * `text` is a string's content (ignored for other kinds). Absent, null and blank strings are missing; an object
 * or array is no value to count. Numbers and booleans count by their JSON text (`123` and `"123"` are one subject).
 */
export function subjectKeyFault(kind: ValueKind | undefined, text: string): SubjectKeyFault | undefined {
  if (kind === undefined || kind === 'null' || (kind === 'string' && blankText(text)))
    return 'gateway.record_subject_key_missing';
  if (kind === 'object' || kind === 'array') return 'gateway.record_subject_key_not_scalar';
  return undefined;
}

/** A subject key that names no subject: its path and why. */
export interface SubjectKeyReject {
  code: SubjectKeyFault;
  path: string;
}

/** The subject key text of a record (several keys joined by U+001F), or the first key, in order, that names no one. */
export function subjectKeyOf(c: CompiledManifest, rec: unknown): string | SubjectKeyReject {
  const parts: string[] = [];
  for (const segs of c.subjectKeys) {
    const { present, value } = lookup(rec, segs);
    const code = subjectKeyFault(present ? kindOf(value) : undefined, typeof value === 'string' ? value : '');
    if (code !== undefined) return { code, path: segs.join('.') };
    parts.push(textOf(value));
  }
  return parts.join('\u001f');
}

export type TransformOutcome =
  | { kind: 'out'; value: Record<string, unknown>; subject: string }
  | { kind: 'suppressed' }
  | ({ kind: 'reject' } & SubjectKeyReject);

function outToJs(v: OutValue): unknown {
  return v.kind === 'null' ? null : v.kind === 'number' ? JSON.parse(v.text) : v.text;
}

function build(
  nodes: PathNode[],
  rec: Record<string, unknown>,
  ctx: OperatorContext,
): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  let any = false;
  for (const n of nodes) {
    if (!Object.hasOwn(rec, n.key)) continue;
    const v = rec[n.key];
    if (n.rule) {
      if (n.rule.operator === 'drop') continue;
      out[n.key] = n.rule.operator === 'keep' ? v : outToJs(operate(n.rule, kindOf(v), textOf(v), ctx));
      any = true;
    } else if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const sub = build(n.children, v as Record<string, unknown>, ctx);
      if (sub !== undefined) {
        out[n.key] = sub;
        any = true;
      }
    }
  }
  return any ? out : undefined;
}

/**
 * The reference transform over one parsed record: suppress, then the subject key check, then the fields in
 * manifest order. Anything not named is left out (deny by default).
 */
export function transformObject(
  c: CompiledManifest,
  rec: Record<string, unknown>,
  ctx: OperatorContext,
): TransformOutcome {
  for (const s of c.suppress) {
    const { present, value } = lookup(rec, s.segments);
    if (s.test(present, present ? kindOf(value) : 'null', present ? textOf(value) : '')) return { kind: 'suppressed' };
  }
  const subject = subjectKeyOf(c, rec);
  if (typeof subject !== 'string') return { kind: 'reject', ...subject };
  return { kind: 'out', value: build(c.roots, rec, ctx) ?? {}, subject };
}
