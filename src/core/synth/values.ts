/**
 * @module core/synth/values
 * Realistic synthetic values, each valid under its detector's full check (or, for decoys, made to FAIL it while
 * keeping the shape). Real region codes, WMIs, issuer prefixes, container owner codes, ICD-10 codes.
 */
import {
  iso6346CheckDigit,
  luhnCheckDigit,
  mod112CheckChar,
  USCC_ALPHABET,
  usccCheckChar,
  vinCheckChar,
} from '../detect/checksums.js';
import { DIAGNOSIS_TERMS_EN, DIAGNOSIS_TERMS_ZH, ETHNIC_GROUPS } from '../detect/person-data.js';
import type { Rng } from './prng.js';

export const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const SURNAME_PINYIN: Record<string, string> = {
  王: 'Wang',
  李: 'Li',
  张: 'Zhang',
  刘: 'Liu',
  陈: 'Chen',
  杨: 'Yang',
  黄: 'Huang',
  赵: 'Zhao',
  吴: 'Wu',
  周: 'Zhou',
  徐: 'Xu',
  孙: 'Sun',
  马: 'Ma',
  朱: 'Zhu',
  胡: 'Hu',
  郭: 'Guo',
  何: 'He',
  高: 'Gao',
  林: 'Lin',
  罗: 'Luo',
  郑: 'Zheng',
  梁: 'Liang',
  谢: 'Xie',
  宋: 'Song',
  唐: 'Tang',
  许: 'Xu',
  韩: 'Han',
  冯: 'Feng',
  邓: 'Deng',
  曹: 'Cao',
};
const GIVEN =
  '伟芳娜秀敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红梅鑫波斌宇浩凯健俊帆帅旭宁欣怡佳琪晨轩子涵雨萱梓睿博文昊然思远建国志强海燕晓东丹丹瑶婷雪慧颖倩';
const GIVEN_PINYIN = [
  'Wei',
  'Fang',
  'Na',
  'Min',
  'Jing',
  'Li',
  'Qiang',
  'Lei',
  'Jun',
  'Yang',
  'Yong',
  'Yan',
  'Jie',
  'Juan',
  'Tao',
  'Ming',
  'Chao',
  'Xiuying',
  'Xia',
  'Ping',
  'Gang',
  'Hua',
  'Hao',
  'Kai',
  'Yuxuan',
  'Zihan',
  'Haoran',
  'Xin',
  'Yi',
  'Jianguo',
];
const COMPOUND = ['欧阳', '司马', '诸葛', '上官'];
const LATIN_FIRST = [
  'James',
  'Maria',
  'Anna',
  'Peter',
  'Lars',
  'Sofia',
  'Hans',
  'Emma',
  'Lucas',
  'Olivia',
  'Kenji',
  'Yuki',
  'David',
  'Sarah',
];
const LATIN_LAST = [
  'Jensen',
  'Schmidt',
  'Müller',
  'Rossi',
  'Tanaka',
  'Smith',
  "O'Brien",
  'Andersen',
  'Garcia',
  'Kim',
  'Nguyen',
  'Larsen',
];

