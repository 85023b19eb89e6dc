import { describe, expect, it } from 'vitest';
import { findInText } from './freetext.js';

const spans = (s: string) => findInText(s, 20250630).map((x) => [x.infoType, s.slice(x.start, x.end)]);

describe('findInText', () => {
  it('finds identifiers inside Chinese prose', () => {
    expect(spans('客户张先生反映发动机故障灯亮，联系电话13812345678，车牌沪A·D12345')).toEqual([
      ['PERSON_NAME', '张先生'],
      ['CN_MOBILE', '13812345678'],
      ['CN_LICENSE_PLATE', '沪A·D12345'],
    ]);
    expect(spans('受试者出现头痛、恶心，疑似肝功能异常')).toEqual([
      ['HEALTH_DIAGNOSIS', '头痛'],
      ['HEALTH_DIAGNOSIS', '恶心'],
      ['HEALTH_DIAGNOSIS', '肝功能异常'],
    ]);
  });
  it('validates tokens: a part number is not a VIN, an order number is not an ID', () => {
    expect(spans('VIN:LSJA24U62JG269225, part 12345678901234567 order 202405121234567890')).toEqual([
      ['VIN', 'LSJA24U62JG269225'],
    ]);
    expect(spans('ID 11010519491231002X.')).toEqual([['CN_RESIDENT_ID', '11010519491231002X']]);
  });
  it('finds spaced and dashed phone numbers, e-mails, IPs and containers', () => {
    expect(spans('call +86 138 1234 5678 or 021-62345678')).toEqual([
      ['CN_MOBILE', '138 1234 5678'],
      ['CN_LANDLINE', '021-62345678'],
    ]);
    expect(spans('mail zhang@example.com from 10.1.2.3 box CSQU3054383')).toEqual([
      ['EMAIL', 'zhang@example.com'],
      ['IP_ADDRESS', '10.1.2.3'],
      ['CONTAINER_NUMBER', 'CSQU3054383'],
    ]);
  });
  it('does not find identifiers inside longer digit runs or in plain text', () => {
    expect(spans('订单2024051213812345678号')).toEqual([]);
    expect(spans('no identifiers here at all')).toEqual([]);
  });
});
