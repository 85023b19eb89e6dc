import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { Rng } from '../synth/prng.js';
import { V } from '../synth/values.js';
import {
  hasPinyinSurname,
  isChineseName,
  isEthnicity,
  isEthnicityFull,
  isGender,
  isGenderWord,
  isLatinName,
  isPersonName,
} from './person.js';

describe('PERSON_NAME', () => {
  it('accepts Chinese names, compound surnames, minority names with a middle dot, and Latin names', () => {
    for (const v of [
      '张伟',
      '王秀英',
      '欧阳娜娜',
      '司马懿',
      '阿依古丽·买买提',
      'Zhang Wei',
      'ZHANG Wei',
      "Mary O'Brien",
      'Jean-Luc Picard',
      'Hans Müller',
      'J. Smith',
    ])
      expect(isPersonName(v), v).toBe(true);
  });
  it('rejects places, things, single words and product names', () => {
    for (const v of [
      '上海市',
      '黄浦区',
      '刹车片',
      '张',
      '浦东新区张江路',
      'Oil Filter',
      'Front Brake Pad',
      'ACME Ltd',
      'zhang wei',
      'Shanghai',
      'ABCDE FGH',
    ])
      expect(isPersonName(v), v).toBe(false);
  });
  it('accepts all-capital (passport-style) names only with a pinyin surname', () => {
    for (const v of ['ZHANG WEI', 'WANG XIAOMING', 'XIAOMING LI']) expect(isLatinName(v), v).toBe(true);
    for (const v of ['JOHN SMITH', 'HELLO WORLD', 'OIL FILTER', 'LI']) expect(isLatinName(v), v).toBe(false);
  });
  it('tells pinyin names apart', () => {
    expect(hasPinyinSurname('Zhang Wei')).toBe(true);
    expect(hasPinyinSurname('Wei ZHANG')).toBe(true);
    expect(hasPinyinSurname('James Jensen')).toBe(false);
  });
  test.prop([fc.integer()])('generated names are accepted', (seed) => {
    const r = new Rng(seed);
    expect(isChineseName(V.chineseName(r))).toBe(true);
    expect(isLatinName(V.pinyinName(r))).toBe(true);
    expect(isLatinName(V.latinName(r))).toBe(true);
  });
});

describe('GENDER and ETHNICITY', () => {
  it('gender: words stand alone, codes need a header', () => {
    for (const v of ['男', '女', '男性', 'female', 'Male']) expect(isGenderWord(v), v).toBe(true);
    for (const v of ['M', 'F', '1', '2']) {
      expect(isGender(v), v).toBe(true);
      expect(isGenderWord(v), v).toBe(false);
    }
    expect(isGender('X')).toBe(false);
    expect(isGender('男女')).toBe(false);
  });
  it('ethnicity: the 56 groups, full forms stand alone', () => {
    for (const v of ['汉族', '维吾尔族', '柯尔克孜族', '基诺族']) expect(isEthnicityFull(v), v).toBe(true);
    expect(isEthnicity('汉')).toBe(true);
    expect(isEthnicityFull('汉')).toBe(false);
    expect(isEthnicity('Han')).toBe(true);
    expect(isEthnicity('火星族')).toBe(false);
  });
  test.prop([fc.integer()])('generated ethnic groups are accepted', (seed) => {
    expect(isEthnicityFull(V.ethnicity(new Rng(seed)))).toBe(true);
  });
});
