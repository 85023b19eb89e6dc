/** Issue 2: `keys trust --not-after 2025-02-30`, `keys revoke --on 2025-02-30` and `--kinds Bogus` were accepted. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { expectCleanFailure } from './common.js';

describe('issue 2: keys dates and kinds are checked', () => {
  it('rejects impossible dates and unknown kinds, leaving the trust store as it was', async () => {
    const data = tempDir();
    expect(
      (await runCli(['--data-dir', data, 'keys', 'generate', '--id', 'k1', '--issuer', 'acme', '--trust'])).code,
    ).toBe(0);
    const before = readFileSync(join(data, 'trust.json'), 'utf8');
    const pub = join(data, 'keys', 'k1.pub');
    const cases: [string[], string][] = [
      [['keys', 'trust', pub, '--not-after', '2025-02-30'], '--not-after'],
      [['keys', 'revoke', 'k1', '--on', '2025-02-30'], '--on'],
      [['keys', 'trust', pub, '--kinds', 'Bogus'], '--kinds'],
    ];
    for (const [args, name] of cases) {
      const r = await runCli(['--data-dir', data, ...args]);
      expectCleanFailure(r, 2);
      expect(r.stderr).toContain(name);
    }
    expect(readFileSync(join(data, 'trust.json'), 'utf8')).toBe(before);
    const ok = await runCli(['--data-dir', data, 'keys', 'trust', pub, '--kinds', 'GeneralDataList,NegativeList']);
    expect(ok.code).toBe(0);
  });
});
