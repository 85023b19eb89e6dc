/**
 * Fail closed: unsigned where required, bad signature, expired, revoked (key or manifest), wrong recipient or
 * country, unwritable ledger → exit 1, no output file, nothing on stdout, no ledger entry.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baseManifest, type Env, orders, setup } from './cli-helpers.js';

async function refused(env: Env, args: string[], exit = 1) {
  const out = join(env.dir, 'out.ndjson');
  const r = await env.cli(['apply', '--manifest', env.manifest, '--out', out, ...args], { input: orders(5) });
  expect(r.stderr).toContain('datapass:');
  expect(r.code).toBe(exit);
  expect(r.stderr).not.toMatch(/internal error/);
  expect(existsSync(out)).toBe(false);
  expect(readdirSync(env.dir).filter((f) => f.includes('datapass-tmp'))).toEqual([]);
  const s = await env.cli(['apply', '--manifest', env.manifest, ...args], { input: orders(5) });
  expect(s.code).toBe(exit);
  expect(s.stdout).toBe('');
  return { r };
}

async function signedEnv(extra: Record<string, unknown> = {}): Promise<Env & { pub: string }> {
  const env = setup(baseManifest({ requireSignature: true, ...extra }));
  const base = join(env.dir, 'acme-key');
  expect((await env.cli(['keys', 'generate', '--id', 'acme-trial-1', '--issuer', 'acme', '--out', base])).code).toBe(0);
  expect((await env.cli(['manifest', 'sign', env.manifest, '--key', `${base}.key`])).code).toBe(0);
  return { ...env, pub: `${base}.pub` };
}

describe('apply fails closed', () => {
  it('unsigned where a signature is required (manifest flag, CLI flag, regulator issuer)', async () => {
    await refused(setup(baseManifest({ requireSignature: true })), ['--to', 'acme-gmbh']);
    await refused(setup(), ['--to', 'acme-gmbh', '--require-signature']);
    const reg = setup(baseManifest({ issuer: { id: 'lingang-admin', name: { zh: '管委会', en: 'Admin' } } }));
    const { r } = await refused(reg, ['--to', 'acme-gmbh']);
    expect(r.stderr).toContain('not signed');
  });

  it('a signed manifest passes only with a trusted key, and not once altered', async () => {
    const env = await signedEnv();
    const { r } = await refused(env, ['--to', 'acme-gmbh']);
    expect(r.stderr).toContain('not in the trust store');
    const ok = await env.cli(['apply', '--manifest', env.manifest, '--to', 'acme-gmbh', '--trust-key', env.pub], {
      input: orders(2),
    });
    expect(ok.code).toBe(0);
    writeFileSync(env.manifest, readFileSync(env.manifest, 'utf8').replace('operator: drop', 'operator: keep'));
    const { r: t } = await refused(env, ['--to', 'acme-gmbh', '--trust-key', env.pub]);
    expect(t.stderr).toContain('signature does not match');
  });

  it('expired or not yet effective', async () => {
    const { r } = await refused(setup(baseManifest({ effective: '2025-01-01', expires: '2025-12-31' })), [
      '--to',
      'acme-gmbh',
    ]);
    expect(r.stderr).toContain('expired on 2025-12-31');
    const { r: n } = await refused(setup(baseManifest({ effective: '2026-07-01' })), ['--to', 'acme-gmbh']);
    expect(n.stderr).toContain('takes effect on 2026-07-01');
  });

  it('revoked key or revoked manifest', async () => {
    const env = await signedEnv();
    expect((await env.cli(['keys', 'trust', env.pub])).code).toBe(0);
    expect((await env.cli(['keys', 'revoke', 'acme-trial-1', '--on', '2026-05-01'])).code).toBe(0);
    const { r } = await refused(env, ['--to', 'acme-gmbh']);
    expect(r.stderr).toContain('revoked on 2026-05-01');
    const m = setup();
    mkdirSync(m.dataDir, { recursive: true });
    writeFileSync(
      join(m.dataDir, 'revoked-manifests.json'),
      JSON.stringify({ manifests: [{ id: 'acme.repairs.to_de', revoked: '2026-05-20' }] }),
    );
    const { r: rm } = await refused(m, ['--to', 'acme-gmbh']);
    expect(rm.stderr).toContain('manifest `acme.repairs.to_de@1.0.0` was revoked on 2026-05-20');
    // A date-time counts by its date in Shanghai (21:00 UTC on the 19th is the 20th there).
    writeFileSync(
      join(m.dataDir, 'revoked-manifests.json'),
      JSON.stringify({ manifests: [{ id: 'acme.repairs.to_de', revoked: '2026-05-19T21:00:00Z' }] }),
    );
    expect((await refused(m, ['--to', 'acme-gmbh'])).r.stderr).toContain('was revoked on 2026-05-20');
  });

  it('a revocation list with an entry it cannot read: nothing is sent (a date compared as text would pass)', async () => {
    const m = setup();
    mkdirSync(m.dataDir, { recursive: true });
    // "2026-9-1" sorts after "2026-06-01" as text: read as a date in the future, the revocation would not apply.
    for (const revoked of ['2026-9-1', '2026/09/01', '20260901', 20260901, 'garbage', null, undefined, '2026-02-30']) {
      writeFileSync(
        join(m.dataDir, 'revoked-manifests.json'),
        JSON.stringify({ manifests: [{ id: 'acme.repairs.to_de', ...(revoked === undefined ? {} : { revoked }) }] }),
      );
      const { r } = await refused(m, ['--to', 'acme-gmbh'], 2);
      expect(r.stderr, String(revoked)).toContain('manifests[0]: `revoked` must be a date YYYY-MM-DD');
    }
  });

  it('recipient or country not in the manifest', async () => {
    const env = setup();
    const { r } = await refused(env, ['--to', 'evil-corp']);
    expect(r.stderr).toContain('recipient `evil-corp` is not in the manifest');
    const { r: c } = await refused(env, ['--to', 'acme-gmbh', '--country', 'US']);
    expect(c.stderr).toContain('country `US` is not allowed for recipient `acme-gmbh`');
    // Lower case is the same code, still refused when not listed; anything else is not a code at all.
    const { r: lower } = await refused(env, ['--to', 'acme-gmbh', '--country', 'us']);
    expect(lower.stderr).toContain('country `US` is not allowed for recipient `acme-gmbh`');
    const { r: odd } = await refused(env, ['--to', 'acme-gmbh', '--country', 'de ']);
    expect(odd.stderr).toContain('country `de ` is not allowed for recipient `acme-gmbh`');
    const { r: need } = await refused(env, ['--to', 'acme-sarl'], 2);
    expect(need.stderr).toContain('choose one with --country');
    const { r: several } = await refused(env, [], 2);
    expect(several.stderr).toContain('choose one with --to');
  });

  it('--rejects or --out naming a directory: a usage error before any byte leaves', async () => {
    const env = setup();
    const dir = join(env.dir, 'adir');
    mkdirSync(dir);
    const args = ['apply', '--manifest', env.manifest, '--to', 'acme-gmbh'];
    const rej = await env.cli([...args, '--rejects', dir], { input: `{"broken": \n${orders(5)}` });
    expect(rej.code).toBe(2);
    expect(rej.stdout).toBe('');
    expect(rej.stderr).toContain('is a directory');
    const out = await env.cli([...args, '--out', dir], { input: orders(5) });
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('is a directory');
    expect(await env.batches()).toBe(0);
  });

  it('a country code in lower case is the same code', async () => {
    const env = setup();
    const out = join(env.dir, 'out.ndjson');
    const args = ['apply', '--manifest', env.manifest, '--to', 'acme-gmbh', '--country', 'de', '--out', out];
    const r = await env.cli([...args, '--json'], { input: orders(5) });
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(out)).toBe(true);
    expect(JSON.parse(r.stderr).country).toBe('DE');
  });

  it('a ledger that cannot be written: nothing is sent', async () => {
    const env = setup();
    writeFileSync(join(env.dir, 'not-a-dir'), 'x');
    const out = join(env.dir, 'out.ndjson');
    const args = ['apply', '--manifest', env.manifest, '--to', 'acme-gmbh'];
    const { runCli } = await import('../helpers/cli.js');
    const r = await runCli(['--data-dir', join(env.dir, 'not-a-dir'), ...args, '--out', out], {
      input: orders(3),
      env: { DATAPASS_NOW: '2026-06-01T04:00:00Z' },
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('export ledger cannot be written');
    expect(existsSync(out)).toBe(false);
    const s = await runCli(['--data-dir', join(env.dir, 'not-a-dir'), ...args], {
      input: orders(3),
      env: { DATAPASS_NOW: '2026-06-01T04:00:00Z' },
    });
    expect(s.code).toBe(1);
    expect(s.stdout).toBe('');
  });
});
