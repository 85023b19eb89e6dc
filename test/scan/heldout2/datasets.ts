/**
 * Red team 2: 15 tables the first red-team set does not cover well (telematics with `wd`/`jd`, insurance claims,
 * outpatient HIS, pinyin HR, shipping with `IMO ` prefixes and Co., Ltd. consignees, CRM with openid/IPv6, e-commerce
 * with masked phones and EAN-13 barcodes, genomics reads, NEV parking, English split-name/address-part tables, and a
 * zoo of check-digit-bearing decoys: GTIN, ISBN, ICCID, IMSI). Labels follow infotypes.md:
 * - split first/last name columns hold parts of a person's name → PERSON_NAME;
 * - masked values (`138****8000`, `110105********0021`) fail validation → null (and must not be flagged);
 * - city / zip / state columns alone are not a street address → null;
 * - 8-bp index sequences are shorter than a genetic sequence (≥ 20) → null.
 */
import * as V from './values.js';

type Gen = (r: V.R, i: number) => string | null;
export interface Col {
  name: string;
  infoType: string | null;
  decoy: boolean;
  kind: 'identifier' | 'free_text' | 'other';
  gen: Gen;
  empty?: number;
}
export interface Dataset2 {
  name: string;
  columns: string[];
  rows: (string | null)[][];
  labels: {
    dataset: string;
    columns: Array<{
      name: string;
      infoType: string | null;
      decoy: boolean;
      kind: 'identifier' | 'free_text' | 'other';
    }>;
  };
}
const id = (name: string, infoType: string, gen: Gen, empty = 0): Col => ({
  name,
  infoType,
  decoy: false,
  kind: 'identifier',
  gen,
  empty,
});
const decoy = (name: string, gen: Gen): Col => ({ name, infoType: null, decoy: true, kind: 'other', gen });
const other = (name: string, gen: Gen): Col => ({ name, infoType: null, decoy: false, kind: 'other', gen });

const lat = (r: V.R) => (r.int(22_000_000, 40_999_999) / 1e6).toFixed(6);
const lng = (r: V.R) => (r.int(102_000_000, 122_999_999) / 1e6).toFixed(6);
const pick =
  (...xs: string[]): Gen =>
  (r) =>
    r.pick(xs);
const ICD = [
  'J06.9',
  'I10',
  'E11.9',
  'K29.7',
  'M54.5',
  'J18.9',
  'N39.0',
  'I25.1',
  'R51',
  'K21.0',
  'J45.9',
  'E78.5',
  'G43.9',
  'L30.9',
  'H10.9',
  'A09.9',
  'J20.9',
  'K52.9',
];
const DIAG_ZH = [
  '上呼吸道感染',
  '高血压',
  '2型糖尿病',
  '慢性胃炎',
  '腰痛',
  '肺炎',
  '尿路感染',
  '冠心病',
  '头痛',
  '胃食管反流病',
  '支气管哮喘',
  '高脂血症',
  '偏头痛',
  '湿疹',
  '结膜炎',
  '急性胃肠炎',
  '急性支气管炎',
  '失眠',
];

