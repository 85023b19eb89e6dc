/**
 * Shared helpers for the gateway tests: manifests, transforms and CLI data directories.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { CsvTransform } from '../../src/adapters/gateway/csv.js';
import { FastHmac } from '../../src/adapters/gateway/hmac.js';
import { NdjsonTransform } from '../../src/adapters/gateway/ndjson.js';
import { subjectDigester } from '../../src/adapters/gateway/subjects.js';
import { compileManifest } from '../../src/core/enforce/compile.js';
import { type ExportManifest, type FieldRule, parseManifest } from '../../src/core/enforce/manifest.js';
import type { OperatorContext } from '../../src/core/enforce/operators.js';

export function manifestWith(fields: FieldRule[], extra: Partial<ExportManifest> = {}): ExportManifest {
  const r = parseManifest({
    schemaVersion: 1,
    kind: 'ExportManifest',
    id: 'test.manifest',
    version: '1.0.0',
    issuer: { id: 'acme', name: { zh: '测试', en: 'Test' } },
    exporter: 'acme-sh',
    recipients: [{ name: 'acme-gmbh', type: 'headquarters', countries: ['DE'] }],
    list: { id: 'lingang.icv.after_sales', version: '1.1.0' },
    effective: '2026-01-01',
    expires: '2026-12-31',
    subjectKeys: ['sid'],
    fields,
    suppress: [],
    ...extra,
  });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
}

/** No rule, or one of the operators that work on a value's bytes (keep, drop, hash, mask), for `path`. */
export const byteRule = (path: string): fc.Arbitrary<FieldRule | undefined> =>
  fc.oneof(
    fc.constant(undefined),
    fc.constantFrom<FieldRule>(
      { path, operator: 'keep' },
      { path, operator: 'drop' },
      { path, operator: 'hash' },
      { path, operator: 'mask', params: { keepFirst: 1, keepLast: 1 } },
    ),
  );

/** The subject hash key the transforms under test report subjects with. */
export const SUBJECT_KEY = new Uint8Array(32).fill(0x5a);

export function ctxFor(key: Uint8Array): { hmac: FastHmac; ctx: OperatorContext } {
  const hmac = new FastHmac(key);
  return { hmac, ctx: { hash: (t) => hmac.hex(t), tokenize: (ns, t) => `tok:${ns}:${t.length}` } };
}

export function ndjson(
  m: ExportManifest,
  key: Uint8Array,
  opts: { forceSlow?: boolean; output?: 'ndjson' | 'csv'; scanner?: 'wasm' | 'js'; wasmMaxBytes?: number } = {},
) {
  const { hmac, ctx } = ctxFor(key);
  return new NdjsonTransform({
    scanner: opts.scanner ?? 'wasm',
    ...(opts.wasmMaxBytes ? { wasmMaxBytes: opts.wasmMaxBytes } : {}),
    compiled: compileManifest(m),
    hmac,
    subjects: subjectDigester(SUBJECT_KEY),
    ctx,
    maxLineBytes: 1 << 20,
    output: opts.output ?? 'ndjson',
    forceSlow: opts.forceSlow === true,
  });
}

export function csv(
  m: ExportManifest,
  key: Uint8Array,
  header: string[],
  opts: { scanner?: 'wasm' | 'js'; wasmMaxBytes?: number } = {},
) {
  const { hmac, ctx } = ctxFor(key);
  return new CsvTransform({
    scanner: opts.scanner ?? 'wasm',
    ...(opts.wasmMaxBytes ? { wasmMaxBytes: opts.wasmMaxBytes } : {}),
    compiled: compileManifest(m),
    header,
    delimiter: 44,
    hmac,
    subjects: subjectDigester(SUBJECT_KEY),
    ctx,
    maxLineBytes: 1 << 20,
    output: 'csv',
  });
}

export function run(
  t: { process(b: Buffer, s: number, e: number): { out: Uint8Array } & object },
  text: string | Buffer,
) {
  const b = typeof text === 'string' ? Buffer.from(text) : text;
  const r = t.process(b, 0, b.length) as ReturnType<NdjsonTransform['process']>;
  return { ...r, text: Buffer.from(r.out).toString('utf8') };
}

/**
 * NDJSON text from records, each serialised, damaged by its edits (`[at, put, replace]`: insert `put` at
 * `at` modulo the line's length, replacing one character when `replace`) and followed by its separator.
 */
export function damagedLines(
  lines: readonly [unknown, readonly (readonly [number, string, boolean])[], string][],
): string {
  let text = '';
  for (const [r, edits, sep] of lines) {
    let l = JSON.stringify(r);
    for (const [at, put, replace] of edits) {
      const k = at % (l.length + 1);
      l = l.slice(0, k) + put + l.slice(k + (replace ? 1 : 0));
    }
    text += l + sep;
  }
  return text;
}

export const KEY_A = new Uint8Array(32).fill(1);
export const KEY_B = new Uint8Array(32).fill(2);

/** Writes a manifest YAML into `dir` and returns its path. */
export function writeManifest(dir: string, m: ExportManifest | Record<string, unknown>, name = 'm.yaml'): string {
  const file = join(dir, name);
  writeFileSync(file, stringify(m));
  return file;
}
