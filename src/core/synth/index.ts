/**
 * @module core/synth
 * Deterministic synthetic datasets with ground-truth labels (`datapass demo data`, tests, benchmarks).
 */
export {
  DATASET_KINDS,
  type Dataset,
  type DatasetKind,
  datasetHeaders,
  type GenerateOptions,
  generateDataset,
  HEADER_STYLES,
  type HeaderStyle,
} from './datasets.js';
export { Rng, rngFor } from './prng.js';
export { V as syntheticValues } from './values.js';
