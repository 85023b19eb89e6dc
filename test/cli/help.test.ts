/**
 * `--help` teaches: every command has a description, and every command that does something shows an
 * example. The top-level help is a golden file.
 */
import type { Command } from 'commander';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';
import { runCli } from '../helpers/cli.js';

function walk(cmd: Command, path: string[] = []): Array<{ path: string[]; cmd: Command }> {
  const out: Array<{ path: string[]; cmd: Command }> = [];
  for (const sub of cmd.commands) {
    const p = [...path, sub.name()];
    out.push({ path: p, cmd: sub }, ...walk(sub, p));
  }
  return out;
}

describe('help', () => {
  let all: Array<{ path: string[]; cmd: Command }> = [];
  beforeAll(async () => {
    all = walk(await buildProgram());
  });

  it('every command has a description', () => {
    expect(all.filter((c) => !c.cmd.description()).map((c) => c.path.join(' '))).toEqual([]);
  });

  it('every leaf command shows an example in its help', () => {
    const missing: string[] = [];
    for (const { path, cmd } of all) {
      if (cmd.commands.length > 0) continue;
      let text = '';
      cmd.configureOutput({ writeOut: (s) => (text += s), writeErr: (s) => (text += s) });
      cmd.outputHelp();
      if (!/example/i.test(text)) missing.push(path.join(' '));
    }
    expect(missing).toEqual([]);
  });

  it('--help exits 0 and lists the commands (golden)', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    await expect(r.stdout).toMatchFileSnapshot('../golden/cli/help.txt');
  });
});
