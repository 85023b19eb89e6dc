/**
 * Issue 4: a scan report given as the transfer profile (or a profile as `--scan`, or a list) gave a pile
 * of `unknown key`/`missing required key` lines instead of saying what the file is.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';
import { expectCleanFailure } from './common.js';

const PROFILE = join(ROOT, 'test/fixtures/assess/profiles/exempt.json');
const SCAN = join(ROOT, 'test/fixtures/assess/pv-scan.json');

describe('issue 4: a document of the wrong kind', () => {
  it('a scan report as the profile', async () => {
    const r = await runCli(['--data-dir', tempDir(), 'assess', SCAN]);
    expectCleanFailure(r, 2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`${SCAN}: expected a transfer profile, got a scan report`);
  });

  it('a profile as --scan', async () => {
    const r = await runCli(['--data-dir', tempDir(), 'assess', '--list', 'lingang.icv.after_sales', '--scan', PROFILE]);
    expectCleanFailure(r, 2);
    expect(r.stderr).toContain(`${PROFILE}: expected a scan report`);
    expect(r.stderr).toContain('got a transfer profile');
  });

  it('a list document as the profile', async () => {
    const r = await runCli([
      '--data-dir',
      tempDir(),
      'assess',
      join(ROOT, 'lists/vehicles/lingang.icv.after_sales@1.1.0.yaml'),
    ]);
    expectCleanFailure(r, 2);
    expect(r.stderr).toContain('got a GeneralDataList document');
  });

  it('a ledger proof that is JSON null', async () => {
    const f = join(tempDir(), 'null.json');
    writeFileSync(f, 'null');
    const r = await runCli(['ledger', 'verify-proof', f]);
    expectCleanFailure(r, 2);
    expect(r.stderr).toContain(`${f}: expected an inclusion or consistency proof`);
  });
});

describe('input.wrong_document in Chinese', () => {
  it('names the document kinds in Chinese', async () => {
    const r = await runCli(['--data-dir', tempDir(), '--lang', 'zh', 'assess', SCAN]);
    expectCleanFailure(r, 2);
    expect(r.stderr).toContain(`${SCAN}: 应为传输画像，实际为扫描报告（\`datapass scan --json\` 的输出）`);
    const list = await runCli([
      '--data-dir',
      tempDir(),
      '--lang',
      'zh',
      'assess',
      join(ROOT, 'lists/vehicles/lingang.icv.after_sales@1.1.0.yaml'),
    ]);
    expectCleanFailure(list, 2);
    expect(list.stderr).toContain('实际为一般数据清单（GeneralDataList）文档');
    const f = join(tempDir(), 'null.json');
    writeFileSync(f, 'null');
    const p = await runCli(['--lang', 'zh', 'ledger', 'verify-proof', f]);
    expectCleanFailure(p, 2);
    expect(p.stderr).toContain(`${f}: 应为包含证明或一致性证明，实际为空值 \`null\``);
    expect(p.stderr).not.toMatch(/expected|got|proof/);
  });
});
