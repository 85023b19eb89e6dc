/**
 * `datapass assess` end to end: golden files per pathway (English, Chinese, JSON), field decisions from a
 * saved scan report against a shipped list, bad input (exit 2, the key named), determinism.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';

const FIX = join(ROOT, 'test/fixtures/assess');
const PROFILES = join(FIX, 'profiles');
const DATE = '2026-03-01';
const T = 60_000;

function run(args: string[], dataDir = tempDir('datapass-assess-')) {
  return runCli(['--data-dir', dataDir, 'assess', ...args], { env: { DATAPASS_NOW: '2026-03-01T02:00:00Z' } });
}

function writeProfile(obj: unknown): string {
  const f = join(tempDir('datapass-profile-'), 'profile.json');
  writeFileSync(f, JSON.stringify(obj, null, 2));
  return f;
}

const GOOD = {
  exporter: { name: 'Acme', ciio: false },
  recipient: { name: 'Acme GmbH', country: 'DE' },
  data: { personalSubjectsYtd: 10, sensitiveSubjectsYtd: 0 },
};

describe('datapass assess: golden files per pathway', () => {
  const names = readdirSync(PROFILES)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.replace(/\.json$/, ''))
    .sort();
  for (const name of names) {
    it(
      name,
      async () => {
        const profile = join(PROFILES, `${name}.json`);
        const en = await run([profile, '--date', DATE]);
        const zh = await run([profile, '--date', DATE, '--lang', 'zh']);
        const json = await run([profile, '--date', DATE, '--json']);
        const want = name === 'prohibited' ? 1 : 0;
        expect([en.code, zh.code, json.code], en.stderr + zh.stderr + json.stderr).toEqual([want, want, want]);
        await expect(en.stdout).toMatchFileSnapshot(`../golden/assess/${name}.en.txt`);
        await expect(zh.stdout).toMatchFileSnapshot(`../golden/assess/${name}.zh.txt`);
        await expect(json.stdout).toMatchFileSnapshot(`../golden/assess/${name}.json`);
        const parsed = JSON.parse(json.stdout) as { pathway: string };
        if (name !== 'ftz_off_list') expect(parsed.pathway).toBe(name === 'exempt' ? 'exempt' : name);
      },
      T,
    );
  }
});

describe('datapass assess: field decisions', () => {
  it(
    'decides every column of a saved scan report against a shipped list and the zone negative list',
    async () => {
      const args = [
        '--list',
        'lingang.biomed.pharmacovigilance',
        '--scan',
        join(FIX, 'pv-scan.json'),
        '--profile',
        join(FIX, 'pv-profile.json'),
        '--date',
        '2025-06-01',
      ];
      const en = await run(args);
      const json = await run([...args, '--json']);
      expect(en.code, en.stderr).toBe(0);
      await expect(en.stdout).toMatchFileSnapshot('../golden/assess/fields-pharmacovigilance.en.txt');
      await expect(json.stdout).toMatchFileSnapshot('../golden/assess/fields-pharmacovigilance.json');
      const d = JSON.parse(json.stdout) as { pathway: string; fields: { column: string; decision: string }[] };
      const by = Object.fromEntries(d.fields.map((f) => [f.column, f.decision]));
      expect(by['病例编号']).toBe('allowed');
      expect(by['患者年龄']).toBe('conditional');
      expect(by['病例汇总数']).toBe('conditional');
    },
    T,
  );

  it(
    'a list version not in force on the transfer date is bad input naming --list',
    async () => {
      const r = await run([
        '--list',
        'lingang.icv.after_sales@1.0.0',
        '--scan',
        join(FIX, 'pv-scan.json'),
        '--profile',
        join(FIX, 'pv-profile.json'),
        '--date',
        '2026-03-01',
      ]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('--list');
      expect(r.stderr).toMatch(/not in force on 2026-03-01/);
    },
    T,
  );
});

describe('datapass assess: bad input', () => {
  const cases: Array<[string, unknown, RegExp]> = [
    ['unknown key', { ...GOOD, extra: 1 }, /unknown key `extra`/],
    ['unknown key in data', { ...GOOD, data: { ...GOOD.data, rows: 3 } }, /data\.rows: unknown key `rows`/],
    [
      'negative count',
      { ...GOOD, data: { ...GOOD.data, personalSubjectsYtd: -1 } },
      /data\.personalSubjectsYtd: too small/,
    ],
    [
      'sensitive count larger than it can be',
      { ...GOOD, data: { ...GOOD.data, sensitiveSubjectsYtd: 9_000_000_001 } },
      /data\.sensitiveSubjectsYtd: `sensitiveSubjectsYtd` is 9000000001, more than it can be/,
    ],
    [
      'zone that is not an FTZ',
      { ...GOOD, exporter: { ...GOOD.exporter, zone: 'lingnag' } },
      /exporter\.zone: `lingnag` is not a free-trade zone.*did you mean `lingang`/,
    ],
    ['missing counts', { ...GOOD, data: {} }, /data\.personalSubjectsYtd: missing `data\.personalSubjectsYtd`/],
  ];
  for (const [name, profile, re] of cases) {
    it(
      name,
      async () => {
        const r = await run([writeProfile(profile), '--date', DATE]);
        expect(r.code).toBe(2);
        expect(r.stdout).toBe('');
        expect(r.stderr).toMatch(re);
      },
      T,
    );
  }

  it(
    'a bad --date is a usage error',
    async () => {
      const r = await run([writeProfile(GOOD), '--date', '2026-02-30']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('--date');
    },
    T,
  );

  it(
    'no profile and no dataset is a usage error',
    async () => {
      const r = await run(['--date', DATE]);
      expect(r.code).toBe(2);
    },
    T,
  );
});

describe('datapass assess: determinism', () => {
  it(
    'same input, same output, byte for byte',
    async () => {
      const profile = join(PROFILES, 'contract_or_certification.json');
      const a = await run([profile, '--date', DATE, '--json']);
      const b = await run([profile, '--date', DATE, '--json']);
      const c = await run([profile, '--date', DATE]);
      const d = await run([profile, '--date', DATE]);
      expect(a.stdout).toBe(b.stdout);
      expect(c.stdout).toBe(d.stdout);
      expect(a.stdout.length).toBeGreaterThan(0);
    },
    T,
  );
});
