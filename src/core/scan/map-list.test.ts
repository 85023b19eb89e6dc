import { describe, expect, it } from 'vitest';
import type { GeneralDataList } from '../lists/schema.js';
import { mapToList } from './map-list.js';
import type { ScanColumn } from './report.js';

const LIST = {
  kind: 'GeneralDataList',
  schemaVersion: 1,
  id: 'test.after_sales',
  version: '1.0.0',
  title: { zh: '测试', en: 'test' },
  issuer: { id: 'x', name: { zh: 'x', en: 'x' } },
  domain: 'vehicles',
  zone: 'lingang',
  scenario: { id: 's', zh: 's', en: 's' },
  effective: '2024-01-01',
  illustrative: true,
  sources: [],
  categories: [
    {
      id: 'c',
      zh: 'c',
      en: 'c',
      fields: [
        {
          id: 'vin',
          zh: '车辆识别代号',
          en: 'VIN',
          infoTypes: ['VIN'],
          piClass: 'personal',
          aliases: ['车架号', 'cjh'],
          conditions: [],
        },
        {
          id: 'repair_order_no',
          zh: '维修工单号',
          en: 'Repair order number',
          infoTypes: [],
          piClass: 'none',
          aliases: ['工单号'],
          conditions: [],
        },
        {
          id: 'fault_description',
          zh: '故障描述',
          en: 'Fault description',
          infoTypes: [],
          piClass: 'none',
          aliases: ['故障现象'],
          conditions: [],
        },
        {
          id: 'mileage',
          zh: '行驶里程',
          en: 'Mileage',
          infoTypes: [],
          piClass: 'none',
          aliases: ['里程'],
          conditions: [],
        },
      ],
    },
  ],
} as unknown as GeneralDataList;

function col(
  name: string,
  infoType: ScanColumn['infoType'],
  kind: ScanColumn['kind'] = infoType ? 'identifier' : 'other',
): ScanColumn {
  return {
    name,
    infoType,
    piClass: 'none',
    confidence: 0.9,
    findings: {},
    evidence: { header: null, values: {}, valuesChecked: 1, reason: 'r' },
    kind,
    freeText: kind === 'free_text',
    nonEmpty: 1,
  };
}

describe('mapToList', () => {
  it('maps by alias, by name, by infoType; else unlisted; reports unmatched fields', () => {
    const out = mapToList(
      {
        columns: [
          col('车架号', 'VIN'),
          col('c07', 'VIN'),
          col('故障描述', null, 'free_text'),
          col('手机号', 'CN_MOBILE'),
        ],
      },
      LIST,
    );
    expect(out.columns.map((c) => c.listField)).toEqual(['vin', 'vin', 'fault_description', 'unlisted']);
    expect(out.columns[0]?.evidence.listMatch).toEqual({ by: 'alias', term: '车架号' });
    expect(out.columns[1]?.evidence.listMatch).toEqual({ by: 'infoType', term: 'VIN' });
    expect(out.columns[2]?.evidence.listMatch).toEqual({ by: 'name', term: '故障描述' });
    expect(out.list).toEqual({ id: 'test.after_sales', version: '1.0.0' });
    expect(out.unmatchedListFields).toEqual(['repair_order_no', 'mileage']);
  });
  it('a name match does not cover an identifier the field does not list', () => {
    const out = mapToList({ columns: [col('工单号', 'CN_RESIDENT_ID')] }, LIST);
    expect(out.columns[0]?.listField).toBe('unlisted');
    expect(out.columns[0]?.evidence.reason).toMatch(/repair_order_no/);
  });
});
