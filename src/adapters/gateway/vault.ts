/**
 * @module adapters/gateway/vault
 * The tokenization vault: `<dataDir>/vault.db` (SQLite), table `tokens(namespace, value, token)`. A value gets a
 * random token the first time and the same token afterwards, so recipients can join across batches while only
 * the domestic vault can map a token back. Each worker thread opens its own connection (WAL, busy timeout);
 * `INSERT OR IGNORE` + `SELECT` settles races between workers.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { toBase64Url } from '../../core/bytes.js';

export interface Vault {
  tokenize(namespace: string, value: string): string;
  /** The original value of a token (domestic use only). */
  reveal(token: string): { namespace: string; value: string } | undefined;
  close(): void;
}

export function openVault(file: string): Vault {
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 30000');
  db.exec(`CREATE TABLE IF NOT EXISTS tokens (
    namespace TEXT NOT NULL, value TEXT NOT NULL, token TEXT NOT NULL UNIQUE, created TEXT NOT NULL,
    PRIMARY KEY (namespace, value)) STRICT`);
  const get = db.prepare('SELECT token FROM tokens WHERE namespace = ? AND value = ?');
  const put = db.prepare('INSERT OR IGNORE INTO tokens (namespace, value, token, created) VALUES (?, ?, ?, ?)');
  const rev = db.prepare('SELECT namespace, value FROM tokens WHERE token = ?');
  const cache = new Map<string, string>();
  return {
    tokenize(namespace, value) {
      const k = `${namespace}\u0000${value}`;
      const hit = cache.get(k);
      if (hit !== undefined) return hit;
      let row = get.get(namespace, value) as { token: string } | undefined;
      if (!row) {
        put.run(namespace, value, `tk_${toBase64Url(randomBytes(16))}`, new Date().toISOString());
        row = get.get(namespace, value) as { token: string };
      }
      if (cache.size > 1_000_000) cache.clear();
      cache.set(k, row.token);
      return row.token;
    },
    reveal(token) {
      return rev.get(token) as { namespace: string; value: string } | undefined;
    },
    close() {
      db.close();
    },
  };
}
