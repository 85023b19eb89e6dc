import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { Rng } from '../synth/prng.js';
import { V } from '../synth/values.js';
import { isChineseAddress, isEnglishAddress, isPostalAddress } from './address.js';

describe('POSTAL_ADDRESS', () => {
  it('accepts Chinese and English street addresses', () => {
    for (const v of [
      '上海市浦东新区世纪大道100号',
      '广东省深圳市南山区科技园南路88号3栋1201室',
      '北京市朝阳区建国路甲1号',
      '浙江省杭州市西湖区文三路',
      '12 Nanjing Road',
      'Room 501, 88 Century Avenue',
      '1600 Amphitheatre Pkwy',
    ])
      expect(isPostalAddress(v), v).toBe(true);
  });
  it('rejects prose, places without a street part and short strings', () => {
    for (const v of [
      '上海市',
      '上海市浦东新区',
      '客户反映上海市区路况差，刹车异响。',
      '发动机故障灯亮',
      'Oil change',
      '12 apples',
    ])
      expect(isPostalAddress(v), v).toBe(false);
    expect(isChineseAddress('黄浦区')).toBe(false);
    expect(isEnglishAddress('Road')).toBe(false);
  });
  test.prop([fc.integer()])('generated addresses are accepted', (seed) => {
    expect(isChineseAddress(V.address(new Rng(seed)))).toBe(true);
  });
});
