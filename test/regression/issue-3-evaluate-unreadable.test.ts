/**
 * Issue 3: `evaluate` read files without the document checks: an empty report was
 * `JSON syntax error: Unexpected end of JSON input`, a directory `cannot read file: EISDIR`, binary a syntax error.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { expectCleanFailure } from './common.js';

describe('issue 3: evaluate with unreadable reports', () => {
  it('empty, binary, a directory, truncated', async () => {
    const dir = tempDir();
    const labels = join(dir, 'x.labels.json');
    writeFileSync(labels, '{"dataset":"x","columns":[]}');
    const empty = join(dir, 'empty.json');
    writeFileSync(empty, '');
    const bin = join(dir, 'bin.json');
    writeFileSync(bin, Buffer.from([0, 1, 2, 3]));
    const sub = join(dir, 'sub');
    mkdirSync(sub);
    const trunc = join(dir, 'trunc.json');
    writeFileSync(trunc, '{"columns": [');
    const cases: [string, string][] = [
      [empty, 'file is empty'],
      [bin, 'looks binary'],
      [sub, 'is a directory'],
      [trunc, 'JSON syntax error'],
    ];
    for (const [file, msg] of cases) {
      const r = await runCli(['evaluate', file, '--labels', labels]);
      expectCleanFailure(r, 2);
      expect(r.stderr).toContain(file);
      expect(r.stderr).toContain(msg);
    }
  });
});
