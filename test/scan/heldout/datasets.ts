/**
 * Red-team datasets: 20 tables shaped like real Chinese enterprise exports (CRM, e-commerce, DMS/after-sales,
 * bank KYC, IoT telemetry, HR, HIS, shipping, enterprise registry, logistics, parking, clinical trials …), with
 * headers in many spellings (Chinese, English, snake/camel, pinyin initials, mixed, meaningless `c07`), messy
 * value formats, empty-heavy columns, typos, and decoys that must not be reported as identifiers.
 *
 * Written independently of `src/core/synth` (which was written together with the classifier): see ./values.ts.
 * Labels follow infotypes.md. Ground truth is what a careful human would say the column holds.
 */
import * as V from './values.js';

type InfoType = string;
type Gen = (r: V.R, row: number) => string | null;

export interface ColumnSpec {
  name: string;
  infoType: InfoType | null;
  decoy?: boolean;
  kind?: 'identifier' | 'free_text' | 'other';
  gen: Gen;
  /** Share of empty values. */
  empty?: number;
  /** Share of values with a typo. */
  typos?: number;
}
export interface DatasetSpec {
  name: string;
  rows: number;
  columns: ColumnSpec[];
}
export interface HeldoutDataset {
  name: string;
  columns: string[];
  rows: (string | null)[][];
  labels: {
    dataset: string;
    columns: Array<{
      name: string;
      infoType: InfoType | null;
      decoy: boolean;
      kind: 'identifier' | 'free_text' | 'other';
    }>;
  };
}

