/**
 * `datapass ledger` given bad input: malformed proof files, key files that are directories or missing, and
 * read-only commands in a data directory that holds no ledger (they must not create one).
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openLedger } from '../../src/adapters/ledger/index.js';
import { type CliResult, runCli, tempDir } from '../helpers/cli.js';
import { intent } from './helpers.js';

function expectProblem(r: CliResult, code: number, ...parts: string[]): void {
  expect(r.code).toBe(code);
  expect(r.stderr).toMatch(/^datapass: /);
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(r.stderr).not.toContain('internal error');
  expect(r.stderr).not.toMatch(/Cannot read properties|is not a function|TypeError|RangeError|EISDIR|ENOENT/);
  for (const p of parts) expect(r.stderr).toContain(p);
}

describe('ledger verify-proof: malformed proof files', () => {
  let dir: string;
  let proof: Record<string, unknown>;
  let consistency: Record<string, unknown>;
  beforeAll(async () => {
    dir = tempDir('datapass-ledger-proofs-');
    const l = openLedger(join(dir, 'data'));
    const id = await l.prepare(intent());
    await l.commit(id, new Date('2026-01-10T00:00:00Z'));
    await l.commit(await l.prepare(intent()), new Date('2026-01-11T00:00:00Z'));
    proof = JSON.parse(JSON.stringify(await l.prove(id)));
    consistency = JSON.parse(JSON.stringify(await l.consistency(1, 2)));
    await l.close();
  });

  const write = (name: string, content: unknown): string => {
    const f = join(dir, name);
    writeFileSync(f, typeof content === 'string' ? content : JSON.stringify(content));
    return f;
  };

  it('a good proof still verifies', async () => {
    const r = await runCli(['ledger', 'verify-proof', write('good.json', proof)]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('not JSON', async () => {
    const f = write('text.json', 'this is not a proof');
    expectProblem(await runCli(['ledger', 'verify-proof', f]), 2, f, 'JSON syntax error');
  });

  it('an object of the wrong shape', async () => {
    const f = write('shape.json', { hello: 'world' });
    expectProblem(await runCli(['ledger', 'verify-proof', f]), 2, f, 'expected an inclusion or consistency proof');
    const g = write('no-head.json', { ...proof, head: undefined });
    expectProblem(await runCli(['ledger', 'verify-proof', g]), 2, g, 'head', 'missing required key `head`');
    const h = write('no-new-head.json', { oldSize: 1, newSize: 2, path: [] });
    expectProblem(await runCli(['ledger', 'verify-proof', h]), 2, h, 'missing required key `newHead`');
  });

  it('fields of the wrong type', async () => {
    const cases: Array<[string, unknown, string]> = [
      ['index.json', { ...proof, leafIndex: 'x' }, 'leafIndex: expected number, got string'],
      ['path.json', { ...proof, path: 'abc' }, 'path: expected array, got string'],
      ['alg.json', { ...proof, head: { ...(proof.head as object), alg: 7 } }, 'head.alg'],
      ['leaf.json', { ...proof, leaf: 5 }, 'leaf: expected object, got number'],
      ['hex.json', { ...proof, path: ['zz'] }, 'path[0]: invalid value: expected 64 lowercase hex digits'],
      ['csize.json', { ...consistency, newSize: -1 }, 'newSize'],
      // A key whose value must be one literal: missing is said as missing, a wrong value as a wrong value.
      ['nov.json', { ...proof, leaf: { ...(proof.leaf as object), v: undefined } }, 'leaf.v: missing required key `v`'],
      [
        'badv.json',
        { ...proof, leaf: { ...(proof.leaf as object), v: 2 } },
        'leaf.v: invalid value: expected one of `1`',
      ],
    ];
    for (const [name, content, msg] of cases) {
      const f = write(name, content);
      expectProblem(await runCli(['ledger', 'verify-proof', f]), 2, f, msg);
    }
  });

  it('bad base64 in a signature, a public key, or --public-key', async () => {
    const head = proof.head as Record<string, unknown>;
    const sig = write('sig.json', { ...proof, head: { ...head, signature: '!!not base64!!' } });
    expectProblem(await runCli(['ledger', 'verify-proof', sig]), 2, sig, 'head.signature', 'base64');
    const pub = write('pub.json', { ...proof, head: { ...head, publicKey: 'AAAA' } });
    expectProblem(await runCli(['ledger', 'verify-proof', pub]), 2, pub, 'head.publicKey', 'base64');
    const good = write('good2.json', proof);
    expectProblem(
      await runCli(['ledger', 'verify-proof', good, '--public-key', 'not*base64']),
      2,
      '--public-key',
      'base64',
    );
  });

  it('a malformed --head file names that file', async () => {
    const good = write('good3.json', proof);
    const headFile = write('head.json', { treeSize: 'two' });
    expectProblem(await runCli(['ledger', 'verify-proof', good, '--head', headFile]), 2, headFile, 'treeSize');
  });

  it('a well-formed proof that does not check out is still exit 1', async () => {
    const f = write('forged.json', { ...proof, leafHash: '0'.repeat(64) });
    expectProblem(await runCli(['ledger', 'verify-proof', f]), 1, 'proof does not verify');
  });
});

describe('ledger evidence: key files', () => {
  let dir: string;
  let id: string;
  beforeAll(async () => {
    dir = tempDir('datapass-ledger-keys-');
    const l = openLedger(dir);
    id = await l.prepare(intent());
    await l.commit(id, new Date('2026-01-10T00:00:00Z'));
    await l.close();
  });

  it('a key that is a directory', async () => {
    const keyDir = join(dir, 'keydir');
    mkdirSync(keyDir);
    const r = await runCli(['--data-dir', dir, 'ledger', 'evidence', id, '--key', keyDir]);
    expectProblem(r, 2, keyDir, 'is a directory');
  });

  it('a key file that does not exist', async () => {
    const missing = join(dir, 'no-such.key');
    const r = await runCli(['--data-dir', dir, 'ledger', 'evidence', id, '--key', missing]);
    expectProblem(r, 2, missing, 'does not exist');
  });
});

describe('read-only ledger commands in a data directory without a ledger', () => {
  const commands: string[][] = [
    ['show'],
    ['show', '--json'],
    ['verify'],
    ['prove', 'b-1'],
    ['consistency', '1', '2'],
    ['evidence', 'b-1', '--key', 'k.key'],
  ];

  for (const args of commands)
    it(`ledger ${args.join(' ')}: says so, exit 2, creates nothing`, async () => {
      const parent = tempDir('datapass-ledger-none-');
      const data = join(parent, 'data');
      const empty = join(parent, 'empty');
      mkdirSync(empty);
      for (const d of [data, empty]) {
        const r = await runCli(['--data-dir', d, 'ledger', ...args]);
        expectProblem(r, 2, `no ledger in data directory \`${d}\``);
      }
      expect(existsSync(data)).toBe(false);
      expect(readdirSync(empty)).toEqual([]);
    });

  it('ledger counts: zero counts, creates nothing', async () => {
    const parent = tempDir('datapass-ledger-none-');
    const data = join(parent, 'data');
    const r = await runCli(['--data-dir', data, 'ledger', 'counts', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([]);
    const t = await runCli(['--data-dir', data, 'ledger', 'counts']);
    expect(t.code).toBe(0);
    expect(existsSync(data)).toBe(false);
  });
});
