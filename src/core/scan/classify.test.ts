import { describe, expect, it } from 'vitest';
import { Rng } from '../synth/prng.js';
import { V } from '../synth/values.js';
import { classifyColumns } from './classify.js';

const TODAY = { today: '2025-06-30' };
const r = new Rng(42);
const many = (n: number, f: (i: number) => string | null): (string | null)[] =>
  Array.from({ length: n }, (_, i) => f(i));

/** Classifies one column. */
function one(name: string, values: (string | null)[]) {
  const cols = classifyColumns(
    [name],
    values.map((v) => [v]),
    TODAY,
  );
  return cols[0] as NonNullable<(typeof cols)[0]>;
}

describe('classifyColumns', () => {
  it('reports the keys other tools rely on', () => {
    const c = one(
      '身份证号码',
      many(50, () => V.residentId(r)),
    );
    expect(Object.keys(c).sort()).toEqual(
      ['confidence', 'evidence', 'findings', 'freeText', 'infoType', 'kind', 'name', 'nonEmpty', 'piClass'].sort(),
    );
    expect(c).toMatchObject({
      name: '身份证号码',
      infoType: 'CN_RESIDENT_ID',
      piClass: 'sensitive',
      kind: 'identifier',
      findings: { CN_RESIDENT_ID: 50 },
    });
    expect(c.confidence).toBeGreaterThan(0.95);
    expect(c.confidence).toBeLessThanOrEqual(1);
    expect(c.evidence.header).toMatchObject({ signal: 'CN_RESIDENT_ID', match: 'exact' });
    expect(c.evidence.values.CN_RESIDENT_ID).toBe(1);
  });

  it('values outweigh the header: a `phone` column full of UUIDs is not a phone', () => {
    const c = one(
      'phone',
      many(100, () => V.uuid(r)),
    );
    expect(c.infoType).toBeNull();
    expect(c.piClass).toBe('none');
    expect(c.evidence.reason).toMatch(/header `phone` suggests/);
  });

  it('values alone classify checksum types under meaningless headers (`c07`)', () => {
    expect(
      one(
        'c07',
        many(80, () => V.vin(r)),
      ).infoType,
    ).toBe('VIN');
    expect(
      one(
        'c08',
        many(80, () => V.uscc(r)),
      ).infoType,
    ).toBe('CN_USCC');
    expect(
      one(
        'c09',
        many(80, () => V.container(r)),
      ).infoType,
    ).toBe('CONTAINER_NUMBER');
    expect(
      one(
        'c10',
        many(80, () => V.bankCard(r)),
      ).infoType,
    ).toBe('BANK_CARD');
    expect(
      one(
        'c11',
        many(80, () => V.mobile(r)),
      ).infoType,
    ).toBe('CN_MOBILE');
  });

  it('pinyin-initial headers support their types', () => {
    expect(
      one(
        'xm',
        many(60, () => V.chineseName(r)),
      ).infoType,
    ).toBe('PERSON_NAME');
    expect(
      one(
        'sfzh',
        many(60, () => V.residentId(r)),
      ).infoType,
    ).toBe('CN_RESIDENT_ID');
    expect(
      one(
        'sjhm',
        many(60, () => V.mobile(r)),
      ).infoType,
    ).toBe('CN_MOBILE');
    expect(
      one(
        'yhkh',
        many(60, () => V.bankCard(r)),
      ).infoType,
    ).toBe('BANK_CARD');
    expect(
      one(
        'cph',
        many(60, () => V.plate(r)),
      ).infoType,
    ).toBe('CN_LICENSE_PLATE');
    expect(
      one(
        'xb',
        many(60, () => V.gender(r, true)),
      ).infoType,
    ).toBe('GENDER');
  });

  it('never reports decoys as identifiers', () => {
    const decoys: Array<[string, () => string]> = [
      ['c01', () => V.orderNo18(r)],
      ['订单号', () => V.orderNo18(r)],
      ['c02', () => V.num11(r)],
      ['c03', () => V.luhnFail16(r)],
      ['c04', () => V.sku17(r)],
      ['配件编号', () => V.sku17(r)],
      ['c05', () => V.uuid(r)],
      ['uuid', () => V.uuid(r)],
    ];
    for (const [name, gen] of decoys) {
      const c = one(name, many(500, gen));
      expect(c.infoType, name).toBeNull();
      expect(c.kind, name).toBe('other');
    }
    // an 11-digit counter starting with 13: valid mobile shape, but sequential in a handful of number blocks
    const counter = one(
      'c06',
      many(500, (i) => V.counter13(1000, i)),
    );
    expect(counter.infoType).toBeNull();
  });

  it('a Luhn-failing UnionPay number counts as a bank card only with a bank-card header', () => {
    const values = many(40, (i) => (i % 10 === 0 ? '6214832018989180' : V.bankCard(r)));
    expect(one('银行卡号', values).findings.BANK_CARD).toBe(40);
    const loose = many(40, () => '6214832018989180');
    expect(one('c01', loose).infoType).toBeNull();
    expect(one('银行卡号', loose).infoType).toBe('BANK_CARD');
  });

  it('closed vocabularies: words stand alone, codes need the header', () => {
    expect(
      one(
        'c01',
        many(50, () => V.gender(r, false)),
      ).infoType,
    ).toBe('GENDER');
    expect(
      one(
        'c01',
        many(50, () => V.gender(r, true)),
      ).infoType,
    ).toBeNull();
    expect(
      one(
        'sex',
        many(50, () => V.gender(r, true)),
      ).infoType,
    ).toBe('GENDER');
    expect(
      one(
        'c02',
        many(50, () => V.ethnicity(r)),
      ).infoType,
    ).toBe('ETHNICITY');
    expect(
      one(
        'c03',
        many(50, (i) => (i % 2 ? '汉' : '回')),
      ).infoType,
    ).toBeNull();
    expect(
      one(
        '民族',
        many(50, (i) => (i % 2 ? '汉' : '回')),
      ).infoType,
    ).toBe('ETHNICITY');
  });

  it('names, addresses and diagnoses need the header or unambiguous values', () => {
    expect(
      one(
        'c01',
        many(100, () => V.chineseName(r)),
      ).infoType,
    ).toBe('PERSON_NAME');
    // a category column of 2-character words is not names: few distinct values
    expect(
      one(
        'c02',
        many(100, (i) => ['王府', '李庄', '张家'][i % 3] as string),
      ).infoType,
    ).toBeNull();
    expect(
      one(
        'c03',
        many(100, () => V.latinName(r)),
      ).infoType,
    ).toBeNull();
    expect(
      one(
        'contact_name',
        many(100, () => V.latinName(r)),
      ).infoType,
    ).toBe('PERSON_NAME');
    expect(
      one(
        'c04',
        many(100, () => V.address(r)),
      ).infoType,
    ).toBe('POSTAL_ADDRESS');
    expect(
      one(
        '诊断',
        many(100, () => V.icd10(r)),
      ).infoType,
    ).toBe('HEALTH_DIAGNOSIS');
    expect(
      one(
        'c05',
        many(100, () => V.aeTerm(r, false)),
      ).infoType,
    ).toBe('HEALTH_DIAGNOSIS');
    // DTC fault codes are not ICD-10 codes
    expect(
      one(
        '故障码',
        many(100, () => V.dtc(r)),
      ).infoType,
    ).toBeNull();
  });

  it('a date column is a date of birth only with a birth header or a birth-like spread', () => {
    expect(
      one(
        '出生日期',
        many(100, (i) => V.dob(r, i % 4)),
      ).infoType,
    ).toBe('DATE_OF_BIRTH');
    expect(
      one(
        '维修日期',
        many(100, () => V.date(r, 2023, 2024)),
      ).infoType,
    ).toBeNull();
    expect(
      one(
        'c09',
        many(100, () => V.date(r, 2023, 2024)),
      ).infoType,
    ).toBeNull();
    expect(
      one(
        'c10',
        many(200, () => V.dob(r, 0)),
      ).infoType,
    ).toBe('DATE_OF_BIRTH');
  });

  it('pairs separate latitude and longitude columns, by header or by precise values', () => {
    const rows = many(50, () => `${V.latitude(r)}|${V.longitude(r)}`).map((s) => (s as string).split('|'));
    const byHeader = classifyColumns(['纬度', '经度'], rows, TODAY);
    expect(byHeader.map((c) => c.infoType)).toEqual(['GEO_COORDINATE', 'GEO_COORDINATE']);
    const byValues = classifyColumns(['c1', 'c2'], rows, TODAY);
    expect(byValues.map((c) => c.infoType)).toEqual(['GEO_COORDINATE', 'GEO_COORDINATE']);
    const amounts = classifyColumns(
      ['c1', 'c2'],
      many(50, () => `${(r.float() * 80).toFixed(2)}|${(r.float() * 900).toFixed(2)}`).map((s) =>
        (s as string).split('|'),
      ),
      TODAY,
    );
    expect(amounts.map((c) => c.infoType)).toEqual([null, null]);
  });

  it('free text: reports the infoTypes inside and takes their PI class', () => {
    const values = many(200, (i) =>
      i % 10 === 0 ? `客户来电13812345678，${V.plate(r)}刹车异响` : '发动机故障灯亮，已更换氧传感器，试车正常',
    );
    const c = one('故障描述', values);
    expect(c.kind).toBe('free_text');
    expect(c.freeText).toBe(true);
    expect(c.infoType).toBeNull();
    expect(c.findings).toEqual({ CN_MOBILE: 20, CN_LICENSE_PLATE: 20 });
    expect(c.piClass).toBe('personal');
    expect(c.evidence.textShare?.CN_MOBILE).toBe(0.1);
    // prose without identifiers is not personal data
    expect(
      one(
        '备注',
        many(100, (i) => `第${i}次保养，更换机油机滤，检查轮胎`),
      ).piClass,
    ).toBe('none');
  });

  it('a mix of identifier types is `mixed` with the highest class', () => {
    const c = one(
      '联系方式',
      many(100, (i) => (i % 2 ? V.mobile(r, true) : V.email(r))),
    );
    expect(c.infoType).toBeNull();
    expect(c.kind).toBe('mixed');
    expect(c.piClass).toBe('personal');
    expect(Object.keys(c.findings).sort()).toEqual(['CN_MOBILE', 'EMAIL']);
    // 70% phones + 30% e-mails: the header would let the phones pass alone, but the rest is another identifier
    const d = one(
      '联系方式',
      many(100, (i) => (i % 10 < 7 ? V.mobile(r, true) : V.email(r))),
    );
    expect(d).toMatchObject({ infoType: null, kind: 'mixed', findings: { CN_MOBILE: 70, EMAIL: 30 } });
    // 70% phones + 30% junk: dirty phone data, the header decides
    expect(
      one(
        '联系方式',
        many(100, (i) => (i % 10 < 7 ? V.mobile(r, true) : '见备注')),
      ).infoType,
    ).toBe('CN_MOBILE');
  });

  it('placeholders (`NULL`, `\\N`, `-`, `无`) are empty; spreadsheet text markers are stripped', () => {
    const ids = one(
      '身份证号',
      many(200, (i) =>
        i % 10 < 7 ? (['NULL', '\\N', 'null', '-', 'N/A', '无', ''][i % 7] ?? null) : `'${V.residentId(r)}`,
      ),
    );
    expect(ids).toMatchObject({ infoType: 'CN_RESIDENT_ID', nonEmpty: 60, findings: { CN_RESIDENT_ID: 60 } });
    const phones = one(
      'c03',
      many(100, () => `="${V.mobile(r)}"`),
    );
    expect(phones.infoType).toBe('CN_MOBILE');
  });

  it('firmware versions written as dotted quads are not IP addresses without an IP header', () => {
    const versions = many(300, (i) => `${1 + (i % 3)}.${i % 10}.${i % 7}.${(i * 7) % 60}`);
    expect(one('firmware', versions).infoType).toBeNull();
    expect(one('ip', versions).infoType).toBe('IP_ADDRESS');
    expect(
      one(
        'c09',
        many(300, () => `${r.range(11, 223)}.${r.range(0, 255)}.${r.range(0, 255)}.${r.range(1, 254)}`),
      ).infoType,
    ).toBe('IP_ADDRESS');
  });

  it('15-digit numbers whose "birth dates" fall in a few years are order numbers, not legacy IDs', () => {
    // region code + yyMMdd of recent years + serial: every value passes the legacy-ID shape
    const orders = many(300, (i) => `310115${22 + (i % 4)}0${1 + (i % 9)}1${i % 9}${String(i).padStart(3, '0')}`);
    expect(one('受理单号', orders).infoType).toBeNull();
    expect(one('c04', orders).infoType).toBeNull();
    // real legacy IDs: births spread over decades
    const legacy = many(300, (i) => `310115${40 + (i % 45)}0${1 + (i % 9)}1${i % 9}${String(i).padStart(3, '0')}`);
    expect(one('c04', legacy).infoType).toBe('CN_RESIDENT_ID');
    expect(one('身份证号', orders).infoType).toBe('CN_RESIDENT_ID'); // the header names IDs
  });

  it('a date column named for another date (`成立日期`) is not a date of birth by its spread', () => {
    const dates = many(300, (i) => `${1980 + (i % 45)}-0${1 + (i % 9)}-1${i % 9}`);
    expect(one('成立日期', dates).infoType).toBeNull();
    expect(one('hire_date', dates).infoType).toBeNull();
    expect(one('birth_date', dates).infoType).toBe('DATE_OF_BIRTH');
    expect(
      one(
        'birth_date',
        many(300, (i) => `0${1 + (i % 9)}/1${i % 9}/${1950 + (i % 50)}`),
      ).infoType,
    ).toBe('DATE_OF_BIRTH');
  });

  it('gender codes under a `性别代码` header', () => {
    expect(
      one(
        '性别代码',
        many(100, (i) => String(i % 2)),
      ).infoType,
    ).toBe('GENDER');
  });

  it('handles empty columns and ragged rows', () => {
    const cols = classifyColumns(['a', 'b'], [['x'], [null, null], []], TODAY);
    expect(cols[1]).toMatchObject({ infoType: null, nonEmpty: 0, kind: 'other' });
  });

  describe('red team 2', () => {
    it('split name columns under a name-part header are names; alone they are not', () => {
      const first = many(60, (i) => ['Oliver', 'Wei', 'Na', 'Sarah', "O'Brien", 'Jiahui'][i % 6] as string);
      expect(one('first_name', first).infoType).toBe('PERSON_NAME');
      expect(one('Surname', first).infoType).toBe('PERSON_NAME');
      expect(one('c3', first).infoType).toBeNull();
      expect(one('status', first).infoType).toBeNull();
    });
    it('IDs printed in groups pass the check', () => {
      const c = one(
        'c1',
        many(50, () => {
          const v = V.residentId(r);
          return `${v.slice(0, 6)} ${v.slice(6, 14)} ${v.slice(14)}`;
        }),
      );
      expect(c.infoType).toBe('CN_RESIDENT_ID');
    });
    it('letter + 8 digits under a non-personal code header is that code, not a permit', () => {
      const ids = many(80, (i) => `C${String(10_000_000 + i * 7919).padStart(8, '0')}`);
      expect(one('customer_id', ids).infoType).toBeNull();
      expect(one('港澳通行证号', ids).infoType).toBe('CN_HMT_PERMIT');
    });
    it('a consignee may be a person; a product name is not one', () => {
      expect(
        one(
          '收货人',
          many(60, () => V.chineseName(r)),
        ).infoType,
      ).toBe('PERSON_NAME');
      const products = many(60, (i) => ['Apple Watch', 'Rose Gold', 'Air Max', 'Grace Wood'][i % 4] as string);
      expect(one('product_name', products).infoType).toBeNull();
    });
  });
});
