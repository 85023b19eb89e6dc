/**
 * @module adapters/ledger
 * Public entry of the export ledger: `openLedger(dataDir)` (SQLite + Ed25519 + HMAC keys under `dataDir`),
 * the third-party verifier (no database needed), and the fast subject hasher.
 */
export type {
  DeliveryCheck,
  EvidenceCheck,
  Ledger,
  OpenLedgerOptions,
  RecoveryReport,
  ShownBatch,
} from './api.js';
export { openLedger, defaultDeliveryCheck } from './ledger.js';
export { createSubjectHasher } from './subject-hasher.js';
export { SqliteLedgerStore } from './sqlite-store.js';
export { verifyInclusionProof, verifyConsistencyProof, verifySignedTreeHead } from './verifier.js';
export type * from '../../core/ledger/types.js';
