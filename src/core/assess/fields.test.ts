import { describe, expect, it } from 'vitest';
import type { GeneralDataList, NegativeList } from '../lists/schema.js';
import { decideFields, factsFromFields, type ScanColumnLike } from './fields.js';

const LIST: GeneralDataList = {
  kind: 'GeneralDataList',
  schemaVersion: 1,
  id: 'lingang.test.after_sales',
  version: '1.0.0',
  title: { zh: '测试', en: 'test' },
  issuer: { id: 'lingang-admin', name: { zh: '临港', en: 'Lingang' } },
  effective: '2024-05-17',
  illustrative: true,
  sources: [],
  domain: 'vehicles',
  zone: 'lingang',
  scenario: { id: 'after_sales', zh: '售后', en: 'after-sales' },
  categories: [
    {
      id: 'vehicle',
      zh: '车辆',
      en: 'vehicle',
      fields: [
        {
          id: 'fault_code',
          zh: '故障码',
          en: 'fault code',
          infoTypes: [],
          piClass: 'none',
          aliases: ['dtc'],
          conditions: [],
        },
        {
          id: 'vin',
          zh: '车辆识别代号',
          en: 'VIN',
          infoTypes: ['VIN'],
          piClass: 'personal',
          aliases: [],
          conditions: [{ type: 'pseudonymised' }],
        },
        {
          id: 'repair_date',
          zh: '维修日期',
          en: 'repair date',
          infoTypes: [],
          piClass: 'none',
          aliases: [],
          conditions: [{ type: 'generalised', granularity: 'month' }],
        },
        {
          id: 'owner_phone',
          zh: '车主手机',
          en: 'owner phone',
          infoTypes: ['CN_MOBILE'],
          piClass: 'personal',
          aliases: [],
          conditions: [{ type: 'masked', keepFirst: 3, keepLast: 4 }],
        },
        {
          id: 'fleet_count',
          zh: '车队数量',
          en: 'fleet count',
          infoTypes: [],
          piClass: 'none',
          aliases: [],
          conditions: [{ type: 'aggregated_only' }],
        },
        {
          id: 'dealer',
          zh: '经销商',
          en: 'dealer',
          infoTypes: [],
          piClass: 'none',
          aliases: [],
          conditions: [{ type: 'recipient_types', allowed: ['affiliate', 'headquarters'] }],
        },
        {
          id: 'remarks',
          zh: '备注',
          en: 'remarks',
          infoTypes: [],
          piClass: 'none',
          aliases: [],
          conditions: [{ type: 'requirement', text: { zh: '不含个人信息', en: 'no personal information' } }],
        },
      ],
    },
  ],
};

const NEG: NegativeList = {
  kind: 'NegativeList',
  schemaVersion: 1,
  id: 'shanghai_ftz.negative',
  version: '1.0.0',
  title: { zh: '负面清单', en: 'negative list' },
  issuer: { id: 'shanghai-cac', name: { zh: '上海', en: 'Shanghai' } },
  effective: '2025-02-08',
  illustrative: true,
  sources: [],
  zones: ['shanghai_ftz', 'lingang'],
  entries: [
    {
      id: 'vehicle.trajectory',
      sector: 'vehicles',
      category: { zh: '轨迹', en: 'trajectory' },
      description: { zh: '轨迹', en: 'trajectory' },
      infoTypes: ['GEO_COORDINATE'],
      fields: [],
      keywords: ['轨迹'],
      procedure: 'security_assessment',
    },
    {
      id: 'vehicle.pi_over_100k',
      sector: 'vehicles',
      category: { zh: '个人信息', en: 'personal information' },
      description: { zh: '10万人以上', en: '100,000 or more' },
      infoTypes: ['PERSON_NAME'],
      fields: [],
      keywords: [],
      threshold: { measure: 'subjects', comparison: 'gte', value: 100000, window: 'calendar_year' },
      procedure: 'contract_or_certification',
    },
  ],
};

const col = (
  name: string,
  infoType: string | null,
  piClass: ScanColumnLike['piClass'],
  extra: Partial<ScanColumnLike> = {},
): ScanColumnLike => ({
  name,
  infoType,
  piClass,
  confidence: 0.9,
  findings: {},
  ...extra,
});

