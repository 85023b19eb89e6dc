import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { Rng } from '../synth/prng.js';
import { V } from '../synth/values.js';
import { isOrgName } from './org.js';

describe('ORG_NAME', () => {
  it('accepts names with legal-form or institutional suffixes', () => {
    for (const v of [
      '上海永达汽车销售服务有限公司',
      '中国银行股份有限公司',
      '上海市第一人民医院',
      'Maersk A/S',
      'Siemens AG',
      'Volkswagen GmbH',
      'Acme Trading Co., Ltd.',
      'Apple Inc.',
      'Xiamen Orient Industrial Co.,Ltd.',
      'COSCO SHIPPING LINES CO.,LTD.',
    ])
      expect(isOrgName(v), v).toBe(true);
  });
  it('rejects bare suffixes, names and things', () => {
    for (const v of ['有限公司', '公司', '张伟', 'Ltd', 'Brake pad', 'GmbH']) expect(isOrgName(v), v).toBe(false);
  });
  test.prop([fc.integer()])('generated organisations are accepted', (seed) => {
    const r = new Rng(seed);
    expect(isOrgName(V.orgZh(r))).toBe(true);
    expect(isOrgName(V.orgEn(r))).toBe(true);
    expect(isOrgName(V.hospital(r))).toBe(true);
  });
});
