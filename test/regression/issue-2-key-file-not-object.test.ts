/** Issue 2: a key file holding JSON `null` crashed `lists sign --key` and `keys trust` (exit 3). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';
import { expectCleanFailure } from './common.js';

describe('issue 2: key file that is not a JSON object', () => {
  it('is keys.invalid_key_file naming the file', async () => {
    const data = tempDir();
    const key = join(data, 'null.key');
    writeFileSync(key, 'null\n');
    const list = join(ROOT, 'lists/vehicles/lingang.icv.after_sales@1.1.0.yaml');
    for (const args of [
      ['lists', 'sign', list, '--key', key, '--out', join(data, 'out.yaml')],
      ['keys', 'trust', key],
    ]) {
      const r = await runCli(['--data-dir', data, ...args]);
      expectCleanFailure(r, 2);
      expect(r.stderr).toContain(`${key}: not a DataPass key file`);
    }
  });
});
