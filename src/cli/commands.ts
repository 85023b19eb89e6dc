/**
 * @module cli/commands
 * Every top-level command, in the order `--help` lists them (the order of the work: lists, scan,
 * assess, manifest, apply, ledger). Modules load lazily: a run of `datapass apply` loads only what
 * `apply` needs, which keeps start-up short for the gateway.
 */
import type { Command } from 'commander';

export type Register = (program: Command) => void;

/** Top-level command name → the registrations that define it (in order). */
export const COMMAND_LOADERS: ReadonlyArray<[string, () => Promise<Register[]>]> = [
  ['lists', async () => [(await import('./lists/index.js')).registerListsCommands]],
  ['keys', async () => [(await import('./keys.js')).registerKeysCommands]],
  ['scan', async () => [(await import('./scan.js')).registerScanCommands]],
  ['evaluate', async () => [(await import('./evaluate.js')).registerEvaluateCommands]],
  ['assess', async () => [(await import('./assess.js')).registerAssessCommands]],
  ['manifest', async () => [(await import('./manifest.js')).registerManifestCommands]],
  ['apply', async () => [(await import('./apply.js')).registerApplyCommands]],
  ['ledger', async () => [(await import('./ledger.js')).registerLedgerCommands]],
  [
    'demo',
    async () => [
      (await import('./demo.js')).registerDemoCommands,
      (await import('./demo-run.js')).registerDemoRunCommand,
    ],
  ],
];

/** The registrations for `only` (a top-level command name), or for every command. */
export async function loadCommands(only?: string): Promise<Register[]> {
  const chosen = COMMAND_LOADERS.filter(([name]) => only === undefined || name === only);
  const out: Register[] = [];
  for (const [, load] of chosen.length > 0 ? chosen : COMMAND_LOADERS) out.push(...(await load()));
  return out;
}
