/**
 * @module cli/commands
 * Every top-level command, in the order `--help` lists them. One line per command module.
 */
import type { Command } from 'commander';
import { registerAssessCommands } from './assess.js';
import { registerDemoCommands } from './demo.js';
import { registerEvaluateCommands } from './evaluate.js';
import { registerScanCommands } from './scan.js';
import { registerKeysCommands } from './keys.js';
import { registerLedgerCommands } from './ledger.js';
import { registerApplyCommands } from './apply.js';
import { registerManifestCommands } from './manifest.js';
import { registerListsCommands } from './lists/index.js';

export const COMMANDS: Array<(program: Command) => void> = [
  registerListsCommands,
  registerScanCommands,
  registerEvaluateCommands,
  registerDemoCommands,
  registerKeysCommands,
  registerLedgerCommands,
  registerManifestCommands,
  registerApplyCommands,
  registerAssessCommands,
];
