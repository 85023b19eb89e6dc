/**
 * `datapass manifest init | sign | check`: golden drafts and dry runs; the draft is a valid manifest that `apply`
 * accepts once signed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseManifest } from '../../src/core/enforce/manifest.js';
import { ROOT } from '../helpers/cli.js';
import { setup } from './cli-helpers.js';

const ORDERS = join(ROOT, 'test/fixtures/gateway/orders.csv');
const OLD = join(ROOT, 'test/fixtures/gateway/acme-to-de.yaml');

describe('datapass manifest', () => {
  it('init drafts a manifest with a reason per field (golden)', async () => {
    const env = setup();
    const args = [
      'manifest',
      'init',
      '--list',
      'lingang.icv.after_sales',
      '--dataset',
      ORDERS,
      '--recipient',
      'acme-gmbh',
    ];
    const r = await env.cli([
      ...args,
      '--country',
      'DE',
      '--exporter',
      'acme-sh',
      '--issuer',
      'acme',
      '--id',
      'acme.repairs.to_de',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    await expect(r.stdout.replaceAll(ROOT, '<root>')).toMatchFileSnapshot('../golden/gateway/manifest-init.yaml');
    const parsed = parseManifest(parse(r.stdout));
    expect(parsed.ok).toBe(true);
  });

  it('check shows each column and blocks on a manifest the list in force no longer allows (golden)', async () => {
    const env = setup();
    const r = await env.cli(['manifest', 'check', OLD, '--dataset', ORDERS]);
    expect(r.code).toBe(1);
    await expect(r.stdout.replaceAll(ROOT, '<root>')).toMatchFileSnapshot('../golden/gateway/manifest-check.txt');
  });

  it('draft → sign → check ok → apply with the signature required', async () => {
    const env = setup();
    const file = join(env.dir, 'draft.yaml');
    const init = await env.cli([
      'manifest',
      'init',
      '--list',
      'lingang.icv.after_sales',
      '--dataset',
      ORDERS,
      '--recipient',
      'acme-gmbh',
      '--country',
      'DE',
      '--issuer',
      'acme',
      '--out',
      file,
    ]);
    expect(init.code).toBe(0);
    const key = join(env.dir, 'k');
    expect((await env.cli(['keys', 'generate', '--id', 'acme-1', '--issuer', 'acme', '--out', key])).code).toBe(0);
    expect((await env.cli(['keys', 'trust', `${key}.pub`])).code).toBe(0);
    const signed = await env.cli(['manifest', 'sign', file, '--key', `${key}.key`]);
    expect(signed.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('# vin: conditional');
    const check = await env.cli(['manifest', 'check', file, '--dataset', ORDERS]);
    expect(check.stdout).toContain('manifest check: ok');
    expect(check.code).toBe(0);
    const apply = await env.cli(['apply', '--manifest', file, '--in', ORDERS, '--require-signature']);
    expect(apply.code).toBe(0);
    expect(apply.stdout).not.toContain('LSV');
  });

  it('sign refuses a key of another issuer', async () => {
    const env = setup();
    const key = join(env.dir, 'k');
    await env.cli(['keys', 'generate', '--id', 'other-1', '--issuer', 'other', '--out', key]);
    const r = await env.cli(['manifest', 'sign', env.manifest, '--key', `${key}.key`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('belongs to issuer `other`');
  });
});
