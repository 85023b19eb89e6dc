/**
 * Repo-shape tests: the pure core imports no I/O, nothing imports the CLI, messages exist in both
 * languages, and docs/errors.md lists exactly the problem codes that exist.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../src/core/messages/en.js';
import { zh } from '../src/core/messages/zh.js';
import { PROBLEM_CODES } from '../src/core/problems.js';
import { ROOT } from './helpers/cli.js';

function files(dir: string, test = false): string[] {
  const out: string[] = [];
  for (const n of readdirSync(dir)) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) out.push(...files(p, test));
    else if (n.endsWith('.ts') && n.endsWith('.test.ts') === test) out.push(p);
  }
  return out;
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function importsOf(file: string): string[] {
  const src = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of src.matchAll(IMPORT)) out.push((m[1] ?? m[2]) as string);
  return out;
}

/** Pure libraries the core may use. */
const CORE_ALLOWED_PACKAGES = new Set(['zod', 'canonicalize']);
const FORBIDDEN_GLOBALS = [
  /\bprocess\./,
  /\bDate\.now\(/,
  /\bMath\.random\(/,
  /\brequire\(/,
  /\bfetch\(/,
  /new Date\(\)/,
];

describe('architecture', () => {
  const coreFiles = files(join(ROOT, 'src/core'));

  it('core imports only core and pure libraries', () => {
    const bad: string[] = [];
    for (const f of coreFiles)
      for (const spec of importsOf(f)) {
        if (spec.startsWith('.')) {
          const target = join(f, '..', spec);
          if (!relative(join(ROOT, 'src/core'), target).startsWith('..')) continue;
        } else if (CORE_ALLOWED_PACKAGES.has(spec)) continue;
        bad.push(`${relative(ROOT, f)} imports ${spec}`);
      }
    expect(bad).toEqual([]);
  });

  it('core reads no clock, randomness or environment', () => {
    const bad: string[] = [];
    for (const f of coreFiles) {
      const src = readFileSync(f, 'utf8')
        .replace(/\/\/.*$/gm, '')
        .replace(/\/\*[\s\S]*?\*\//g, '');
      for (const re of FORBIDDEN_GLOBALS) if (re.test(src)) bad.push(`${relative(ROOT, f)} uses ${re.source}`);
    }
    expect(bad).toEqual([]);
  });

  it('nothing outside the CLI imports the CLI', () => {
    const bad: string[] = [];
    for (const f of [...files(join(ROOT, 'src/core')), ...files(join(ROOT, 'src/adapters'))])
      for (const spec of importsOf(f)) if (/\/cli\//.test(spec)) bad.push(`${relative(ROOT, f)} imports ${spec}`);
    expect(bad).toEqual([]);
  });
});

describe('problem catalogue', () => {
  const codes = Object.keys(PROBLEM_CODES).sort();

  it('every code has an English and a Chinese message, and nothing else', () => {
    expect(Object.keys(en).sort()).toEqual(codes);
    expect(Object.keys(zh).sort()).toEqual(codes);
  });

  it('the placeholders of both languages agree', () => {
    const names = (t: string) => [...t.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const c of codes) expect(names(zh[c as keyof typeof zh]), c).toEqual(names(en[c as keyof typeof en]));
  });

  it('docs/errors.md lists exactly the codes that exist', () => {
    const doc = readFileSync(join(ROOT, 'docs/errors.md'), 'utf8');
    const documented = [...doc.matchAll(/^\|\s*`([a-z_]+\.[a-z0-9_.]+)`\s*\|/gm)].map((m) => m[1] as string).sort();
    expect(documented).toEqual(codes);
  });
});
