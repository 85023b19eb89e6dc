/**
 * The CLI as installed: bin/datapass.js runs the bundle that `npm run build` makes (scripts/bundle.mjs; `npm test`
 * builds first) with its code cache (bin/code-cache.cjs). Every other CLI test runs the sources through tsx, so
 * this is where bundling mistakes show: a module the bundler could not see, a worker it did not emit, a path
 * computed from the module's location, a code cache that is stale or damaged.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers/cli.js';

const BIN = join(ROOT, 'bin/datapass.js');
const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
    timeout: 180_000,
  });

describe('the bundled CLI', () => {
  it('is built, and bin/datapass.js prefers it', () => {
    expect(existsSync(join(ROOT, 'dist/bundle/cli.cjs')), 'run `npm run build`').toBe(true);
    expect(existsSync(join(ROOT, 'dist/bundle/worker.js'))).toBe(true);
    const r = run(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(
      (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version,
    );
  });

  it('runs the whole demo, then the same batch through two workers gives the same bytes, scanned by WebAssembly', () => {
    const data = tempDir();
    const demo = run(['--data-dir', data, 'demo', 'run', '--rows', '2000']);
    expect(demo.status, demo.stderr).toBe(0);
    expect(demo.stdout).toContain('[10/10]');
    const input = join(data, 'demo', 'repair_orders.ndjson');
    const manifest = join(data, 'demo', 'manifest.yaml');
    const outs = ['0', '2'].map((w) => {
      const out = join(data, `w${w}.ndjson`);
      const args = ['--data-dir', data, 'apply', '--manifest', manifest, '--in', input, '--out', out, '--workers', w];
      const r = run(args);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/2000 in, 2000 out, 0 rejected/);
      // The WebAssembly scanner is found from the bundle and from its workers; DATAPASS_WASM=0 turns it off.
      const json = run([...args, '--json']);
      expect(json.status, json.stderr).toBe(0);
      expect(JSON.parse(json.stderr).scanner).toBe('wasm');
      const js = run([...args, '--json'], { DATAPASS_WASM: '0' });
      expect(js.status, js.stderr).toBe(0);
      expect(JSON.parse(js.stderr).scanner).toBe('js');
      return readFileSync(out);
    });
    expect(outs[0]?.length).toBeGreaterThan(0);
    expect(outs[1]?.equals(outs[0] as Buffer)).toBe(true);
  });

  it('scans in TypeScript where a limit on virtual memory leaves no room for WebAssembly memories', () => {
    const data = tempDir();
    expect(run(['--data-dir', data, 'demo', 'run', '--rows', '300']).status).toBe(0);
    const input = join(data, 'demo', 'repair_orders.ndjson');
    const manifest = join(data, 'demo', 'manifest.yaml');
    const outs = ['free', 'limited'].map((how) => {
      const out = join(data, `${how}.ndjson`);
      const cmd = `${how === 'limited' ? 'ulimit -v 8000000; ' : ''}exec "${process.execPath}" "${BIN}" --data-dir "${data}" apply --manifest "${manifest}" --in "${input}" --out "${out}" --workers 2 --json`;
      const r = spawnSync('sh', ['-c', cmd], { cwd: ROOT, encoding: 'utf8', timeout: 180_000 });
      expect(r.status, r.stderr).toBe(0);
      expect(JSON.parse(r.stderr.split('\n').find((l) => l.startsWith('{')) ?? '{}').scanner).toBe(
        how === 'limited' ? 'js' : 'wasm',
      );
      return readFileSync(out);
    });
    expect(outs[1]?.equals(outs[0] as Buffer)).toBe(true);
  });

  it('stops quietly when a reader of help closes the pipe; an export to a closed pipe says so, exits 1, records nothing', async () => {
    const help = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" --help | head -1`], { encoding: 'utf8' });
    expect(help.stdout).toMatch(/^Usage: datapass/);
    expect(help.stderr).toBe('');
    const data = tempDir();
    expect(run(['--data-dir', data, 'demo', 'run', '--rows', '300']).status).toBe(0);
    const size = () =>
      (JSON.parse(run(['--data-dir', data, 'ledger', 'show', '--json']).stdout) as { head: { treeSize: number } }).head
        .treeSize;
    const before = size();
    const lines = readFileSync(join(data, 'demo', 'repair_orders.ndjson'));
    const input = join(data, 'many.ndjson');
    writeFileSync(input, Buffer.concat(Array.from({ length: 200 }, () => lines)));
    const child = spawn(
      process.execPath,
      [BIN, '--data-dir', data, 'apply', '--manifest', join(data, 'demo', 'manifest.yaml'), '--in', input],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout.once('data', () => child.stdout.destroy());
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => {
      stderr += b.toString();
    });
    const code = await new Promise<number | null>((res) => child.on('close', (c) => res(c)));
    expect(code, stderr).toBe(1);
    expect(stderr).toContain('standard output was closed before the batch was complete');
    expect(size()).toBe(before);
  });

  it('makes a code cache on the first run of a command, uses it next, and survives a damaged one', () => {
    const env = { DATAPASS_DEBUG_CACHE: '1' };
    const { sha256 } = JSON.parse(readFileSync(join(ROOT, 'dist/bundle/cli.json'), 'utf8')) as { sha256: string };
    const cache = join(ROOT, 'dist/bundle/cache', `${sha256.slice(0, 16)}.keys.v8cache`);
    // A damaged cache (as a crash mid-write on a filesystem without atomic rename might leave) is rejected by V8.
    writeFileSync(cache, 'not a code cache');
    const data = tempDir();
    const first = run(['--data-dir', data, 'keys', 'list'], env);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stderr).toContain('code cache rejected');
    const second = run(['--data-dir', data, 'keys', 'list'], env);
    expect(second.status, second.stderr).toBe(0);
    expect(second.stderr).toContain('code cache used');
    expect(second.stdout).toBe(first.stdout);
    // Only this build's caches are kept.
    for (const f of readdirSync(join(ROOT, 'dist/bundle/cache'))) expect(f.startsWith(sha256.slice(0, 16))).toBe(true);
  });

  it('loads the dependencies it leaves in node_modules: XLSX (exceljs), GBK text (chardet, iconv-lite)', async () => {
    const dir = tempDir();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('orders');
    ws.addRow(['vin', 'mobile']);
    ws.addRow(['LSVAB12345C678901', '13812345678']);
    await wb.xlsx.writeFile(join(dir, 'a.xlsx'));
    const xlsx = run(['scan', join(dir, 'a.xlsx'), '--json']);
    expect(xlsx.status, xlsx.stderr).toBe(0);
    expect(xlsx.stdout).toContain('CN_MOBILE');
    writeFileSync(join(dir, 'gbk.csv'), iconv.encode('姓名,手机号\n张三,13812345678\n李四,13912345678\n', 'gbk'));
    const gbk = run(['scan', join(dir, 'gbk.csv'), '--json']);
    expect(gbk.status, gbk.stderr).toBe(0);
    expect(gbk.stdout).toContain('手机号');
    expect(gbk.stdout.toLowerCase()).toContain('gb');
  });
});
