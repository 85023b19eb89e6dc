/**
 * Killing `apply` mid-batch leaves no complete-looking output and no ledger entry; the next start cleans up.
 * Also the two crash windows around the ledger: after `prepare` (rolled back) and after the rename (rolled forward).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLedger } from '../../src/adapters/ledger/index.js';
import { ROOT } from '../helpers/cli.js';
import { type Env, NOW, orders, setup } from './cli-helpers.js';

const tempsIn = (dir: string) => readdirSync(dir).filter((f) => f.includes('.datapass-tmp'));

async function waitFor(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 600 && !cond(); i++) await new Promise((r) => setTimeout(r, 50));
}

/**
 * Runs `apply` (`cli`: node's arguments before the CLI's own) from `cwd` with `args`, feeds it a bad record and
 * part of a batch with standard input left open, waits until both the output and the rejects are being written
 * under temporary names, and kills it with SIGKILL.
 */
async function killMidBatch(env: Env, cli: string[], args: string[], cwd: string): Promise<void> {
  const child = spawn(
    process.execPath,
    [...cli, '--data-dir', env.dataDir, 'apply', '--manifest', env.manifest, '--to', 'acme-gmbh', ...args],
    { cwd, env: { ...process.env, DATAPASS_NOW: NOW }, stdio: ['pipe', 'ignore', 'pipe'] },
  );
  child.stdin.on('error', () => {});
  const exited = new Promise<number | null>((r) => child.on('exit', (code, sig) => r(sig ? 128 : code)));
  child.stdin.write('{"broken": \n');
  child.stdin.write(orders(40_000));
  await waitFor(() => tempsIn(env.dir).length > 1);
  expect(tempsIn(env.dir).length).toBe(2);
  child.kill('SIGKILL');
  expect(await exited).toBe(128);
}

