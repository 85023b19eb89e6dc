/**
 * @module core/detect/person-data
 * Re-exports of the vocabularies (ethnic groups, diagnosis terms) for the synthetic generator.
 */
export { DIAGNOSIS_TERMS_EN, DIAGNOSIS_TERMS_ZH } from './health.js';
export { ETHNIC_GROUPS } from './person.js';