const SPECS: Array<{ name: string; rows: number; cols: Col[] }> = [
  {
    name: 'vehicle_telematics',
    rows: 400,
    cols: [
      id('vin', 'VIN', V.vin),
      id('imei', 'IMEI', V.imei),
      decoy('iccid', V.iccid),
      decoy('imsi', V.imsi),
      id('lat', 'GEO_COORDINATE', lat),
      id('lng', 'GEO_COORDINATE', lng),
      other('speed', (r) => (r.int(0, 1200) / 10).toFixed(1)),
      other('odometer', (r) => String(r.int(100, 240000))),
      other('heading', (r) => String(r.int(0, 359))),
      other('gps_time', (r) => V.ts(r, 1)),
      other('soc', (r) => String(r.int(5, 100))),
      decoy('terminal_sn', (r) => `T${r.digits(15)}`),
    ],
  },
  {
    name: 'telematics_cn',
    rows: 300,
    cols: [
      id('车架号', 'VIN', V.vin),
      id('终端IMEI', 'IMEI', V.imei),
      decoy('SIM卡号', V.iccid),
      id('wd', 'GEO_COORDINATE', lat),
      id('jd', 'GEO_COORDINATE', lng),
      other('速度(km/h)', (r) => String(r.int(0, 130))),
      other('总里程', (r) => (r.int(1000, 3_000_000) / 10).toFixed(1)),
      other('上报时间', (r) => V.ts(r, 2)),
      other('车辆状态', pick('行驶', '熄火', '充电', '停车')),
      id('车牌号', 'CN_LICENSE_PLATE', (r) => V.plate(r, 0.8)),
    ],
  },
  {
    name: 'insurance_claims',
    rows: 350,
    cols: [
      decoy('保单号', (r) => `P${r.pick(['DAA', 'DZA', 'EAA'])}${r.int(2023, 2025)}${r.pick(V.REGIONS)}${r.digits(9)}`),
      decoy('报案号', V.orderNo18),
      id('被保险人', 'PERSON_NAME', V.cnName),
      id('身份证号', 'CN_RESIDENT_ID', (r) => {
        const v = V.residentId(r, 1950, 2004, true);
        return r.chance(0.3) ? `${v.slice(0, 6)} ${v.slice(6, 14)} ${v.slice(14)}` : v;
      }),
      id('收款银行卡号', 'BANK_CARD', (r) => V.bankCard(r, 1)),
      other('赔款金额', (r) => V.money(r, 100, 80000)),
      id('出险地点', 'POSTAL_ADDRESS', (r) => V.cnAddress(r, r.int(0, 1))),
      other('出险时间', (r) => V.ts(r)),
      other('险种', pick('交强险', '商业三者险', '车损险', '意外险', '医疗险')),
      id('联系电话', 'CN_MOBILE', V.mobile),
      other('案件状态', pick('已结案', '理算中', '待查勘', '已注销')),
    ],
  },
  {
    name: 'hospital_outpatient',
    rows: 350,
    cols: [
      decoy('门诊号', (r) => `MZ${r.int(2024, 2025)}${r.digits(8)}`),
      decoy('病历号', (r) => r.digits(10)),
      id('患者姓名', 'PERSON_NAME', V.cnName),
      id('性别', 'GENDER', pick('男', '女')),
      other('年龄', (r) => `${r.int(1, 90)}岁`),
      id('ICD-10', 'HEALTH_DIAGNOSIS', (r) => r.pick(ICD)),
      id('诊断', 'HEALTH_DIAGNOSIS', (r) => r.pick(DIAG_ZH)),
      other(
        '科室',
        pick('呼吸内科', '消化内科', '心血管内科', '内分泌科', '骨科', '皮肤科', '眼科', '神经内科', '全科'),
      ),
      id('医生姓名', 'PERSON_NAME', V.cnName),
      other('就诊日期', (r) => V.fmtDate(V.date(r, 2024, 2025), 0)),
      other('挂号费', pick('5.00', '10.00', '25.00', '50.00')),
      decoy('医保卡号', (r) => `${r.pick(['1', '3', '4'])}${r.digits(8)}`),
    ],
  },
  {
    name: 'hr_pinyin',
    rows: 300,
    cols: [
      decoy('gh', (r) => `${r.int(2010, 2025)}${r.digits(4)}`),
      id('xm', 'PERSON_NAME', V.cnName),
      id('xb', 'GENDER', pick('男', '女')),
      id('csrq', 'DATE_OF_BIRTH', (r) => V.fmtDate(V.date(r, 1962, 2003), 1)),
      id('mz', 'ETHNICITY', (r) => r.pick(V.ETHNIC_FULL)),
      id('sfzh', 'CN_RESIDENT_ID', (r) => V.residentId(r, 1962, 2003, true)),
      id('sjhm', 'CN_MOBILE', V.mobile),
      id('yhkh', 'BANK_CARD', V.bankCard),
      id('jtzz', 'POSTAL_ADDRESS', (r) => V.cnAddress(r)),
      other('bmmc', pick('财务部', '研发中心', '市场部', '行政部', '生产一车间')),
      decoy('rzrq', (r) => V.fmtDate(V.date(r, 1985, 2025), 0)),
      other('gzje', (r) => V.money(r, 4000, 40000)),
    ],
  },
  {
    name: 'shipping_manifest_2',
    rows: 300,
    cols: [
      id('vessel_imo', 'IMO_NUMBER', (r) => V.imo(r, 'IMO ')),
      decoy(
        'vessel_name',
        pick(
          'COSCO SHIPPING ARIES',
          'MSC GULSUN',
          'EVER GIVEN',
          'ZHONG GU BO HAI',
          'XIN YANG SHAN',
          'CSCL GLOBE',
          'MING ZHOU 22',
          'HUA HANG 7',
          'ONE APUS',
        ),
      ),
      id('container_no', 'CONTAINER_NUMBER', V.container),
      decoy('bl_no', (r) => `${r.pick(['COSU', 'MEDU', 'OOLU', 'EGLV'])}${r.digits(10)}`),
      other('pol', pick('CNSHA', 'CNNGB', 'CNYTN', 'CNTAO', 'CNXMN')),
      other('pod', pick('USLAX', 'NLRTM', 'DEHAM', 'SGSIN', 'JPTYO', 'AEJEA')),
      id('consignee', 'ORG_NAME', (r) => V.orgName(r, 0.5)),
      id('consignee_uscc', 'CN_USCC', V.uscc),
      id('agent', 'ORG_NAME', (r) => V.orgName(r, 1)),
      other('gross_weight_kg', (r) => String(r.int(800, 28000))),
      decoy('hs_code', (r) => `${r.int(10, 97)}${r.digits(8)}`),
      decoy('seal_no', (r) => `${r.pick(['CN', 'SL', 'EMC'])}${r.digits(7)}`),
    ],
  },
  {
    name: 'crm_marketing',
    rows: 400,
    cols: [
      id(
        'email',
        'EMAIL',
        (r) =>
          `${r.pick(['li', 'wang', 'tom', 'amy', 'zhang.wei', 'chen_1990'])}${r.int(1, 9999)}@${r.pick(['qq.com', '163.com', 'gmail.com', 'outlook.com', 'corp.example.cn', 'sina.com.cn'])}`,
      ),
      decoy('openid', (r) => `o${r.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_', 27)}`),
      decoy('unionid', (r) => `o${r.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_', 27)}`),
      decoy('device_id', (r) => V.uuid(r).toUpperCase()),
      id('ipv6', 'IP_ADDRESS', V.ipv6),
      id('mac', 'MAC_ADDRESS', (r) => V.mac(r, ':', r.chance(0.5))),
      other('utm_source', pick('wechat', 'douyin', 'baidu', 'xiaohongshu', 'offline')),
      other('signup_at', (r) => V.ts(r, 1)),
      decoy('member_level_code', (r) => `L${r.int(1, 9)}`),
      decoy('ad_click_id', (r) => V.hex(r, 40)),
    ],
  },
  {
    name: 'ecommerce_orders_2',
    rows: 400,
    cols: [
      decoy('订单编号', V.orderNo18),
      id('收货人', 'PERSON_NAME', V.cnName),
      id('收货地址', 'POSTAL_ADDRESS', (r) => V.cnAddress(r)),
      decoy('手机', V.maskedMobile),
      decoy('商品条码', V.gtin13),
      decoy('快递单号', (r) =>
        r.pick([`SF${r.digits(12)}`, `YT${r.digits(13)}`, `JT${r.digits(13)}`, `7${r.digits(11)}`]),
      ),
      other('下单时间', (r) => V.ts(r)),
      other('实付金额', (r) => V.money(r, 1, 3000)),
      decoy(
        'product_name',
        pick(
          'Apple Watch',
          'Galaxy Buds',
          'Rose Gold',
          'Ocean Breeze',
          'Kindle Paperwhite',
          'Air Max',
          'Mason Jar',
          'Grace Wood',
        ),
      ),
      decoy('买家昵称', (r) => `${r.pick(V.SURNAMES)}${r.pick(['*', '**', '某'])}`),
      decoy('支付卡号', (r) => {
        const c = V.bankCard(r);
        return `${c.slice(0, 4)} **** **** ${c.slice(-4)}`;
      }),
      other('商品名称', pick('纯棉T恤 白色 L', '无线蓝牙耳机', '有机大米5kg', '儿童保温杯', '运动跑鞋 42码')),
      decoy('买家证件', (r) => {
        const v = V.residentId(r);
        return `${v.slice(0, 6)}********${v.slice(14)}`;
      }),
    ],
  },
  {
    name: 'genomics_samples',
    rows: 250,
    cols: [
      decoy('sample_id', (r) => `S${r.int(2023, 2025)}-${r.digits(6)}`),
      id('read_seq', 'GENETIC_SEQUENCE', (r) => V.dna(r, r.int(50, 150))),
      decoy('index_seq', (r) => V.dna(r, 8)),
      other('species', pick('Homo sapiens')),
      other('tissue', pick('blood', 'saliva', 'FFPE', 'tumor', 'plasma')),
      other('q30', (r) => (r.int(8500, 9800) / 100).toFixed(2)),
      decoy('flowcell', (r) => `H${r.chars('ABCDEFGHJKLMNPQRSTUVWXYZ0123456789', 4)}DSX${r.digits(1)}`),
      other('concentration_ng_ul', (r) => (r.int(50, 9000) / 100).toFixed(2)),
    ],
  },
  {
    name: 'parking_nev',
    rows: 300,
    cols: [
      id('车牌号码', 'CN_LICENSE_PLATE', (r) => V.plate(r, 0.6)),
      other('入场时间', (r) => V.ts(r)),
      other('出场时间', (r) => V.ts(r)),
      other('应收金额', (r) => V.money(r, 0, 120)),
      decoy('车位号', (r) => `${r.pick(['B1', 'B2', 'F1'])}-${r.int(1, 420)}`),
      decoy('交易流水号', (r) => `${r.int(2024, 2025)}${r.digits(16)}`),
      other('支付方式', pick('微信', '支付宝', 'ETC', '现金')),
    ],
  },
  {
    name: 'english_people',
    rows: 300,
    cols: [
      id('first_name', 'PERSON_NAME', (r) => r.pick(r.chance(0.5) ? V.EN_FIRST : V.PINYIN_GIVEN)),
      id('last_name', 'PERSON_NAME', (r) => r.pick(r.chance(0.5) ? V.EN_LAST : V.PINYIN_SUR)),
      id(
        'street',
        'POSTAL_ADDRESS',
        (r) =>
          `${r.int(1, 9999)} ${r.pick(['Oak', 'Maple', 'Main', 'Park', 'Cedar', 'Washington', 'Lake', 'Hill'])} ${r.pick(['Street', 'St', 'Avenue', 'Ave', 'Road', 'Rd', 'Blvd', 'Lane', 'Drive'])}`,
      ),
      id('contact', 'PERSON_NAME', (r) => `${r.pick(V.PINYIN_GIVEN)} ${r.pick(V.PINYIN_SUR)}`),
      other('city', pick('Seattle', 'Austin', 'Boston', 'Denver', 'Portland', 'San Jose')),
      other('state', pick('WA', 'TX', 'MA', 'CO', 'OR', 'CA')),
      other('zip', (r) => String(r.int(10000, 99999))),
      id('email', 'EMAIL', (r) => `${r.pick(V.EN_FIRST).toLowerCase()}.${r.int(1, 99)}@example.com`),
      id('date_of_birth', 'DATE_OF_BIRTH', (r) => V.fmtDate(V.date(r, 1950, 2004), 4)),
      decoy('phone', (r) => `(${r.int(201, 989)}) 555-${r.digits(4)}`),
      decoy('customer_id', (r) => `C${r.digits(8)}`),
    ],
  },
  {
    name: 'decoy_zoo_2',
    rows: 400,
    cols: [
      decoy('gtin', V.gtin13),
      decoy('isbn', V.isbn13),
      decoy('order_id', V.orderNo18),
      decoy('account_no', (r) => `${r.pick(['10', '11', '12', '20', '51', '88'])}${r.digits(9)}`),
      decoy('ref_no', (r) => V.luhnFail(r, 16, r.pick(['62', '4', '5', '9']))),
      decoy('sku', V.sku17),
      decoy('uuid', V.uuid),
      decoy('event_ts', (r) => V.ts(r, 2)),
      decoy('sha1', (r) => V.hex(r, 40)),
      decoy('app_version', (r) => `${r.int(1, 9)}.${r.int(0, 30)}.${r.int(0, 20)}.${r.int(0, 60)}`),
      decoy('seq', (_r, i) => String(1_000_000 + i)),
      decoy('ups_tracking', (r) => `1Z${r.chars('0123456789ABCDEFGHJKLMNPRSTUVWXYZ', 6)}${r.digits(10)}`),
      decoy('imsi', V.imsi),
      decoy('iccid', V.iccid),
      decoy('batch_date', (r) => V.fmtDate(V.date(r, 1960, 2024), 1)),
      decoy('msisdn_counter', (_r, i) => String(13_800_000_000 + i)),
      decoy('geo_hash', (r) => r.chars('0123456789bcdefghjkmnpqrstuvwxyz', 9)),
    ],
  },
  {
    name: 'bank_transfers',
    rows: 300,
    cols: [
      id('收款人户名', 'PERSON_NAME', V.cnName),
      id('收款账号', 'BANK_CARD', (r) => V.bankCard(r, 2)),
      id('付款单位', 'ORG_NAME', (r) => V.orgName(r, 0)),
      id('付款单位统一社会信用代码', 'CN_USCC', V.uscc),
      other('金额', (r) => V.money(r, 1, 500000)),
      decoy('流水号', (r) => r.digits(20)),
      other('摘要', pick('货款', '工资', '报销', '服务费', '退款')),
      other('交易日期', (r) => V.fmtDate(V.date(r, 2024, 2025), 1)),
    ],
  },
  {
    name: 'school_roster',
    rows: 300,
    cols: [
      decoy('学号', (r) => `${r.int(2018, 2024)}${r.digits(6)}`),
      id('学生姓名', 'PERSON_NAME', V.cnName),
      id('性别', 'GENDER', pick('男', '女')),
      id('民族', 'ETHNICITY', (r) => r.pick(V.ETHNIC_FULL)),
      id('身份证件号', 'CN_RESIDENT_ID', (r) => V.residentId(r, 2008, 2018)),
      id('出生日期', 'DATE_OF_BIRTH', (r) => V.fmtDate(V.date(r, 2008, 2018), 3)),
      id('家长姓名', 'PERSON_NAME', V.cnName),
      id('家长手机', 'CN_MOBILE', (r) => (r.chance(0.3) ? `+86 ${V.mobile(r)}` : V.mobile(r))),
      id('家庭住址', 'POSTAL_ADDRESS', (r) => V.cnAddress(r, 1)),
      other('班级', (r) => `${r.int(1, 9)}年级${r.int(1, 12)}班`),
    ],
  },
  {
    name: 'network_logs',
    rows: 400,
    cols: [
      id('src_ip', 'IP_ADDRESS', V.ipv4),
      id('dst_ip6', 'IP_ADDRESS', V.ipv6),
      id('src_mac', 'MAC_ADDRESS', (r) => V.mac(r, '-', true)),
      other('dst_port', pick('80', '443', '8080', '53', '22', '3306')),
      other('bytes', (r) => String(r.int(40, 1_500_000))),
      decoy('session_id', (r) => V.hex(r, 32)),
      other('proto', pick('TCP', 'UDP', 'ICMP')),
      other('log_time', (r) => V.ts(r, 1)),
      decoy('rule_id', (r) => `${r.int(1, 3)}.${r.int(0, 9)}.${r.int(0, 9)}.${r.int(0, 40)}`),
    ],
  },
  {
    name: 'messy_contacts',
    rows: 300,
    cols: [
      id(
        'contact_mobile',
        'CN_MOBILE',
        (r) => {
          const m = V.mobile(r);
          return r.pick([
            m,
            `+86-${m.slice(0, 3)}-${m.slice(3, 7)}-${m.slice(7)}`,
            `(+86)${m}`,
            `${m.slice(0, 3)} ${m.slice(3, 7)} ${m.slice(7)}`,
            `0086${m}`,
          ]);
        },
        0.2,
      ),
      id('office_tel', 'CN_LANDLINE', (r) =>
        r.pick([
          `021-${r.int(2, 9)}${r.digits(7)}`,
          `0755-8${r.digits(6)}转${r.int(100, 999)}`,
          `(010)6${r.digits(7)}`,
          `0571 8${r.digits(7)}`,
        ]),
      ),
      id(
        'EMAIL_ADDR',
        'EMAIL',
        (r) =>
          `${r.pick(['Info', 'HR', 'Zhang.Wei', 'sales'])}${r.int(1, 999)}@${r.pick(['Example.COM', 'corp.cn', 'qq.com'])}`,
      ),
      id('location', 'GEO_COORDINATE', (r) => `${lng(r)},${lat(r)}`),
      id('zd', 'HEALTH_DIAGNOSIS', (r) => `${r.pick(ICD)} ${r.pick(DIAG_ZH)}`),
      id('old_id_no', 'CN_RESIDENT_ID', (r) => {
        if (r.chance(0.4)) {
          const [y, m, d] = V.date(r, 1930, 1968);
          return `${r.pick(V.REGIONS)}${String(y).slice(2)}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${r.digits(3)}`;
        }
        return V.residentId(r, 1930, 1968, true);
      }),
      decoy('yb', (r) => `${r.pick(['200', '100', '510', '310', '610'])}${r.digits(3)}`),
      decoy('android_id', (r) => V.hex(r, 16)),
      decoy('snowflake_id', (r) => `1${r.int(7, 8)}${r.digits(17)}`),
      decoy('ts_ms', (r) => `${V.ts(r, 2)}${r.digits(3)}`),
      {
        name: '出险经过',
        infoType: null,
        decoy: true,
        kind: 'free_text',
        gen: (r) =>
          `${r.pick(V.SURNAMES)}先生驾驶${V.plate(r, 0)}在${r.pick(['中山路', '延安高架', '沪昆高速'])}与前车追尾，${r.pick(['无人员受伤', '车头受损', '已报警处理'])}，联系电话${V.mobile(r)}。`,
      },
    ],
  },
];

export function build(spec: (typeof SPECS)[number], seed: number): Dataset2 {
  const r = new V.R(seed * 7919 + spec.name.length * 104729 + spec.name.charCodeAt(0));
  const rows: (string | null)[][] = [];
  for (let i = 0; i < spec.rows; i++)
    rows.push(spec.cols.map((c) => (c.empty && r.chance(c.empty) ? null : c.gen(r, i))));
  return {
    name: spec.name,
    columns: spec.cols.map((c) => c.name),
    rows,
    labels: {
      dataset: spec.name,
      columns: spec.cols.map(({ name, infoType, decoy, kind }) => ({ name, infoType, decoy, kind })),
    },
  };
}
export const buildAll2 = (seed: number): Dataset2[] => SPECS.map((s) => build(s, seed));