/** Real 6-digit region codes (GB/T 2260) across provinces. */
export const REGION_CODES = [
  '110101',
  '110105',
  '110108',
  '120101',
  '130102',
  '140105',
  '150102',
  '210102',
  '220102',
  '230102',
  '310101',
  '310104',
  '310105',
  '310110',
  '310112',
  '310115',
  '310120',
  '320102',
  '320505',
  '330106',
  '330203',
  '340104',
  '350203',
  '360102',
  '370102',
  '370202',
  '410105',
  '420106',
  '430104',
  '440106',
  '440305',
  '440306',
  '441900',
  '450103',
  '460106',
  '500103',
  '510104',
  '510107',
  '520102',
  '530102',
  '540102',
  '610113',
  '620102',
  '630102',
  '640104',
  '650102',
  '710000',
  '810000',
  '820000',
];
const MOBILE_PREFIXES = [
  '130',
  '131',
  '132',
  '133',
  '134',
  '135',
  '136',
  '137',
  '138',
  '139',
  '145',
  '147',
  '150',
  '151',
  '152',
  '153',
  '155',
  '156',
  '157',
  '158',
  '159',
  '166',
  '170',
  '171',
  '173',
  '175',
  '176',
  '177',
  '178',
  '180',
  '181',
  '182',
  '183',
  '184',
  '185',
  '186',
  '187',
  '188',
  '189',
  '191',
  '193',
  '195',
  '196',
  '197',
  '198',
  '199',
];
const AREA_CODES = [
  '010',
  '021',
  '022',
  '023',
  '020',
  '024',
  '025',
  '027',
  '028',
  '029',
  '0755',
  '0571',
  '0512',
  '0532',
  '0574',
  '0731',
  '0871',
];
const PLATE_PROV = '沪沪沪沪京粤苏浙川鄂鲁豫闽湘皖津渝辽陕';
const PLATE_LETTERS = 'ABCDEFGHJKLMN';
const ALNUM_NO_IO = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const VIN_CHARS = '0123456789ABCDEFGHJKLMNPRSTUVWXYZ';
/** Real world manufacturer identifiers of vehicles made in China (SAIC VW, FAW VW, SAIC GM, SAIC, Beijing Benz, …). */
export const WMIS = [
  'LSV',
  'LFV',
  'LSG',
  'LVS',
  'LBV',
  'LGW',
  'LHG',
  'LVH',
  'LDC',
  'LSJ',
  'LGB',
  'LNB',
  'LRW',
  'LFP',
  'LE4',
  'LJD',
  'LZW',
];
const YEAR_CODES = 'GHJKLMNPRS';
const CARD_BINS = [
  '622202',
  '622848',
  '621700',
  '622588',
  '621483',
  '622700',
  '623668',
  '622908',
  '436742',
  '524094',
  '356885',
  '625911',
];
const TACS = ['35209900', '35328504', '86091503', '35847609', '86753104', '35661209', '99001234', '01326300'];
const MAIL_DOMAINS = [
  'qq.com',
  '163.com',
  '126.com',
  'sina.com',
  'gmail.com',
  'outlook.com',
  'saic-vw.com',
  'example.com.cn',
  'hospital.org.cn',
];
/** Real ICD-10 codes. */
export const ICD10 = [
  'I10',
  'E11.9',
  'J18.9',
  'C34.90',
  'K29.7',
  'N18.3',
  'F32.9',
  'J45.9',
  'M81.0',
  'C50.9',
  'I25.1',
  'B18.1',
  'C16.9',
  'C22.0',
  'E78.5',
  'I48.9',
  'J44.9',
  'K70.3',
  'C18.9',
  'D50.9',
];
const CONTAINER_OWNERS = [
  'MSCU',
  'MAEU',
  'CSQU',
  'OOLU',
  'CMAU',
  'TGHU',
  'TCNU',
  'HLXU',
  'SEGU',
  'TRHU',
  'CBHU',
  'EMCU',
  'YMLU',
  'FCIU',
];
const CITIES = ['上海', '北京', '广州', '深圳', '杭州', '苏州', '南京', '成都', '武汉', '宁波', '青岛', '天津'];
const TRADE_NAMES = [
  '申通',
  '永达',
  '宝华',
  '联合',
  '海博',
  '东昌',
  '华东',
  '远航',
  '恒信',
  '龙华',
  '锦江',
  '新元',
  '安吉',
  '通用',
  '大众',
  '百联',
];
const INDUSTRIES = [
  '汽车销售服务',
  '汽车维修',
  '国际物流',
  '国际货运代理',
  '贸易',
  '医药科技',
  '生物科技',
  '船务',
  '供应链管理',
  '信息技术',
];
const EN_ORGS = [
  'Ocean Trading',
  'Pacific Logistics',
  'Eastern Star Shipping',
  'Harbor Freight',
  'Nordic Parts',
  'Global Pharma',
  'Blue Sea Lines',
];
const EN_FORMS = ['Co., Ltd.', 'Ltd.', 'GmbH', 'AG', 'A/S', 'Inc.', 'Pte. Ltd.', 'S.A.'];
const DISTRICTS: Array<[string, string[]]> = [
  ['上海市', ['浦东新区', '徐汇区', '静安区', '闵行区', '嘉定区', '黄浦区']],
  ['北京市', ['朝阳区', '海淀区', '东城区', '丰台区']],
  ['广东省深圳市', ['南山区', '福田区', '宝安区']],
  ['广东省广州市', ['天河区', '越秀区', '番禺区']],
  ['浙江省杭州市', ['西湖区', '余杭区', '滨江区']],
  ['江苏省苏州市', ['工业园区', '姑苏区', '吴中区']],
  ['四川省成都市', ['武侯区', '锦江区', '高新区']],
];
const ROADS = [
  '张江路',
  '世纪大道',
  '南京西路',
  '淮海中路',
  '科技园南路',
  '中山路',
  '人民路',
  '解放路',
  '建设路',
  '长江路',
  '文一西路',
  '天府大道',
];

