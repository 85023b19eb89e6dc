/**
 * @module adapters/ledger
 * Public entry of the export ledger: `openLedger(dataDir)` (SQLite + Ed25519 + HMAC keys under `dataDir`),
 * the third-party verifier (no database needed), and the fast subject hasher.
 */

export type * from '../../core/ledger/types.js';
export type {
  DeliveryCheck,
  EvidenceCheck,
  Ledger,
  OpenLedgerOptions,
  RecoveryReport,
  ShownBatch,
} from './api.js';
export { defaultDeliveryCheck, ledgerExists, ledgerFile, openLedger } from './ledger.js';
export { SqliteLedgerStore } from './sqlite-store.js';
export { createSubjectHasher, type SubjectHasher } from './subject-hasher.js';
export { verifyConsistencyProof, verifyInclusionProof, verifySignedTreeHead } from './verifier.js';
