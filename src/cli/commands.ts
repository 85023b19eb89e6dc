/**
 * @module cli/commands
 * Every top-level command, in the order `--help` lists them (the order of the work: lists, scan,
 * assess, manifest, apply, ledger). One line per command module.
 */
import type { Command } from 'commander';
import { registerApplyCommands } from './apply.js';
import { registerAssessCommands } from './assess.js';
import { registerDemoCommands } from './demo.js';
import { registerDemoRunCommand } from './demo-run.js';
import { registerEvaluateCommands } from './evaluate.js';
import { registerKeysCommands } from './keys.js';
import { registerLedgerCommands } from './ledger.js';
import { registerListsCommands } from './lists/index.js';
import { registerManifestCommands } from './manifest.js';
import { registerScanCommands } from './scan.js';

export const COMMANDS: Array<(program: Command) => void> = [
  registerListsCommands,
  registerKeysCommands,
  registerScanCommands,
  registerEvaluateCommands,
  registerAssessCommands,
  registerManifestCommands,
  registerApplyCommands,
  registerLedgerCommands,
  registerDemoCommands,
  registerDemoRunCommand,
];
