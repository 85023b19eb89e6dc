/**
 * `--help` in Chinese: every text the help shows has a Chinese wording in the catalogue (so an option added
 * without one fails here), the catalogue holds nothing else, and `--lang zh` shows it while the English help
 * stays as it was.
 */

import type { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { beforeAll, describe, expect, it } from 'vitest';
import { HELP_ZH, HELP_ZH_ENTRIES, useChineseHelp } from '../../src/cli/help-zh.js';
import { buildProgram } from '../../src/cli/program.js';
import { displayWidth } from '../../src/cli/table.js';
import { runCli } from '../helpers/cli.js';

const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;
const GOLDEN = new URL('../golden/cli/help.txt', import.meta.url);

/** A command and every command under it, each with its path. */
function walk(cmd: Command, path: string[] = []): Array<{ path: string; cmd: Command }> {
  return [
    { path: path.join(' ') || '(root)', cmd },
    ...cmd.commands.flatMap((sub) => walk(sub, [...path, sub.name()])),
  ];
}

/**
 * Every English text the help of `cmd` shows: its description, the descriptions of the subcommands, options
 * (the built-in help and version ones too) and arguments it lists, and the texts added with `addHelpText`.
 */
function helpTexts(cmd: Command): string[] {
  const help = cmd.createHelp();
  const texts = [
    cmd.description(),
    ...help.visibleCommands(cmd).map((sub) => sub.summary() || sub.description()),
    ...help.visibleOptions(cmd).map((o) => o.description ?? ''),
    ...help.visibleArguments(cmd).map((a) => a.description ?? ''),
  ];
  const emitter = cmd as unknown as EventEmitter;
  for (const event of ['beforeAllHelp', 'beforeHelp', 'afterHelp', 'afterAllHelp'])
    for (const listener of emitter.listeners(event))
      listener({ error: false, command: cmd, write: (s: string) => texts.push(s.replace(/\n$/, '')) });
  return texts.filter((t) => t !== '');
}

/** The command lines of a help text's examples, without the comments some carry after them. */
function exampleLines(text: string): string[] {
  return text
    .split('\n')
    .filter((l) => /^\s+(datapass|cat|--)/.test(l))
    .map((l) => (l.trim().split(/\s{2,}/)[0] as string).replace(/\s+#.*$/, ''));
}

describe('help in Chinese: the catalogue', () => {
  let all: Array<{ path: string; text: string }> = [];
  beforeAll(async () => {
    all = walk(await buildProgram()).flatMap(({ path, cmd }) => helpTexts(cmd).map((text) => ({ path, text })));
  });

  it('names each English text once', () => {
    expect(new Set(HELP_ZH_ENTRIES.map(([en]) => en)).size).toBe(HELP_ZH_ENTRIES.length);
  });

  it('has a Chinese wording for every help text of every command, option and argument', () => {
    const missing = all.filter(({ text }) => !HELP_ZH.has(text)).map(({ path, text }) => `${path}: ${text}`);
    expect(missing).toEqual([]);
  });

  it('has no entry that no help shows', () => {
    const shown = new Set(all.map(({ text }) => text));
    expect(HELP_ZH_ENTRIES.map(([en]) => en).filter((en) => !shown.has(en))).toEqual([]);
  });

  it('words every entry in Chinese and keeps the example command lines as they are', () => {
    expect(HELP_ZH_ENTRIES.filter(([, zh]) => !CJK.test(zh)).map(([en]) => en)).toEqual([]);
    for (const [en, zh] of HELP_ZH_ENTRIES) expect(exampleLines(zh)).toEqual(exampleLines(en));
  });

  it('wraps Chinese descriptions at the help width, two columns a character', async () => {
    const program = await buildProgram('apply');
    useChineseHelp(program);
    const apply = program.commands.find((c) => c.name() === 'apply') as Command;
    let text = '';
    apply.configureOutput({ writeOut: (s) => (text += s), getOutHelpWidth: () => 80 });
    apply.outputHelp();
    const [options] = text.split('\n示例：');
    expect((options ?? '').split('\n').filter((l) => displayWidth(l) > 80)).toEqual([]);
    expect(text).toContain('\n  --workers <n>             工作线程数（0 = 仅主线程；');
  });
});

describe('help in Chinese: the CLI', () => {
  let program: Command;
  beforeAll(async () => {
    program = await buildProgram();
  });
  const flagsOf = (path: string[]): string[] => {
    let cmd = program;
    for (const name of path) cmd = cmd.commands.find((c) => c.name() === name) as Command;
    return [...cmd.options.map((o) => o.flags), '-h, --help'];
  };

  it('--lang zh --help: Chinese headings and descriptions, every flag and command', async () => {
    const r = await runCli(['--lang', 'zh', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('用法：datapass [options] [command]\n')).toBe(true);
    for (const heading of ['\n选项：\n', '\n命令：\n', '\n一次出境的流程：\n']) expect(r.stdout).toContain(heading);
    expect(r.stdout).toContain('  lists                            一般数据清单和负面清单：');
    expect(r.stdout).toContain('人类可读输出的语言：en 或 zh（默认："en"）');
    for (const flags of flagsOf([])) expect(r.stdout).toContain(`  ${flags}  `);
    for (const cmd of program.commands) expect(r.stdout).toContain(`\n  ${cmd.name()}`);
    expect(r.stdout).not.toMatch(/Usage:|Options:|Commands:|display help/);
  });

  it('--lang zh apply --help: Chinese headings, descriptions and examples, every flag', async () => {
    const r = await runCli(['--lang', 'zh', 'apply', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('用法：datapass apply [options]\n')).toBe(true);
    expect(r.stdout).toContain('\n选项：\n');
    expect(r.stdout).toContain('按已批准的出境清单发送数据集');
    for (const flags of flagsOf(['apply'])) expect(r.stdout).toContain(`  ${flags}  `);
    expect(r.stdout).toContain(
      '\n示例：\n  datapass apply --manifest acme-to-de.yaml --in orders.ndjson --out export/orders.ndjson\n',
    );
    expect(r.stdout).not.toMatch(/Usage:|Options:|Examples:|display help/);
  });

  it('<command> <sub> --help --lang=zh: arguments too', async () => {
    const r = await runCli(['lists', 'show', '--help', '--lang=zh']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('用法：datapass lists show [options] <ref>\n')).toBe(true);
    expect(r.stdout).toContain('\n参数：\n  ref          ID（现行有效的版本）或 ID@VERSION\n');
  });

  it('--lang en --help is the English golden help; apply --help has no Chinese', async () => {
    const root = await runCli(['--lang', 'en', '--help']);
    expect(root.code).toBe(0);
    expect(root.stdout).toBe(readFileSync(GOLDEN, 'utf8'));
    const apply = await runCli(['--lang', 'en', 'apply', '--help']);
    expect(apply.stdout.startsWith('Usage: datapass apply [options]\n')).toBe(true);
    expect(apply.stdout).toContain('\nExamples:\n');
    expect(apply.stdout).not.toMatch(CJK);
  });
});