export const V = {
  chineseName(r: Rng): string {
    if (r.chance(0.02)) return r.pick(COMPOUND) + r.chars(GIVEN, r.range(1, 2));
    return SURNAMES.charAt(r.int(SURNAMES.length)) + r.chars(GIVEN, r.chance(0.7) ? 2 : 1);
  },
  pinyinName(r: Rng): string {
    const keys = Object.keys(SURNAME_PINYIN);
    const s = SURNAME_PINYIN[r.pick(keys)] as string;
    const g = r.pick(GIVEN_PINYIN);
    return r.chance(0.3) ? `${s.toUpperCase()} ${g}` : r.chance(0.5) ? `${g} ${s}` : `${s} ${g}`;
  },
  latinName(r: Rng): string {
    return `${r.pick(LATIN_FIRST)} ${r.pick(LATIN_LAST)}`;
  },
  birthYmd(r: Rng, minYear = 1950, maxYear = 2004): [number, number, number] {
    const y = r.range(minYear, maxYear);
    const m = r.range(1, 12);
    const days = [31, y % 4 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] as number;
    return [y, m, r.range(1, days)];
  },
  residentId(r: Rng, birth?: [number, number, number]): string {
    const [y, m, d] = birth ?? V.birthYmd(r);
    const body = `${r.pick(REGION_CODES)}${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${r.digits(3)}`;
    return body + mod112CheckChar(body);
  },
  dob(r: Rng, style: number): string {
    const [y, m, d] = V.birthYmd(r);
    const mm = String(m).padStart(2, '0');
    const dd = String(d).padStart(2, '0');
    if (style === 1) return `${y}/${m}/${d}`;
    if (style === 2) return `${y}${mm}${dd}`;
    if (style === 3) return `${y}年${m}月${d}日`;
    return `${y}-${mm}-${dd}`;
  },
  mobile(r: Rng, plain = false): string {
    const n = r.pick(MOBILE_PREFIXES) + r.digits(8);
    if (plain) return n;
    const f = r.int(20);
    if (f === 0) return `+86 ${n}`;
    if (f === 1) return `${n.slice(0, 3)}-${n.slice(3, 7)}-${n.slice(7)}`;
    if (f === 2) return `+86-${n}`;
    return n;
  },
  landline(r: Rng): string {
    const area = r.pick(AREA_CODES);
    const local = String(r.range(2, 8)) + r.digits(area.length === 3 ? 7 : r.chance(0.5) ? 7 : 6);
    const f = r.int(4);
    if (f === 0) return `(${area})${local}`;
    if (f === 1) return area + local;
    return `${area}-${local}`;
  },
  plate(r: Rng): string {
    const p = PLATE_PROV.charAt(r.int(PLATE_PROV.length)) + PLATE_LETTERS.charAt(r.int(PLATE_LETTERS.length));
    const sep = r.chance(0.3) ? '·' : '';
    const k = r.int(10);
    if (k < 5) {
      const serial = r.chance(0.5) ? r.digits(5) : r.chars('ABCDEFGHJKLMNPQRSTUVWXYZ', 1) + r.digits(4);
      return p + sep + serial;
    }
    if (k < 9) return `${p}${sep}${r.pick(['D', 'F'])}${r.chars(ALNUM_NO_IO, 1)}${r.digits(4)}`;
    return `${p}${sep}${r.digits(5)}${r.pick(['D', 'F'])}`;
  },
  vin(r: Rng): string {
    const body = `${r.pick(WMIS)}${r.chars(VIN_CHARS, 5)}0${YEAR_CODES.charAt(r.int(YEAR_CODES.length))}${r.chars('ABCDEFGHJKLMNPRSTUVWXYZ0123456789', 1)}${r.digits(6)}`;
    return body.slice(0, 8) + vinCheckChar(body) + body.slice(9);
  },
  uscc(r: Rng): string {
    const region = r.pick(REGION_CODES);
    const org = r.chance(0.6) ? `MA${r.chars('0123456789ABCDEFGHJKLMNPQRTUWXY', 6)}` : r.digits(8);
    // GB 11714 check of the organisation code
    const W = [3, 7, 9, 10, 5, 8, 4, 2];
    let sum = 0;
    for (let i = 0; i < 8; i++) {
      const c = org.charCodeAt(i);
      sum += (c <= 57 ? c - 48 : c - 55) * (W[i] as number);
    }
    const c9 = 11 - (sum % 11);
    const orgCheck = c9 === 10 ? 'X' : c9 === 11 ? '0' : String(c9);
    const body = `${r.pick(['91', '91', '91', '92', '12', '52'])}${region}${org}${orgCheck}`;
    return body + usccCheckChar(body);
  },
  bankCard(r: Rng): string {
    const bin = r.pick(CARD_BINS);
    const len = bin.startsWith('62') && r.chance(0.5) ? 19 : 16;
    const body = bin + r.digits(len - bin.length - 1);
    return body + String(luhnCheckDigit(body));
  },
  imei(r: Rng): string {
    const body = r.pick(TACS) + r.digits(6);
    return body + String(luhnCheckDigit(body));
  },
  email(r: Rng): string {
    const keys = Object.values(SURNAME_PINYIN);
    const local = r.chance(0.4)
      ? r.digits(r.range(6, 10)).replace(/^0/, '1')
      : `${r.pick(keys).toLowerCase()}.${r.pick(GIVEN_PINYIN).toLowerCase()}${r.chance(0.5) ? r.int(100) : ''}`;
    return `${local}@${r.pick(MAIL_DOMAINS)}`;
  },
  ip(r: Rng): string {
    if (r.chance(0.75))
      return `${r.pick([10, 58, 61, 101, 114, 116, 120, 172, 180, 183, 192, 202, 218, 223])}.${r.int(256)}.${r.int(256)}.${r.range(1, 254)}`;
    const g = (): string => r.int(65536).toString(16);
    return r.chance(0.5) ? `2409:8a1e:${g()}:${g()}::${g()}` : `240e:${g()}:${g()}:${g()}:${g()}:${g()}:${g()}:${g()}`;
  },
  mac(r: Rng): string {
    const sep = r.chance(0.7) ? ':' : '-';
    const parts: string[] = [];
    for (let i = 0; i < 6; i++) parts.push(r.int(256).toString(16).padStart(2, '0'));
    const s = parts.join(sep);
    return r.chance(0.5) ? s.toUpperCase() : s;
  },
  latitude(r: Rng): string {
    return (22 + r.float() * 19).toFixed(6);
  },
  longitude(r: Rng): string {
    return (103 + r.float() * 19).toFixed(6);
  },
  geoPair(r: Rng): string {
    return r.chance(0.7) ? `${V.latitude(r)},${V.longitude(r)}` : `${V.longitude(r)}, ${V.latitude(r)}`;
  },
  address(r: Rng): string {
    const [city, districts] = r.pick(DISTRICTS);
    let s = `${city}${r.pick(districts)}${r.pick(ROADS)}${r.range(1, 2000)}号`;
    if (r.chance(0.5)) s += `${r.range(1, 30)}栋${r.range(101, 2505)}室`;
    return s;
  },
  gender(r: Rng, codes: boolean): string {
    const male = r.chance(0.52);
    if (codes) return male ? 'M' : 'F';
    return male ? '男' : '女';
  },
  ethnicity(r: Rng): string {
    return r.chance(0.9) ? '汉族' : `${r.pick(ETHNIC_GROUPS)}族`;
  },
  icd10(r: Rng): string {
    return r.pick(ICD10);
  },
  aeTerm(r: Rng, en: boolean): string {
    if (en) {
      const t = r.pick(DIAGNOSIS_TERMS_EN);
      return t.charAt(0).toUpperCase() + t.slice(1);
    }
    return r.pick(DIAGNOSIS_TERMS_ZH);
  },
  dna(r: Rng): string {
    return r.chars('ACGT', r.range(40, 120));
  },
  imo(r: Rng): string {
    const first6 = String(r.pick([9, 9, 9, 8, 7, 5])) + r.digits(5);
    let sum = 0;
    for (let i = 0; i < 6; i++) sum += (first6.charCodeAt(i) - 48) * (7 - i);
    const n = first6 + String(sum % 10);
    return r.chance(0.3) ? `IMO ${n}` : n;
  },
  container(r: Rng): string {
    const body = r.pick(CONTAINER_OWNERS) + r.digits(6);
    return body + String(iso6346CheckDigit(body));
  },
  orgZh(r: Rng, industry?: string): string {
    return `${r.pick(CITIES)}${r.pick(TRADE_NAMES)}${industry ?? r.pick(INDUSTRIES)}有限公司`;
  },
  orgEn(r: Rng): string {
    return `${r.pick(['Shanghai', 'Ningbo', 'Hamburg', 'Rotterdam', 'Singapore', 'Copenhagen'])} ${r.pick(EN_ORGS)} ${r.pick(EN_FORMS)}`;
  },
  hospital(r: Rng): string {
    return `${r.pick(CITIES)}${r.pick(['市第一人民医院', '市第六人民医院', '大学附属中山医院', '市肿瘤医院', '市胸科医院', '中医医院'])}`;
  },
  passport(r: Rng): string {
    return r.chance(0.6) ? `E${r.digits(8)}` : `E${r.chars('ABCDEFGHJKLMNPQRSTUVWXYZ', 1)}${r.digits(7)}`;
  },
  hmtPermit(r: Rng): string {
    return `C${r.digits(8)}`;
  },
  uuid(r: Rng): string {
    const h = (n: number): string => r.chars('0123456789abcdef', n);
    return `${h(8)}-${h(4)}-4${h(3)}-${r.pick(['8', '9', 'a', 'b'])}${h(3)}-${h(12)}`;
  },
  date(r: Rng, fromYear: number, toYear: number): string {
    const [y, m, d] = V.birthYmd(r, fromYear, toYear);
    return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  },
  // ---- decoys --------------------------------------------------------------------------------------------------
  /** 18-digit order number: YYYYMMDD + 10 digits (not a province code, fails MOD 11-2 or the date). */
  orderNo18(r: Rng): string {
    return `${r.range(2022, 2024)}${String(r.range(1, 12)).padStart(2, '0')}${String(r.range(1, 28)).padStart(2, '0')}${r.digits(10)}`;
  },
  /** 11-digit number not starting with 1[3-9] (nor 0). */
  num11(r: Rng): string {
    return String(r.range(2, 9)) + r.digits(10);
  },
  /** 11-digit counter starting with 13 (sequential: a serial number, not a phone). */
  counter13(base: number, i: number): string {
    return String(13_000_000_000 + base + i * 7);
  },
  /** 16 digits with a failing Luhn check (some with card-like prefixes). */
  luhnFail16(r: Rng): string {
    const body = r.pick(['62', '4', '5', '9', '3', '1']) + r.digits(15);
    const b15 = body.slice(0, 15);
    const good = luhnCheckDigit(b15);
    return b15 + String((good + 1 + r.int(9)) % 10);
  },
  /** 17-char part number over the VIN alphabet whose position 9 is NOT the VIN check digit. */
  sku17(r: Rng): string {
    const s = `${r.chars('ABCDEFGHJKLMNPRSTUVWXYZ0123456789', 3)}${r.digits(3)}${r.chars('ABCDEFGHJKLMNPRSTUVWXYZ', 2)}${r.chars(VIN_CHARS, 9)}`;
    const check = vinCheckChar(s);
    const c9 = s.charAt(8);
    if (c9 !== check) return s;
    return s.slice(0, 8) + (c9 === '7' ? '3' : '7') + s.slice(9);
  },
  /** A DTC fault code (P0420, U0100, B1234, C0035). */
  dtc(r: Rng): string {
    return (
      r.pick(['P', 'P', 'P', 'U', 'B', 'C']) +
      r.pick(['0', '1', '2']) +
      r.chars('0123456789ABCDEF', 3).replace(/[A-F]/g, '0')
    );
  },
  /** Pure digits of a given length whose every chunk might look like an ID. */
  alnumOrder(r: Rng): string {
    return `RO${r.digits(12)}`;
  },
  USCC_ALPHABET,
};

export { DIAGNOSIS_TERMS_EN, DIAGNOSIS_TERMS_ZH };