describe('crash safety', () => {
  it('SIGKILL mid-batch: no final file, no ledger entry; recovery removes the temp file', async () => {
    const env = setup();
    const out = join(env.dir, 'out.ndjson');
    // The process as users run it would be the same; from source here (tsx), so no build is needed.
    await killMidBatch(env, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts')], ['--out', out], ROOT);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(`${out}.rejected.ndjson`)).toBe(false);
    expect(await env.batches()).toBe(0);
    // The next start recovers: the orphan temp file goes, then the new batch runs.
    const r = await env.cli(
      ['apply', '--manifest', env.manifest, '--to', 'acme-gmbh', '--out', join(env.dir, 'b.ndjson')],
      { input: orders(2) },
    );
    expect(r.code).toBe(0);
    expect(tempsIn(env.dir)).toEqual([]);
    expect(existsSync(out)).toBe(false);
    expect(await env.batches()).toBe(1);
  });

  it('SIGKILL mid-batch with relative --out/--rejects: recovery from another directory removes both temp files', async () => {
    const env = setup();
    // The installed CLI, run from the output's directory with relative names; recovery later runs from ROOT.
    await killMidBatch(
      env,
      [join(ROOT, 'bin/datapass.js')],
      ['--out', 'out.ndjson', '--rejects', 'rej.ndjson'],
      env.dir,
    );
    const r = await env.cli(['apply', '--manifest', env.manifest, '--to', 'acme-gmbh'], { input: orders(2) });
    expect(r.code).toBe(0);
    expect(tempsIn(env.dir)).toEqual([]);
    expect(existsSync(join(env.dir, 'rej.ndjson'))).toBe(false);
    expect(existsSync(join(env.dir, 'out.ndjson'))).toBe(false);
  });

  it('standard output sent, rejects file lost: the batch is still recorded, and the run says so', async () => {
    const env = setup();
    const rdir = join(env.dir, 'rejects-here');
    mkdirSync(rdir);
    const child = spawn(
      process.execPath,
      [
        join(ROOT, 'bin/datapass.js'),
        '--data-dir',
        env.dataDir,
        'apply',
        '--manifest',
        env.manifest,
        '--to',
        'acme-gmbh',
        '--rejects',
        join(rdir, 'rej.ndjson'),
      ],
      { env: { ...process.env, DATAPASS_NOW: NOW }, stdio: ['pipe', 'pipe', 'pipe'] },
    );
    let stdout = 0;
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => {
      for (const c of b) if (c === 0x0a) stdout++;
    });
    child.stderr.on('data', (b: Buffer) => {
      stderr += b.toString();
    });
    const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
    child.stdin.write('{"broken": \n');
    child.stdin.write(orders(40_000));
    await waitFor(() => tempsIn(rdir).length > 0);
    // The directory the rejects file was to be renamed into goes away before the input ends.
    rmSync(rdir, { recursive: true, force: true });
    child.stdin.end(orders(10));
    expect(await exited).toBe(1);
    expect(stderr).toContain('was sent to standard output and recorded, but its rejects file');
    expect(stdout).toBe(40_010);
    expect(await env.batches()).toBe(1);
  });

  it('crash after prepare, before rename: the intent is aborted and the temp file removed', async () => {
    const env = setup();
    const l = openLedger(env.dataDir);
    const tempPath = join(env.dir, '.x.ndjson.1-a.datapass-tmp');
    writeFileSync(tempPath, '{"a":1}\n');
    const sha = createHash('sha256').update('{"a":1}\n').digest('hex');
    await l.prepare(intent(tempPath, join(env.dir, 'x.ndjson'), sha));
    await l.close();
    const r = await env.cli(['apply', '--manifest', env.manifest, '--to', 'acme-gmbh'], { input: orders(1) });
    expect(r.code).toBe(0);
    expect(existsSync(tempPath)).toBe(false);
    expect(existsSync(join(env.dir, 'x.ndjson'))).toBe(false);
    expect(await env.batches()).toBe(1);
  });

  it('another apply still running: its pending intent is left alone', async () => {
    const env = setup();
    const l = openLedger(env.dataDir);
    const tempPath = join(env.dir, '.z.ndjson.live.datapass-tmp');
    writeFileSync(tempPath, '{"a":1}\n');
    const sha = createHash('sha256').update('{"a":1}\n').digest('hex');
    await l.prepare(intent(tempPath, join(env.dir, 'z.ndjson'), sha));
    await l.close();
    // A journal of a live process (this test runner) marks the batch as in flight.
    mkdirSync(join(env.dataDir, 'gateway', 'inflight'), { recursive: true });
    const journal = join(env.dataDir, 'gateway', 'inflight', 'live.json');
    writeFileSync(journal, JSON.stringify({ pid: process.pid, tempPath, finalPath: join(env.dir, 'z.ndjson') }));
    expect((await env.cli(['apply', '--manifest', env.manifest, '--to', 'acme-gmbh'], { input: orders(1) })).code).toBe(
      0,
    );
    expect(existsSync(tempPath)).toBe(true);
    const l2 = openLedger(env.dataDir);
    expect((await l2.pendingIntents()).length).toBe(1);
    await l2.close();
    rmSync(journal);
    expect((await env.cli(['apply', '--manifest', env.manifest, '--to', 'acme-gmbh'], { input: orders(1) })).code).toBe(
      0,
    );
    expect(existsSync(tempPath)).toBe(false);
  });

  it('crash after rename, before commit: recovery rolls the batch forward', async () => {
    const env = setup();
    const l = openLedger(env.dataDir);
    const finalPath = join(env.dir, 'y.ndjson');
    writeFileSync(finalPath, '{"a":1}\n');
    const sha = createHash('sha256').update('{"a":1}\n').digest('hex');
    await l.prepare(intent(join(env.dir, '.y.tmp'), finalPath, sha));
    await l.close();
    const r = await env.cli(['apply', '--manifest', env.manifest, '--to', 'acme-gmbh'], { input: orders(1) });
    expect(r.code).toBe(0);
    expect(await env.batches()).toBe(2);
  });
});

function intent(tempPath: string, finalPath: string, sha256: string) {
  return {
    exporter: 'acme-sh',
    manifest: { id: 'acme.repairs.to_de', version: '1.0.0' },
    lists: [{ id: 'lingang.icv.after_sales', version: '1.1.0' }],
    recipient: 'acme-gmbh',
    country: 'DE',
    gateway: 'test',
    fields: ['a'],
    records: 1,
    sha256,
    bytes: 8,
    output: { kind: 'file' as const, tempPath, finalPath },
    subjects: { sensitive: [], personal: [] },
  };
}
