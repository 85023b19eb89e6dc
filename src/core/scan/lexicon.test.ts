import { describe, expect, it } from 'vitest';
import { headerWords, matchHeader } from './lexicon.js';

const sig = (h: string) => matchHeader(h)?.signal ?? null;

describe('header lexicon', () => {
  it('matches Chinese, English, snake/camel case and pinyin initials', () => {
    expect(sig('身份证号码')).toBe('CN_RESIDENT_ID');
    expect(sig('sfzh')).toBe('CN_RESIDENT_ID');
    expect(sig('ID_Card_No')).toBe('CN_RESIDENT_ID');
    expect(sig('sjhm')).toBe('CN_MOBILE');
    expect(sig('customerMobileNo')).toBe('CN_MOBILE');
    expect(sig('yhkh')).toBe('BANK_CARD');
    expect(sig('cjh')).toBe('VIN');
    expect(sig('cph')).toBe('CN_LICENSE_PLATE');
    expect(sig('xm')).toBe('PERSON_NAME');
    expect(sig('Date of Birth')).toBe('DATE_OF_BIRTH');
  });
  it('a code of a closed vocabulary is still the vocabulary', () => {
    expect(sig('性别代码')).toBe('GENDER');
    expect(sig('民族编码')).toBe('ETHNICITY');
    expect(sig('gender_code')).toBe('GENDER');
    expect(sig('customer_code')).toBe('not_pi');
    expect(sig('证件类型代码')).toBe('not_pi');
  });
  it('the head of a compound decides', () => {
    expect(sig('车主手机号')).toBe('CN_MOBILE');
    expect(sig('车主姓名')).toBe('PERSON_NAME');
    expect(sig('经销商电话')).toBe('phone');
    expect(sig('owner_phone')).toBe('phone');
    expect(sig('customer_birth_date')).toBe('DATE_OF_BIRTH');
  });
  it('matches Latin terms as whole words only', () => {
    expect(sig('zip_code')).toBe('not_pi');
    expect(sig('zipper')).toBeNull();
    expect(sig('c07')).toBeNull();
    expect(sig('field_12')).toBeNull();
  });
  it('knows non-identifier and free-text headers', () => {
    expect(sig('工单号')).toBe('not_pi');
    expect(sig('sku')).toBe('not_pi');
    expect(sig('故障描述')).toBe('free_text');
    expect(sig('remarks')).toBe('free_text');
    expect(sig('product_name')).toBe('not_pi');
    expect(sig('rzrq')).toBe('not_pi');
    expect(sig('csrq')).toBe('DATE_OF_BIRTH');
    expect(matchHeader('收货人')?.supports).toContain('PERSON_NAME');
    expect(matchHeader('street')?.supports).toEqual(['POSTAL_ADDRESS']);
  });
  it('splits header words', () => {
    expect(headerWords('customerMobileNO')).toEqual(['customer', 'mobile', 'no']);
    expect(headerWords('GPS_Lat')).toEqual(['gps', 'lat']);
  });
});
