/**
 * @module cli/keys
 * `datapass keys`: issuer and exporter signing keys, and the trust store.
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { systemClock } from '../adapters/clock.js';
import { loadPublicKey, writeNewKeyPair } from '../adapters/crypto/key-files.js';
import { addTrustedKey, loadTrustStore, SIGNABLE_KINDS } from '../adapters/lists/trust-store.js';
import { ensureDataDir } from '../adapters/paths.js';
import { isCalendarDate } from '../core/zod-problems.js';
import { action, globalOptions, printJson, usageError } from './run.js';
import { renderTable } from './table.js';

const KEY_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function registerKeysCommands(program: Command): void {
  const keys = program
    .command('keys')
    .description('signing keys and the trust store of issuer keys')
    .addHelpText(
      'after',
      `
Examples:
  datapass keys generate --id acme-trial-1 --issuer acme --trust
  datapass keys trust lingang-admin-2026.pub --kinds GeneralDataList,NegativeList
  datapass keys revoke lingang-admin-2026 --on 2026-12-01
  datapass keys list`,
    );

  keys
    .command('generate')
    .description('generate an Ed25519 key pair: KEY.key (private, mode 0600) and KEY.pub (give this to others)')
    .requiredOption('--id <keyId>', 'key id written into every signature, e.g. `lingang-admin-2026`')
    .requiredOption('--issuer <issuerId>', 'the issuer id this key signs for (must match `issuer.id` in documents)')
    .option('--out <base>', 'path without extension for the two files (default: <data-dir>/keys/<keyId>)')
    .option('--trust', 'also add the public key to this data directory’s trust store')
    .option('--json', 'machine-readable output')
    .addHelpText(
      'after',
      `
Examples:
  datapass keys generate --id acme-trial-1 --issuer acme --trust
  datapass keys generate --id lingang-admin-2026 --issuer lingang-admin --out ./lingang-admin-2026`,
    )
    .action(
      action((opts: { id: string; issuer: string; out?: string; trust?: boolean; json?: boolean }, cmd: Command) => {
        const g = globalOptions(cmd.optsWithGlobals());
        if (!KEY_ID.test(opts.id)) usageError('--id', opts.id, 'letters, digits, `.`, `_`, `-`, at most 64');
        if (!/^[a-z0-9][a-z0-9_-]*$/.test(opts.issuer)) usageError('--issuer', opts.issuer, 'a lower-case issuer id');
        const base = opts.out ?? resolve(ensureDataDir(`${g.dataDir}/keys`), opts.id);
        const files = writeNewKeyPair(base, opts.id, opts.issuer, systemClock().now());
        if (opts.trust) addTrustedKey(g.dataDir, loadPublicKey(files.pubFile));
        if (opts.json) printJson({ keyId: opts.id, issuer: opts.issuer, ...files, trusted: Boolean(opts.trust) });
        else {
          process.stdout.write(`private key: ${files.keyFile} (keep it secret)\npublic key:  ${files.pubFile}\n`);
          if (opts.trust) process.stdout.write(`added \`${opts.id}\` to the trust store in ${g.dataDir}\n`);
        }
        return 0;
      }),
    );

  keys
    .command('trust')
    .description('add an issuer public key (a .pub file) to the trust store')
    .argument('<pubfile>', 'public key file from `datapass keys generate`')
    .option(
      '--kinds <kinds>',
      `comma-separated document kinds the key may sign: ${SIGNABLE_KINDS.join(', ')} (default: any)`,
    )
    .option('--not-after <date>', 'last day the key is accepted (YYYY-MM-DD)')
    .addHelpText(
      'after',
      '\nExample:\n  datapass keys trust lingang-admin-2026.pub --kinds GeneralDataList,NegativeList',
    )
    .action(
      action((file: string, opts: { kinds?: string; notAfter?: string }, cmd: Command) => {
        const g = globalOptions(cmd.optsWithGlobals());
        const key = loadPublicKey(file);
        if (opts.kinds !== undefined) {
          const kinds = opts.kinds.split(',').map((s) => s.trim());
          const bad = kinds.find((k) => !(SIGNABLE_KINDS as readonly string[]).includes(k));
          if (bad !== undefined)
            usageError('--kinds', opts.kinds, `\`${bad}\` is not one of ${SIGNABLE_KINDS.join(', ')}`);
          key.kinds = [...new Set(kinds)];
        }
        if (opts.notAfter !== undefined) {
          if (!isCalendarDate(opts.notAfter)) usageError('--not-after', opts.notAfter, 'expected a date YYYY-MM-DD');
          key.notAfter = opts.notAfter;
        }
        addTrustedKey(g.dataDir, key);
        process.stdout.write(`trusted \`${key.keyId}\` for issuer \`${key.issuer}\`\n`);
        return 0;
      }),
    );

  keys
    .command('revoke')
    .description('mark a key as revoked from a date on: documents it signed are rejected from then')
    .argument('<keyId>', 'key id')
    .option('--on <date>', 'revocation date YYYY-MM-DD (default today)')
    .addHelpText('after', '\nExample:\n  datapass keys revoke lingang-admin-2026 --on 2026-12-01')
    .action(
      action((keyId: string, opts: { on?: string }, cmd: Command) => {
        const g = globalOptions(cmd.optsWithGlobals());
        const key = loadTrustStore(g.dataDir).find((k) => k.keyId === keyId);
        if (!key) usageError('keyId', keyId, 'not in the trust store');
        const on = opts.on ?? systemClock().today();
        if (!isCalendarDate(on)) usageError('--on', on, 'expected a date YYYY-MM-DD');
        addTrustedKey(g.dataDir, { ...key, revoked: on });
        process.stdout.write(`revoked \`${keyId}\` from ${on}\n`);
        return 0;
      }),
    );

  keys
    .command('list')
    .description('show the keys in the trust store')
    .option('--json', 'machine-readable output')
    .addHelpText('after', '\nExample:\n  datapass keys list --json')
    .action(
      action((opts: { json?: boolean }, cmd: Command) => {
        const g = globalOptions(cmd.optsWithGlobals());
        const all = loadTrustStore(g.dataDir);
        if (opts.json) printJson({ keys: all });
        else
          process.stdout.write(
            `${renderTable(
              ['key id', 'issuer', 'kinds', 'valid', 'revoked'],
              all.map((k) => [
                k.keyId,
                k.issuer,
                k.kinds?.join(',') ?? 'any',
                `${k.notBefore ?? '…'} – ${k.notAfter ?? '…'}`,
                k.revoked ?? '',
              ]),
            )}\n`,
          );
        return 0;
      }),
    );
}