const id = (name: string, infoType: InfoType, gen: Gen, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({
  name,
  infoType,
  gen,
  ...extra,
});
const decoy = (name: string, gen: Gen, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({
  name,
  infoType: null,
  decoy: true,
  gen,
  ...extra,
});
const other = (name: string, gen: Gen, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({
  name,
  infoType: null,
  gen,
  ...extra,
});
const text = (name: string, gen: Gen, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({
  name,
  infoType: null,
  kind: 'free_text',
  decoy: true,
  gen,
  ...extra,
});

const dob =
  (style?: number, y0 = 1950, y1 = 2005): Gen =>
  (r) =>
    V.formatDate(r, V.randomDate(r, y0, y1), style);
const gender =
  (vocab: readonly string[]): Gen =>
  (r) =>
    V.pick(r, vocab);
const ETH = [
  '汉族',
  '汉族',
  '汉族',
  '汉族',
  '汉族',
  '汉族',
  '汉族',
  '回族',
  '满族',
  '壮族',
  '维吾尔族',
  '苗族',
  '蒙古族',
  '土家族',
  '藏族',
  '彝族',
];
const ETH_SHORT = ['汉', '汉', '汉', '汉', '汉', '汉族', '回', '满', '壮', '蒙古', '苗', '藏'];
const seq =
  (start: number, step = 1): Gen =>
  (_r, i) =>
    String(start + i * step);

export const SPECS: DatasetSpec[] = [
  {
    name: 'crm_customers',
    rows: 1200,
    columns: [
      id('客户姓名', 'PERSON_NAME', (r) => V.anyChineseName(r)),
      id('身份证号码', 'CN_RESIDENT_ID', (r) => V.residentId(r, { lowerX: true })),
      id('客户手机', 'CN_MOBILE', (r) => V.mobile(r)),
      id('联系电话', 'CN_LANDLINE', (r) => V.landline(r)),
      id('邮箱', 'EMAIL', (r) => V.email(r), { empty: 0.3 }),
      id('联系地址', 'POSTAL_ADDRESS', (r) => V.chineseAddress(r)),
      id('性别', 'GENDER', gender(['男', '女'])),
      id('出生日期', 'DATE_OF_BIRTH', dob(0)),
      decoy('会员卡号', seq(13100001234)),
      other('积分', (r) => String(V.int(r, 0, 50000))),
      text('备注', (r) => V.remark(r), { empty: 0.4 }),
    ],
  },
  {
    name: 'ecommerce_orders',
    rows: 2000,
    columns: [
      decoy('order_no', (r) => V.orderNo18(r)),
      id('收件人', 'PERSON_NAME', (r) => V.anyChineseName(r)),
      id('mobile_phone', 'CN_MOBILE', (r) => V.mobile(r)),
      id('收货地址', 'POSTAL_ADDRESS', (r) => V.chineseAddress(r)),
      decoy('sku', (r) => V.sku17(r)),
      decoy('tracking_no', (r) => V.trackingNo(r)),
      other('amount', (r) => V.amount(r)),
      other('qty', (r) => String(V.int(r, 1, 12))),
      other('created_at', (r) => V.timestamp(r)),
      id('client_ip', 'IP_ADDRESS', (r) => (r() < 0.85 ? V.ipv4(r) : V.ipv6(r))),
      text('buyer_remark', (r) => V.remark(r), { empty: 0.6 }),
    ],
  },
  {
    name: 'dms_repair_pinyin',
    rows: 1500,
    columns: [
      decoy('gdh', (r) => `RO${V.digits(r, 12)}`),
      id('cjh', 'VIN', (r) => V.vin(r)),
      id('hphm', 'CN_LICENSE_PLATE', (r) => V.plate(r)),
      id('xm', 'PERSON_NAME', (r) => V.chineseName(r)),
      id('sjh', 'CN_MOBILE', (r) => V.mobile(r, 0)),
      id('sfzh', 'CN_RESIDENT_ID', (r) => (r() < 0.1 ? V.legacyId(r) : V.residentId(r, { lowerX: r() < 0.5 }))),
      other('lc', (r) => String(V.int(r, 100, 250000))),
      other('je', (r) => V.amount(r)),
      decoy('ljh', (r) => V.sku17(r)),
      decoy('pjbm', (r) => V.partNo(r)),
      text(
        'gzms',
        (r) =>
          `${V.pick(r, ['发动机异响', '刹车片磨损', '空调不制冷', '仪表盘故障灯亮', '变速箱顿挫'])}，${V.remark(r)}`,
      ),
    ],
  },
  {
    name: 'bank_kyc',
    rows: 1000,
    columns: [
      id('户名', 'PERSON_NAME', (r) => V.chineseName(r)),
      id('证件号码', 'CN_RESIDENT_ID', (r) => V.residentId(r)),
      id('开户行卡号', 'BANK_CARD', (r) => V.bankCard(r, r() < 0.5)),
      id('手机号', 'CN_MOBILE', (r) => V.mobile(r, 3)),
      decoy('交易流水号', (r) => V.luhnFail16(r, V.pick(r, ['62', '43', '88', '10']))),
      other('交易金额', (r) => V.amount(r)),
      other('交易时间', (r) => V.timestamp(r)),
      other('币种', (r) => V.pick(r, ['CNY', 'USD', 'EUR', 'HKD'])),
      decoy('凭证号', (r) => V.luhnFail16(r)),
    ],
  },
  {
    name: 'iot_telemetry',
    rows: 1500,
    columns: [
      decoy('device_id', (r) => V.uuid(r)),
      id('imei', 'IMEI', (r) => V.imei(r)),
      id('mac', 'MAC_ADDRESS', (r) => V.mac(r, '-', true)),
      id('wifi_mac', 'MAC_ADDRESS', (r) => V.mac(r, ':', false)),
      id('IP', 'IP_ADDRESS', (r) => (r() < 0.5 ? V.ipv6(r) : V.ipv4(r))),
      id('经纬度', 'GEO_COORDINATE', (r) => V.coordPair(r)),
      decoy('fw_version', (r) => V.version(r)),
      decoy('ts', (r) => V.epochS(r)),
      decoy('ts_ms', (r) => V.epochMs(r)),
      decoy('payload_md5', (r) => V.md5(r)),
      other('battery', (r) => String(V.int(r, 0, 100))),
      other('temperature', (r) => (r() * 60 - 10).toFixed(1)),
    ],
  },
  {
    name: 'hr_employees',
    rows: 800,
    columns: [
      decoy('工号', (_r, i) => `E${String(100234 + i)}`),
      id('xingming', 'PERSON_NAME', (r) => V.chineseName(r)),
      id('xb', 'GENDER', gender(['1', '2'])),
      id('mz', 'ETHNICITY', gender(ETH_SHORT)),
      id('csrq', 'DATE_OF_BIRTH', dob(2, 1965, 2003)),
      id('zjhm', 'CN_RESIDENT_ID', (r) => V.residentId(r, { lowerX: true, y0: 1965, y1: 2003 })),
      id('lxdh', 'CN_MOBILE', (r) => V.mobile(r)),
      id('jtzz', 'POSTAL_ADDRESS', (r) => V.chineseAddress(r)),
      decoy('入职日期', dob(0, 1988, 2025)),
      other('部门', (r) => V.pick(r, ['研发部', '销售部', '财务部', '人力资源部', '售后服务部'])),
      id('e_mail', 'EMAIL', (r) => V.email(r)),
      other('月薪', (r) => String(V.int(r, 6, 60) * 1000)),
    ],
  },
  {
    name: 'his_visits',
    rows: 1200,
    columns: [
      decoy('就诊流水号', (r) => `MZ${V.digits(r, 14)}`),
      id('患者姓名', 'PERSON_NAME', (r) => V.anyChineseName(r)),
      id('性别', 'GENDER', gender(['男', '女', '男', '女', '未知'])),
      other('年龄', (r) => String(V.int(r, 1, 95))),
      id('诊断名称', 'HEALTH_DIAGNOSIS', (r) => V.pick(r, V.DX_ZH)),
      id('ICD编码', 'HEALTH_DIAGNOSIS', (r) => V.pick(r, V.ICD)),
      id('身份证号', 'CN_RESIDENT_ID', (r) => V.residentId(r, { y0: 1930, y1: 2024 })),
      id('联系电话', 'CN_MOBILE', (r) => V.mobile(r)),
      text(
        '主诉',
        (r) =>
          `${V.pick(r, ['反复咳嗽', '头痛', '胸闷气短', '上腹部疼痛', '腰痛'])}${V.int(r, 1, 10)}天，${V.pick(r, ['加重1天', '伴发热', '无明显诱因', '夜间明显'])}。`,
      ),
      other('科室', (r) => V.pick(r, ['内科', '外科', '儿科', '急诊科', '心内科'])),
      decoy('就诊卡号', (r) => V.digits(r, 10)),
    ],
  },
  {
    name: 'shipping_manifest',
    rows: 900,
    columns: [
      id('船舶IMO', 'IMO_NUMBER', (r) => V.imo(r)),
      id('箱号', 'CONTAINER_NUMBER', (r) => V.container(r)),
      decoy('提单号', (r) => `${V.pick(r, ['COSU', 'MEDU', 'OOLU'])}${V.digits(r, 10)}`),
      id('托运人', 'ORG_NAME', (r) => V.company(r)),
      other('航次', (r) => `${V.int(r, 1, 999).toString().padStart(3, '0')}${V.pick(r, ['E', 'W', 'N', 'S'])}`),
      other('毛重kg', (r) => (r() * 28000).toFixed(1)),
      other('起运港', (r) => V.pick(r, ['CNSHA', 'CNNGB', 'CNSZX', 'SGSIN', 'NLRTM'])),
      decoy('封号', (r) => `${V.pick(r, ['SL', 'CN', 'EM'])}${V.digits(r, 7)}`),
    ],
  },
  {
    name: 'enterprise_registry',
    rows: 700,
    columns: [
      id('统一社会信用代码', 'CN_USCC', (r) => V.uscc(r)),
      id('企业名称', 'ORG_NAME', (r) => V.company(r)),
      id('法定代表人', 'PERSON_NAME', (r) => V.chineseName(r)),
      id('注册地址', 'POSTAL_ADDRESS', (r) => V.chineseAddress(r)),
      other('注册资本(万元)', (r) => String(V.int(r, 10, 50000))),
      decoy('成立日期', dob(0, 1985, 2024)),
      id('联系电话', 'CN_LANDLINE', (r) => V.landline(r)),
      other('经营状态', (r) => V.pick(r, ['存续', '在业', '注销', '吊销'])),
    ],
  },
  {
    name: 'opaque_dump',
    rows: 1500,
    columns: [
      id('c01', 'PERSON_NAME', (r) => V.chineseName(r)),
      id('c02', 'CN_RESIDENT_ID', (r) => V.residentId(r)),
      id('c03', 'CN_MOBILE', (r) => V.mobile(r, 0)),
      id('c04', 'EMAIL', (r) => V.email(r)),
      id('c05', 'CN_LICENSE_PLATE', (r) => V.plate(r, 0)),
      id('c06', 'VIN', (r) => V.vin(r)),
      id('c07', 'BANK_CARD', (r) => V.bankCard(r)),
      id('c08', 'POSTAL_ADDRESS', (r) => V.chineseAddress(r)),
      id('col_09', 'ETHNICITY', gender(ETH)),
      id('col_10', 'GENDER', gender(['男', '女'])),
      decoy('col_11', (r) => V.orderNo18(r)),
      decoy('col_12', (r) => V.uuid(r)),
      other('field13', (r) => V.amount(r)),
      text('field14', (r) => V.remark(r)),
      decoy('field15', seq(13800000001, 3)),
      id('field16', 'DATE_OF_BIRTH', dob(0, 1950, 2002)),
    ],
  },
  {
    name: 'logistics_waybills',
    rows: 1500,
    columns: [
      decoy('运单号', (r) => V.trackingNo(r)),
      id('寄件人', 'PERSON_NAME', (r) => V.anyChineseName(r)),
      id('寄件人电话', 'CN_MOBILE', (r) => V.mobile(r, 2)),
      id('收件人', 'PERSON_NAME', (r) => (r() < 0.3 ? V.honorific(r) : V.chineseName(r))),
      id('tel', 'CN_MOBILE', (r) => V.mobile(r, 1)),
      id('收件地址', 'POSTAL_ADDRESS', (r) => V.chineseAddress(r)),
      other('重量(kg)', (r) => (r() * 30).toFixed(2)),
      other('运费', (r) => V.amount(r)),
      decoy('快递柜编码', (r) => `${V.digits(r, 11)}`),
    ],
  },
  {
    name: 'null_heavy',
    rows: 2500,
    columns: [
      id('身份证号码', 'CN_RESIDENT_ID', (r) => V.residentId(r), { empty: 0.8 }),
      id('手机', 'CN_MOBILE', (r) => V.mobile(r), { empty: 0.85 }),
      id('Email', 'EMAIL', (r) => V.email(r), { empty: 0.8 }),
      id('车牌', 'CN_LICENSE_PLATE', (r) => V.plate(r), { empty: 0.8 }),
      id('银行卡号', 'BANK_CARD', (r) => V.bankCard(r), { empty: 0.9 }),
      decoy('order_id', (r) => V.orderNo18(r), { empty: 0.8 }),
      text('备注信息', (r) => V.remark(r), { empty: 0.95 }),
      other('status', (r) => V.pick(r, ['已完成', '待支付', '已取消'])),
    ],
  },
  {
    name: 'typo_heavy',
    rows: 1500,
    columns: [
      id('id_card_no', 'CN_RESIDENT_ID', (r) => V.residentId(r), { typos: 0.05 }),
      id('mobile', 'CN_MOBILE', (r) => V.mobile(r, 0), { typos: 0.05 }),
      id('card_no', 'BANK_CARD', (r) => V.bankCard(r), { typos: 0.05 }),
      id('vin_no', 'VIN', (r) => V.vin(r), { typos: 0.05 }),
      id('email', 'EMAIL', (r) => V.email(r), { typos: 0.05 }),
      id('车牌号码', 'CN_LICENSE_PLATE', (r) => V.plate(r), { typos: 0.05 }),
      id('name', 'PERSON_NAME', (r) => V.chineseName(r), { typos: 0.05 }),
    ],
  },
  {
    name: 'english_crm',
    rows: 1000,
    columns: [
      id('Name', 'PERSON_NAME', (r) => V.latinName(r)),
      id('E-Mail', 'EMAIL', (r) => V.email(r)),
      id('Phone', 'CN_MOBILE', (r) => V.mobile(r, 1)),
      id('DOB', 'DATE_OF_BIRTH', dob(1)),
      id('Sex', 'GENDER', gender(['M', 'F'])),
      id('Address', 'POSTAL_ADDRESS', (r) => V.englishAddress(r)),
      id('Company', 'ORG_NAME', (r) => V.company(r)),
      id('Last Login IP', 'IP_ADDRESS', (r) => V.ipv4(r)),
      other('Customer Since', (r) => V.formatDate(r, V.randomDate(r, 2015, 2025), 0)),
      other('Tier', (r) => V.pick(r, ['Gold', 'Silver', 'Bronze'])),
    ],
  },
  {
    name: 'parking_records',
    rows: 2000,
    columns: [
      id('号牌号码', 'CN_LICENSE_PLATE', (r) => V.plate(r, 1)),
      id('cph', 'CN_LICENSE_PLATE', (r) => V.plate(r, 0)),
      other('入场时间', (r) => V.timestamp(r)),
      other('出场时间', (r) => V.timestamp(r)),
      other('停车费', (r) => String(V.int(r, 0, 120))),
      decoy('车场编号', (r) => `P${V.digits(r, 6)}`),
      id('车主手机', 'CN_MOBILE', (r) => V.mobile(r), { empty: 0.5 }),
      decoy('闸机序列号', (r) => V.luhnFail16(r)),
    ],
  },
  {
    name: 'sensor_geo',
    rows: 1500,
    columns: [
      decoy('device_sn', (r) => `SN${V.digits(r, 10)}`),
      id('lat', 'GEO_COORDINATE', (r) => (22 + r() * 18).toFixed(6)),
      id('lng', 'GEO_COORDINATE', (r) => (103 + r() * 19).toFixed(6)),
      other('speed', (r) => (r() * 120).toFixed(1)),
      other('heading', (r) => String(V.int(r, 0, 359))),
      other('altitude', (r) => (r() * 500).toFixed(2)),
      decoy('gps_time', (r) => V.epochMs(r)),
    ],
  },
  {
    name: 'payments',
    rows: 1500,
    columns: [
      id('card_no', 'BANK_CARD', (r) => V.bankCard(r, r() < 0.3)),
      decoy('支付单号', (r) => V.orderNo18(r)),
      decoy('商户订单号', (r) => V.badCheckId(r)),
      other('金额', (r) => V.amount(r)),
      other('支付时间', (r) => V.timestamp(r)),
      id('buyer_ip', 'IP_ADDRESS', (r) => V.ipv4(r)),
      id('设备号', 'IMEI', (r) => V.imei(r)),
      decoy('sign', (r) => V.sha1(r)),
      decoy('nonce', (r) => V.md5(r).toUpperCase()),
    ],
  },
  {
    name: 'mixed_headers',
    rows: 1000,
    columns: [
      id('客户手机(mobile)', 'CN_MOBILE', (r) => V.mobile(r)),
      id('ID Card 号码', 'CN_RESIDENT_ID', (r) => V.residentId(r)),
      id('VIN码_vin', 'VIN', (r) => V.vin(r)),
      id('E-mail地址', 'EMAIL', (r) => V.email(r)),
      id('Birthday生日', 'DATE_OF_BIRTH', dob(3)),
      id('性别Sex', 'GENDER', gender(['男', '女'])),
      id('民族 Ethnicity', 'ETHNICITY', gender(ETH)),
      id('客户姓名Name', 'PERSON_NAME', (r) => V.chineseName(r)),
      id('公民身份号码', 'CN_RESIDENT_ID', (r) => V.residentId(r)),
      id('idcard', 'CN_RESIDENT_ID', (r) => V.residentId(r)),
      id('vin', 'VIN', (r) => V.vin(r)),
      id('车架号', 'VIN', (r) => V.vin(r)),
      id('yhkh', 'BANK_CARD', (r) => V.bankCard(r)),
      id('tyshxydm', 'CN_USCC', (r) => V.uscc(r)),
      id('uscc', 'CN_USCC', (r) => V.uscc(r)),
      id('公司名称', 'ORG_NAME', (r) => V.company(r)),
      id('container_no', 'CONTAINER_NUMBER', (r) => V.container(r)),
      id('imo', 'IMO_NUMBER', (r) => V.imo(r)),
      id('longitude', 'GEO_COORDINATE', (r) => (103 + r() * 19).toFixed(5)),
      id('latitude', 'GEO_COORDINATE', (r) => (22 + r() * 18).toFixed(5)),
      id('住址', 'POSTAL_ADDRESS', (r) => V.chineseAddress(r)),
      id('address', 'POSTAL_ADDRESS', (r) => V.chineseAddress(r)),
      id('diagnosis', 'HEALTH_DIAGNOSIS', (r) =>
        r() < 0.5 ? V.pick(r, V.ICD) : `${V.pick(r, V.ICD)} ${V.pick(r, V.DX_ZH)}`,
      ),
      id('client_ip', 'IP_ADDRESS', (r) => V.ipv4(r)),
      id('name', 'PERSON_NAME', (r) => V.chineseName(r)),
      id('birthday', 'DATE_OF_BIRTH', dob(4)),
      id('dob', 'DATE_OF_BIRTH', dob(0)),
      id('zjhm', 'CN_RESIDENT_ID', (r) => V.residentId(r)),
      id('mobile_phone', 'CN_MOBILE', (r) => V.mobile(r, 4)),
      id('sjh', 'CN_MOBILE', (r) => V.mobile(r, 5)),
      id('lxdh', 'CN_MOBILE', (r) => V.mobile(r)),
      id('card_no', 'BANK_CARD', (r) => V.bankCard(r, true)),
      id('vin_no', 'VIN', (r) => V.vin(r)),
      id('车牌', 'CN_LICENSE_PLATE', (r) => V.plate(r)),
      id('mz', 'ETHNICITY', gender(ETH_SHORT)),
      id('sex', 'GENDER', gender(['male', 'female', 'M', 'F'])),
      id('csrq', 'DATE_OF_BIRTH', dob(2)),
      id('设备号', 'IMEI', (r) => V.imei(r)),
      id('mac', 'MAC_ADDRESS', (r) => V.mac(r, ':', true)),
      id('xm', 'PERSON_NAME', (r) => V.chineseName(r)),
    ],
  },
  {
    name: 'decoy_zoo',
    rows: 1200,
    columns: [
      decoy('phone_model', (r) =>
        V.pick(r, ['iPhone 14 Pro', 'HUAWEI Mate 60', 'Xiaomi 14', 'OPPO Reno11', 'vivo X100']),
      ),
      decoy('code', (r) => V.orderNo18(r)),
      decoy('id', (r) => V.uuid(r)),
      decoy('hash', (r) => V.sha1(r)),
      decoy('serial', seq(13000000000, 1)),
      decoy('invoice_no', seq(13100001234, 1)),
      decoy('sn', (r) => V.digits(r, 15)),
      decoy('epoch', (r) => V.epochS(r)),
      decoy('version', (r) => V.version(r)),
      decoy('sku_code', (r) => V.sku17(r)),
      decoy('part_number', (r) => V.partNo(r)),
      decoy('batch', (r) => `${V.formatDate(r, V.randomDate(r, 2023, 2025), 2)}${V.digits(r, 4)}`),
      decoy('card_type', (r) => V.pick(r, ['借记卡', '信用卡', '准贷记卡'])),
      decoy('id_type', (r) => V.pick(r, ['身份证', '护照', '港澳通行证', '军官证'])),
      decoy('mobile_model', (r) => V.pick(r, ['iPhone 15', 'Mate 60 Pro', 'Redmi K70'])),
      decoy('price', (r) => (r() * 999).toFixed(2)),
      decoy('ratio', (r) => r().toFixed(6)),
      decoy('created', (r) => V.epochMs(r)),
      decoy('trace_id', (r) => V.md5(r)),
      decoy('luhn_fail_card_like', (r) => V.luhnFail16(r, V.pick(r, ['4', '5', '62']))),
      text('comment', (r) => V.remark(r)),
    ],
  },
  {
    name: 'clinical_trial',
    rows: 600,
    columns: [
      decoy('subject_id', (r, i) => `S-${String(V.int(r, 1, 12)).padStart(3, '0')}-${String(i).padStart(4, '0')}`),
      id('出生日期', 'DATE_OF_BIRTH', dob(3, 1945, 2000)),
      id('性别', 'GENDER', gender(['男', '女'])),
      id('民族', 'ETHNICITY', gender(ETH)),
      id('ae_term', 'HEALTH_DIAGNOSIS', (r) => V.pick(r, V.AE_EN)),
      id('诊断', 'HEALTH_DIAGNOSIS', (r) => `${V.pick(r, V.ICD)} ${V.pick(r, V.DX_ZH)}`),
      id('sequence', 'GENETIC_SEQUENCE', (r) => V.dna(r)),
      id(
        '中心名称',
        'ORG_NAME',
        (r) => `${V.pick(r, ['上海', '北京', '广州'])}市第${V.pick(r, ['一', '二', '六'])}人民医院`,
      ),
      decoy('剂量(mg)', (r) => String(V.pick(r, [5, 10, 20, 40]))),
      decoy('visit', (r) => `V${V.int(r, 1, 9)}`),
    ],
  },
  {
    name: 'export_quirks',
    rows: 1500,
    columns: [
      id('身份证号', 'CN_RESIDENT_ID', (r) => (r() < 0.7 ? 'NULL' : `\t${V.residentId(r)}`)),
      id('手机号码', 'CN_MOBILE', (r) =>
        r() < 0.5 ? V.pick(r, ['\\N', 'null', '-', 'N/A', '无']) : `'${V.mobile(r, 0)}`,
      ),
      id('birth_date', 'DATE_OF_BIRTH', (r) => {
        const [y, m, d] = V.randomDate(r, 1950, 2004);
        return `${String(m).padStart(2, '0')}/${String(d).padStart(2, '0')}/${y}`;
      }),
      id('gender', 'GENDER', gender(['Male', 'Female'])),
      id('性别代码', 'GENDER', gender(['0', '1'])),
      id('xb_mc', 'GENDER', gender(['男性', '女性'])),
      decoy('nick_name', (r) =>
        V.pick(r, [
          '小猪佩奇',
          '快乐每一天',
          '追风少年',
          '阳光',
          '晴天',
          '木子李',
          '一路向北',
          '静待花开',
          '金牌讲师',
          'Lucky',
          '大白',
          '风中的云',
          '王者归来',
          '张小胖',
        ]),
      ),
      decoy('product_name', (r) =>
        V.pick(r, [
          '机油滤清器',
          '空气滤芯',
          'iPhone 15 手机壳',
          '刹车片(前)',
          '雨刮器',
          '蓝牙耳机',
          '张小泉剪刀',
          '王老吉凉茶',
        ]),
      ),
      other('city', (r) => V.pick(r, ['上海市', '北京市', '广东省深圳市', '浙江省杭州市', '江苏省苏州市'])),
      id('server_address', 'IP_ADDRESS', (r) => V.ipv4(r)),
      decoy('firmware', (r) => `${V.int(r, 1, 3)}.${V.int(r, 0, 9)}.${V.int(r, 0, 9)}.${V.int(r, 1, 60)}`),
      decoy('url', (r) => `https://shop.example.cn/item/${V.digits(r, 8)}.html`),
      id('紧急联系人', 'PERSON_NAME', (r) => V.chineseName(r)),
      id('紧急联系人电话', 'CN_MOBILE', (r) => V.mobile(r)),
      id('custName', 'PERSON_NAME', (r) => V.chineseName(r)),
      id('ownerMobileNo', 'CN_MOBILE', (r) => V.mobile(r)),
      decoy('userName', (r) => V.pinyinLogin(r) + V.int(r, 1, 999)),
      id('位置', 'GEO_COORDINATE', (r) => V.coordPair(r).replace(',', ', ')),
    ],
  },
  {
    name: 'vehicle_owners_en',
    rows: 1200,
    columns: [
      id('owner_name', 'PERSON_NAME', (r) => V.chineseName(r)),
      id('owner_id_no', 'CN_RESIDENT_ID', (r) => V.residentId(r, { lowerX: true })),
      id('plate_no', 'CN_LICENSE_PLATE', (r) => V.plate(r, 2)),
      id('vin_code', 'VIN', (r) => V.vin(r)),
      decoy('engine_no', (r) => `${V.pick(r, ['CSS', 'DKX', 'EA2', 'G4F'])}${V.digits(r, 6)}`),
      decoy('insurance_policy_no', (r) => `PDAA${V.formatDate(r, V.randomDate(r, 2020, 2025), 2)}${V.digits(r, 10)}`),
      other('purchase_date', (r) => V.formatDate(r, V.randomDate(r, 2012, 2025), 0)),
      other('model', (r) => V.pick(r, ['Model Y', 'ID.4 CROZZ', 'Passat', 'Camry', 'Han EV'])),
      other('color', (r) => V.pick(r, ['白', '黑', '灰', '蓝'])),
      decoy('odometer_km', (r) => String(V.int(r, 10000000000, 19999999999))),
    ],
  },
  {
    name: 'travel_and_telecom',
    rows: 1500,
    columns: [
      id('英文姓名', 'PERSON_NAME', (r) => V.latinName(r).toUpperCase()),
      id('护照号码', 'CN_PASSPORT', (r) =>
        r() < 0.7 ? `E${V.digits(r, 8)}` : `E${V.pick(r, ['A', 'B', 'C', 'D', 'F', 'G', 'H', 'J'])}${V.digits(r, 7)}`,
      ),
      id('港澳通行证号', 'CN_HMT_PERMIT', (r) => `C${V.digits(r, 8)}`),
      id('办公电话', 'CN_LANDLINE', (r) => (r() < 0.25 ? `${V.landline(r)}-${V.digits(r, 4)}` : V.landline(r))),
      id('联系手机', 'CN_MOBILE', (r) => (r() < 0.15 ? `${V.mobile(r, 0)}/${V.mobile(r, 0)}` : V.mobile(r))),
      decoy('受理单号', (r) => {
        const [y, m, d] = V.randomDate(r, 2021, 2025);
        return `${V.pick(r, ['310115', '440305', '110105', '320583'])}${String(y % 100).padStart(2, '0')}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${V.digits(r, 3)}`;
      }),
      decoy('iccid', (r) => {
        const b = `898604${V.digits(r, 12)}`;
        for (let c = 0; c < 10; c++) if (V.luhnOk(b + c)) return b + c;
        return b;
      }),
      decoy('imsi', (r) => `46000${V.digits(r, 10)}`),
      id('收货地址', 'POSTAL_ADDRESS', (r) =>
        r() < 0.4
          ? `${V.pick(r, ['文一西路', '人民路', '张江路', '建国路'])}${V.int(r, 1, 999)}号${V.int(r, 1, 30)}幢${V.int(r, 101, 1802)}室`
          : V.chineseAddress(r),
      ),
      id('住址(ZZ)', 'POSTAL_ADDRESS', (r) => V.chineseAddress(r)),
      decoy(
        '门店名称',
        (r) =>
          `${V.pick(r, ['徐汇区漕溪北路', '浦东张江', '南山科技园', '天河体育中心'])}${V.pick(r, ['店', '旗舰店', '体验店'])}`,
      ),
      other('颜色', (r) => V.pick(r, ['白色', '黑色', '金色', '银色', '蓝色', '红色'])),
    ],
  },
  {
    name: 'member_profiles',
    rows: 1200,
    columns: [
      id('证件号码', 'CN_RESIDENT_ID', (r) => (r() < 0.9 ? V.residentId(r, { lowerX: true }) : `E${V.digits(r, 8)}`)),
      id('会员姓名', 'PERSON_NAME', (r) => V.anyChineseName(r)),
      decoy('size', (r) => V.pick(r, ['S', 'M', 'L', 'XL', 'XXL'])),
      decoy('是否会员', (r) => V.pick(r, ['Y', 'N'])),
      decoy('邮编', (r) => V.pick(r, ['200120', '100020', '518057', '310012', '610041'])),
      decoy('qq', (r) => String(V.int(r, 100000, 3999999999))),
      decoy('wechat_id', (r) => `wxid_${V.md5(r).slice(0, 14)}`),
      other('联系方式', (r) => (r() < 0.7 ? V.mobile(r, 0) : V.email(r))),
      other('age', (r) => String(V.int(r, 18, 80))),
      id('车牌号码', 'CN_LICENSE_PLATE', (r) => (r() < 0.05 ? V.plate(r, 0).toLowerCase() : V.plate(r))),
      decoy('sex_ratio', (r) => (0.9 + r() * 0.2).toFixed(3)),
      other('婚姻状况', (r) => V.pick(r, ['已婚', '未婚', '离异'])),
      decoy('rating', (r) => V.pick(r, ['1', '2', '3', '4', '5'])),
    ],
  },
];

/** Builds one dataset deterministically from its spec and a seed. */
export function buildDataset(spec: DatasetSpec, seed: number): HeldoutDataset {
  const r = V.rng(seed);
  const rows: (string | null)[][] = [];
  for (let i = 0; i < spec.rows; i++) {
    const row: (string | null)[] = [];
    for (const c of spec.columns) {
      if (c.empty && r() < c.empty) {
        row.push(r() < 0.5 ? null : '');
        continue;
      }
      let v = c.gen(r, i);
      if (v !== null && c.typos && r() < c.typos) v = V.typo(r, v);
      row.push(v);
    }
    rows.push(row);
  }
  return {
    name: spec.name,
    columns: spec.columns.map((c) => c.name),
    rows,
    labels: {
      dataset: spec.name,
      columns: spec.columns.map((c) => ({
        name: c.name,
        infoType: c.infoType,
        decoy: c.decoy === true,
        kind: c.kind ?? (c.infoType ? 'identifier' : 'other'),
      })),
    },
  };
}

export function buildAll(seed = 4242): HeldoutDataset[] {
  return SPECS.map((s, i) => buildDataset(s, seed + i * 7919));
}