describe('decideFields', () => {
  it('allows a listed field without conditions, matched by alias', () => {
    const [d] = decideFields({ columns: [col('DTC', null, 'none')] }, LIST, []);
    expect(d?.decision).toBe('allowed');
    expect(d?.listField).toBe('fault_code');
    expect(d?.reasons[0]?.rule).toBe('field_on_general_list');
  });

  it('maps each list condition to the transform it demands', () => {
    const ds = decideFields(
      {
        columns: [
          col('vin', 'VIN', 'personal'),
          col('repair_date', null, 'none'),
          col('owner_phone', 'CN_MOBILE', 'personal'),
          col('fleet_count', null, 'none'),
          col('remarks', null, 'none'),
        ],
      },
      LIST,
      [],
    );
    expect(ds.map((d) => d.decision)).toEqual([
      'conditional',
      'conditional',
      'conditional',
      'conditional',
      'conditional',
    ]);
    expect(ds.map((d) => d.transforms?.[0]?.operator)).toEqual(['hash', 'generalize', 'mask', 'drop', 'keep']);
    expect(ds[1]?.transforms?.[0]?.params).toEqual({ granularity: 'month' });
    expect(ds[2]?.transforms?.[0]?.params).toEqual({ keepFirst: 3, keepLast: 4 });
    expect(ds[3]?.exported).toBe(false);
  });

  it('checks recipient types: unknown → a person confirms; matching → allowed; other → unlisted', () => {
    const c = [col('dealer', null, 'none')];
    expect(decideFields({ columns: c }, LIST, [])[0]?.decision).toBe('conditional');
    expect(decideFields({ columns: c }, LIST, [], { recipientType: 'affiliate' })[0]?.decision).toBe('allowed');
    const other = decideFields({ columns: c }, LIST, [], { recipientType: 'service_provider' })[0];
    expect(other?.decision).toBe('unlisted');
    expect(other?.reasons.map((r) => r.rule)).toContain('field_condition_recipient_excluded');
  });

  it('an unlisted column is decided by the national rules', () => {
    const [d] = decideFields({ columns: [col('email', 'EMAIL', 'personal')] }, LIST, []);
    expect(d?.decision).toBe('unlisted');
    expect(d?.reasons[0]?.rule).toBe('field_unlisted');
  });

  it("trusts the scanner's `unlisted` over a header that happens to match", () => {
    const [d] = decideFields({ columns: [col('vin', 'VIN', 'personal', { listField: 'unlisted' })] }, LIST, []);
    expect(d?.decision).toBe('unlisted');
  });

  it('a free-text column with PI the list field does not declare is unlisted', () => {
    const [d] = decideFields({ columns: [col('remarks', null, 'none', { findings: { CN_MOBILE: 3 } })] }, LIST, []);
    expect(d?.decision).toBe('unlisted');
    expect(d?.piClass).toBe('personal');
    expect(d?.reasons[0]?.rule).toBe('field_pi_not_covered_by_list');
  });

  it('negative-list entries catch by infoType, finding and keyword', () => {
    const ds = decideFields(
      {
        columns: [
          col('lat_lon', 'GEO_COORDINATE', 'sensitive'),
          col('notes', null, 'none', { findings: { GEO_COORDINATE: 2 } }),
          col('行驶轨迹', null, 'none'),
        ],
      },
      LIST,
      [NEG],
    );
    expect(ds.map((d) => d.decision)).toEqual(['negative', 'negative', 'negative']);
    expect(ds[0]?.procedure).toBe('security_assessment');
    expect(ds[0]?.negativeEntries).toEqual(['shanghai_ftz.negative@1.0.0#vehicle.trajectory']);
  });

  it('an entry threshold is compared with the volumes (gte includes the number); unknown volumes are caught', () => {
    const c = [col('name', 'PERSON_NAME', 'personal')];
    const at = (n: number) =>
      decideFields({ columns: c }, LIST, [NEG], { volumes: { calendar_year: { subjects: n } } })[0]?.decision;
    expect(at(99_999)).toBe('unlisted');
    expect(at(100_000)).toBe('negative');
    expect(decideFields({ columns: c }, LIST, [NEG])[0]?.decision).toBe('negative');
  });

  it('human genetic resources are prohibited, even if a list would allow the header', () => {
    const [d] = decideFields({ columns: [col('fault_code', 'GENETIC_SEQUENCE', 'sensitive')] }, LIST, [NEG]);
    expect(d?.decision).toBe('prohibited');
    expect(d?.reasons[0]?.rule).toBe('field_human_genetic_resources');
  });

  it('derives the data-level facts from the exported columns', () => {
    const ds = decideFields({ columns: [col('vin', 'VIN', 'personal'), col('fleet_count', null, 'none')] }, LIST, [
      NEG,
    ]);
    expect(factsFromFields(ds)).toEqual({
      personal: true,
      sensitive: false,
      onNegativeList: false,
      negativeProcedure: null,
      prohibited: false,
      allOnGeneralList: true,
    });
    const neg = decideFields(
      { columns: [col('gps', 'GEO_COORDINATE', 'sensitive'), col('x', 'EMAIL', 'personal')] },
      LIST,
      [NEG],
    );
    expect(factsFromFields(neg)).toMatchObject({
      sensitive: true,
      onNegativeList: true,
      negativeProcedure: 'security_assessment',
      allOnGeneralList: false,
    });
  });

  it('works without a list: everything is unlisted or negative', () => {
    const ds = decideFields({ columns: [col('vin', 'VIN', 'personal')] }, undefined, []);
    expect(ds[0]?.decision).toBe('unlisted');
  });
});
