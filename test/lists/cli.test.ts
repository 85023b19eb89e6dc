import { copyFileSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';

const FIX = join(ROOT, 'test/fixtures/lists');

function shippedFiles(dir = join(ROOT, 'lists')): string[] {
  const out: string[] = [];
  for (const n of readdirSync(dir).sort()) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) out.push(...shippedFiles(p));
    else if (n.endsWith('.yaml')) out.push(p);
  }
  return out;
}

describe('datapass lists (shipped catalogue)', () => {
  it('shows every shipped list, each verified against the shipped trust store', async () => {
    const data = tempDir();
    const r = await runCli(['--data-dir', data, 'lists', '--json', '--at', '2025-06-01']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      lists: Array<{ id: string; version: string; status: string; fields: number }>;
    };
    const files = shippedFiles();
    expect(out.lists.length).toBe(files.length);
    expect(out.lists.filter((l) => l.status === 'untrusted')).toEqual([]);
    expect(new Set(out.lists.map((l) => l.id))).toContain('lingang.icv.after_sales');
    expect(out.lists.every((l) => l.fields > 0)).toBe(true);
  });

  it('reading the catalogue creates nothing in a fresh data directory', async () => {
    const data = join(tempDir(), 'fresh');
    for (const args of [
      ['lists'],
      ['lists', 'show', 'lingang.icv.after_sales'],
      ['lists', 'diff', 'lingang.icv.after_sales@1.0.0', 'lingang.icv.after_sales@1.1.0'],
    ]) {
      const r = await runCli(['--data-dir', data, ...args]);
      expect(r.code, r.stderr).toBeLessThan(2);
      expect(existsSync(data), args.join(' ')).toBe(false);
    }
  });

  it('picks the version in force on a date', async () => {
    const data = tempDir();
    const early = await runCli([
      '--data-dir',
      data,
      'lists',
      'show',
      'lingang.icv.after_sales',
      '--at',
      '2024-06-01',
      '--json',
    ]);
    const late = await runCli([
      '--data-dir',
      data,
      'lists',
      'show',
      'lingang.icv.after_sales',
      '--at',
      '2025-06-01',
      '--json',
    ]);
    expect(early.code).toBe(0);
    expect(JSON.parse(early.stdout).document.version).toBe('1.0.0');
    expect(JSON.parse(late.stdout).document.version).toBe('1.1.0');
  });

  it('diffs two versions (golden)', async () => {
    const data = tempDir();
    const r = await runCli([
      '--data-dir',
      data,
      'lists',
      'diff',
      'lingang.icv.after_sales@1.0.0',
      'lingang.icv.after_sales@1.1.0',
    ]);
    expect(r.code).toBe(0);
    await expect(r.stdout).toMatchFileSnapshot('../golden/lists/diff-after-sales.txt');
    const j = await runCli([
      '--data-dir',
      data,
      'lists',
      'diff',
      'lingang.icv.after_sales@1.0.0',
      'lingang.icv.after_sales@1.1.0',
      '--json',
    ]);
    const d = JSON.parse(j.stdout);
    expect(d.changes.length).toBeGreaterThan(0);
    await expect(`${JSON.stringify(d, null, 2)}\n`).toMatchFileSnapshot('../golden/lists/diff-after-sales.json');
  });

  it('names an unknown list and an unknown version (exit 2)', async () => {
    const data = tempDir();
    const r = await runCli(['--data-dir', data, 'lists', 'show', 'no.such.list']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no list with id `no.such.list`');
    const v = await runCli(['--data-dir', data, 'lists', 'show', 'lingang.icv.after_sales@9.9.9']);
    expect(v.code).toBe(2);
    expect(v.stderr).toContain('has no version `9.9.9`');
  });

  it('verifies every shipped file on a date inside its window', async () => {
    const data = tempDir();
    for (const f of shippedFiles()) {
      const doc = readFileSync(f, 'utf8');
      const eff = /^effective: (\S+)/m.exec(doc)?.[1] as string;
      const r = await runCli(['--data-dir', data, 'lists', 'verify', f, '--at', eff]);
      expect(r.code, `${f}: ${r.stderr}`).toBe(0);
    }
  });
});

describe('sign, verify, import', () => {
  let data: string;
  let key: string;
  beforeAll(async () => {
    data = tempDir();
    const r = await runCli([
      '--data-dir',
      data,
      'keys',
      'generate',
      '--id',
      'test-key-1',
      '--issuer',
      'test-issuer',
      '--trust',
      '--json',
    ]);
    expect(r.code).toBe(0);
    key = JSON.parse(r.stdout).keyFile;
    expect((statSync(key).mode & 0o777).toString(8)).toBe('600');
  });

  const env = { DATAPASS_NOW: '2025-01-01T00:00:00Z' };

  it('signs a file in place, keeping its comments, and verifies it', async () => {
    const f = join(tempDir(), 'list.yaml');
    copyFileSync(join(FIX, 'minimal.yaml'), f);
    const s = await runCli(['--data-dir', data, 'lists', 'sign', f, '--key', key], { env });
    expect(s.code, s.stderr).toBe(0);
    const text = readFileSync(f, 'utf8');
    expect(text).toContain('# A small, valid general data list used by tests.');
    expect(text).toMatch(/signature:\n\s+alg: Ed25519\n\s+keyId: test-key-1/);
    const v = await runCli(['--data-dir', data, 'lists', 'verify', f, '--json'], { env });
    expect(v.code).toBe(0);
    expect(JSON.parse(v.stdout)).toMatchObject({ trusted: true, keyId: 'test-key-1' });
  });

  it('rejects a signed file changed afterwards (exit 1) and does not import it', async () => {
    const f = join(tempDir(), 'list.yaml');
    copyFileSync(join(FIX, 'minimal.yaml'), f);
    await runCli(['--data-dir', data, 'lists', 'sign', f, '--key', key], { env });
    writeFileSync(f, readFileSync(f, 'utf8').replace('piClass: none', 'piClass: personal'));
    const v = await runCli(['--data-dir', data, 'lists', 'verify', f], { env });
    expect(v.code).toBe(1);
    expect(v.stderr).toContain('signature does not match the content');
    const i = await runCli(['--data-dir', data, 'lists', 'import', f], { env });
    expect(i.code).toBe(1);
    const l = await runCli(['--data-dir', data, 'lists', '--json'], { env });
    expect(JSON.parse(l.stdout).lists.map((x: { id: string }) => x.id)).not.toContain('test.after_sales');
  });

  it('rejects an unsigned file (exit 1)', async () => {
    const v = await runCli(['--data-dir', data, 'lists', 'verify', join(FIX, 'minimal.yaml')], { env });
    expect(v.code).toBe(1);
    expect(v.stderr).toContain('document is not signed');
  });

  it('rejects an expired list', async () => {
    const f = join(tempDir(), 'list.yaml');
    copyFileSync(join(FIX, 'minimal.yaml'), f);
    await runCli(['--data-dir', data, 'lists', 'sign', f, '--key', key], { env });
    const v = await runCli(['--data-dir', data, 'lists', 'verify', f, '--at', '2031-01-01'], { env });
    expect(v.code).toBe(1);
    expect(v.stderr).toContain('document expired on 2030-12-31');
  });

  it('imports a verified list, which then resolves; re-import is a no-op', async () => {
    const f = join(tempDir(), 'list.yaml');
    copyFileSync(join(FIX, 'minimal.yaml'), f);
    await runCli(['--data-dir', data, 'lists', 'sign', f, '--key', key], { env });
    const i = await runCli(['--data-dir', data, 'lists', 'import', f], { env });
    expect(i.code, i.stderr).toBe(0);
    expect(i.stdout).toContain('imported test.after_sales@1.0.0');
    const again = await runCli(['--data-dir', data, 'lists', 'import', f], { env });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('already in the catalogue');
    const s = await runCli(['--data-dir', data, 'lists', 'show', 'test.after_sales', '--json'], { env });
    expect(JSON.parse(s.stdout).document.categories[0].fields[0].id).toBe('vehicle.vin');
  });

  it('refuses to sign with a key of another issuer', async () => {
    const d2 = tempDir();
    const g = await runCli([
      '--data-dir',
      d2,
      'keys',
      'generate',
      '--id',
      'other',
      '--issuer',
      'someone-else',
      '--json',
    ]);
    const f = join(tempDir(), 'list.yaml');
    copyFileSync(join(FIX, 'minimal.yaml'), f);
    const s = await runCli(['--data-dir', d2, 'lists', 'sign', f, '--key', JSON.parse(g.stdout).keyFile]);
    expect(s.code).toBe(1);
    expect(s.stderr).toContain('belongs to issuer `someone-else`');
    expect(readFileSync(f, 'utf8')).not.toContain('signature:');
  });
});

describe('bad input gets a located error, exit 2, and changes nothing', () => {
  it('malformed YAML names file, line and column', async () => {
    const r = await runCli(['lists', 'verify', join(FIX, 'bad-syntax.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad-syntax\.yaml:\d+:\d+: YAML syntax error/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
  it('schema violations name each path and line', async () => {
    const r = await runCli(['lists', 'verify', join(FIX, 'bad-schema.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown key `colour`');
    expect(r.stderr).toMatch(/bad-schema\.yaml:13:\d+: illustrative: expected boolean, got string/);
    expect(r.stderr).toMatch(
      /bad-schema\.yaml:23:\d+: categories\[0\]\.fields\[0\]\.piClass: invalid value: expected one of `none`, `personal`, `sensitive`/,
    );
  });
  it('semantic violations name each path and line', async () => {
    const r = await runCli(['lists', 'verify', join(FIX, 'bad-semantic.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad-semantic\.yaml:12:\d+: effective: invalid date `2024-02-30`/);
    expect(r.stderr).toContain('did you mean `VIN`?');
    expect(r.stderr).toContain('categories[0].fields[0].infoTypes[0]: unknown infoType `VIN_NUMBER`');
    expect(r.stderr).toContain('duplicate field id `f.one`');
  });
  it('an oversized file is refused before parsing', async () => {
    const f = join(tempDir(), 'huge.yaml');
    writeFileSync(f, `# ${'x'.repeat(9 * 1024 * 1024)}\n`);
    const r = await runCli(['lists', 'import', f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/larger than the limit/);
  });
  it('a missing file and a binary file', async () => {
    expect((await runCli(['lists', 'verify', '/no/such/file.yaml'])).stderr).toContain('file not found');
    const f = join(tempDir(), 'bin.yaml');
    writeFileSync(f, Buffer.from([0x6b, 0x00, 0x01, 0x02]));
    const r = await runCli(['lists', 'verify', f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('looks binary');
  });
  it('unknown commands and options are usage errors (exit 2)', async () => {
    expect((await runCli(['lists', 'frobnicate'])).code).toBe(2);
    expect((await runCli(['lists', '--nope'])).code).toBe(2);
    expect((await runCli(['lists', 'show', 'x', '--at', '2024-13-01'])).code).toBe(2);
  });
});

describe('JSON Schema export', () => {
  it('the committed schemas are the ones the code generates', async () => {
    for (const kind of ['GeneralDataList', 'NegativeList']) {
      const r = await runCli(['lists', 'schema', kind]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(readFileSync(join(ROOT, `schemas/${kind}.v1.json`), 'utf8'));
    }
    expect((await runCli(['lists', 'schema', 'Manifest'])).code).toBe(2);
  });
});

describe('data directory', () => {
  it('DATAPASS_HOME sets it when --data-dir is not given', async () => {
    const home = tempDir();
    const r = await runCli(['keys', 'generate', '--id', 'k-env', '--issuer', 'env-issuer', '--trust', '--json'], {
      env: { DATAPASS_HOME: home },
    });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(home, 'trust.json'), 'utf8')).keys[0].keyId).toBe('k-env');
  });
});

describe('key revocation', () => {
  it('a revoked key no longer verifies documents it signed', async () => {
    const data = tempDir();
    const env = { DATAPASS_NOW: '2025-01-01T00:00:00Z' };
    const g = await runCli(
      ['--data-dir', data, 'keys', 'generate', '--id', 'rk', '--issuer', 'test-issuer', '--trust', '--json'],
      { env },
    );
    const f = join(tempDir(), 'list.yaml');
    copyFileSync(join(FIX, 'minimal.yaml'), f);
    await runCli(['--data-dir', data, 'lists', 'sign', f, '--key', JSON.parse(g.stdout).keyFile], { env });
    expect((await runCli(['--data-dir', data, 'lists', 'verify', f], { env })).code).toBe(0);
    const rv = await runCli(['--data-dir', data, 'keys', 'revoke', 'rk', '--on', '2024-12-01'], { env });
    expect(rv.code).toBe(0);
    const v = await runCli(['--data-dir', data, 'lists', 'verify', f], { env });
    expect(v.code).toBe(1);
    expect(v.stderr).toContain('was revoked on 2024-12-01');
  });
});
