import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { Rng } from '../synth/prng.js';
import { V } from '../synth/values.js';
import { isDiagnosisTerm, isGeneticSequence, isHealthDiagnosis, isIcd10 } from './health.js';

describe('HEALTH_DIAGNOSIS', () => {
  it('accepts ICD-10 codes, vocabulary terms and code + term', () => {
    for (const v of [
      'I10',
      'E11.9',
      'C34.90',
      'j45.909',
      '高血压',
      '2型糖尿病',
      'Headache',
      'type 2 diabetes mellitus',
      'E11.9 type 2 diabetes mellitus',
      '高血压 (I10)',
    ])
      expect(isHealthDiagnosis(v), v).toBe(true);
  });
  it('rejects DTC fault codes, U codes and look-alikes', () => {
    for (const v of ['P0420', 'U0100', 'U07.1', 'I1', 'E11.', 'E11.12345', 'AB1', '发动机故障', 'engine failure'])
      expect(isHealthDiagnosis(v), v).toBe(false);
    expect(isIcd10('B1234')).toBe(false);
  });
  test.prop([fc.integer()])('generated codes and terms are accepted; DTCs are not', (seed) => {
    const r = new Rng(seed);
    expect(isIcd10(V.icd10(r))).toBe(true);
    expect(isDiagnosisTerm(V.aeTerm(r, r.chance(0.5)))).toBe(true);
    expect(isHealthDiagnosis(V.dtc(r))).toBe(false);
  });
});

describe('GENETIC_SEQUENCE', () => {
  it('accepts runs of ≥ 20 nucleotides', () => {
    expect(isGeneticSequence('ACGTACGTTAGCCGATAGCTAGGCT')).toBe(true);
    expect(isGeneticSequence('acguacguuagccgauagcuaggcu')).toBe(true);
    expect(isGeneticSequence('ACGTACGTACGTACG')).toBe(false);
    expect(isGeneticSequence('AAAAAAAAAAAAAAAAAAAAAAAA')).toBe(false);
    expect(isGeneticSequence('ACGTACGTTAGCCGATAGCTAGXCT')).toBe(false);
  });
  test.prop([fc.integer()])('generated sequences are accepted', (seed) => {
    expect(isGeneticSequence(V.dna(new Rng(seed)))).toBe(true);
  });
});
