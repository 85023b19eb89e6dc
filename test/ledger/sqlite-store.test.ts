import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteLedgerStore } from '../../src/adapters/ledger/sqlite-store.js';
import { tempDir } from '../helpers/cli.js';
import { ledgerStoreContract } from './contract.js';

ledgerStoreContract('SQLite', async () => {
  const dir = tempDir('datapass-ledger-store-');
  return {
    store: new SqliteLedgerStore(join(dir, 'ledger.db')),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});
