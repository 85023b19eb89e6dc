/**
 * @module adapters/sqlite/db
 * The embedded default database: `<dataDir>/datapass.db`, SQLite in WAL mode.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DataPassError, problem } from '../../core/problems.js';
import { ensureDataDir } from '../paths.js';

export type Db = Database.Database;

const MIGRATIONS: string[] = [
  `CREATE TABLE IF NOT EXISTS lists (
     id TEXT NOT NULL,
     version TEXT NOT NULL,
     kind TEXT NOT NULL,
     doc TEXT NOT NULL,
     sha256 TEXT NOT NULL,
     imported_at TEXT NOT NULL,
     PRIMARY KEY (id, version)
   ) STRICT`,
];

/** Opens (and migrates) the main database. */
export function openDatabase(dataDir: string): Db {
  const dir = ensureDataDir(dataDir);
  const file = join(dir, 'datapass.db');
  let db: Db | undefined;
  try {
    db = new Database(file);
    return migrate(db);
  } catch (err) {
    db?.close();
    // Not a database, corrupt, a directory in the way, no permission: the user's file, not a bug.
    throw new DataPassError(
      problem('input.database_error', { reason: (err as Error).message }, [], { location: { file } }),
      { cause: err },
    );
  }
}

function migrate(db: Db): Db {
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (n INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
  const done = new Set((db.prepare('SELECT n FROM schema_migrations').all() as { n: number }[]).map((r) => r.n));
  MIGRATIONS.forEach((sql, i) => {
    if (done.has(i)) return;
    db.transaction(() => {
      db.exec(sql);
      db.prepare('INSERT INTO schema_migrations (n, applied_at) VALUES (?, ?)').run(i, new Date().toISOString());
    })();
  });
  return db;
}
