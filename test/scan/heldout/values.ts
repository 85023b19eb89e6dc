/**
 * Red-team value generators, written INDEPENDENTLY of `src/core/synth` and of the detectors: the check-digit
 * algorithms are re-implemented here from the spec (infotypes.md, regulation.md §5), the vocabularies come from
 * knowledge of real Chinese enterprise exports (CRM, DMS, HIS, TMS, bank KYC), not from the classifier's tables.
 * Nothing in this folder imports `src/`.
 */

/** mulberry32: a small deterministic PRNG (no Math.random, so datasets are reproducible). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type R = () => number;
export const int = (r: R, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
export const pick = <T>(r: R, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
export const digits = (r: R, n: number): string => {
  let s = '';
  for (let i = 0; i < n; i++) s += String(int(r, 0, 9));
  return s;
};
const pad = (x: number, n: number): string => String(x).padStart(n, '0');
const chars = (s: string): string[] => Array.from(s);

// --- dates ------------------------------------------------------------------------------------------------------
const DIM = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const leap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
export function randomDate(r: R, y0: number, y1: number): [number, number, number] {
  const y = int(r, y0, y1);
  const m = int(r, 1, 12);
  const dim = m === 2 && leap(y) ? 29 : (DIM[m - 1] as number);
  return [y, m, int(r, 1, dim)];
}
export function formatDate(r: R, [y, m, d]: [number, number, number], style?: number): string {
  switch (style ?? int(r, 0, 4)) {
    case 0:
      return `${y}-${pad(m, 2)}-${pad(d, 2)}`;
    case 1:
      return `${y}/${pad(m, 2)}/${pad(d, 2)}`;
    case 2:
      return `${y}${pad(m, 2)}${pad(d, 2)}`;
    case 3:
      return `${y}年${m}月${d}日`;
    default:
      return `${y}/${m}/${d}`;
  }
}

// --- resident ID (GB 11643, MOD 11-2 from the spec) ------------------------------------------------------------
const REGIONS = [
  '110101',
  '110105',
  '110108',
  '120104',
  '130102',
  '130602',
  '140105',
  '150102',
  '210102',
  '210202',
  '220102',
  '230103',
  '310101',
  '310104',
  '310107',
  '310115',
  '310230',
  '320102',
  '320583',
  '330106',
  '330203',
  '340104',
  '350203',
  '360102',
  '370102',
  '370212',
  '410105',
  '420106',
  '430104',
  '440106',
  '440305',
  '440307',
  '450103',
  '460105',
  '500103',
  '510107',
  '520102',
  '530102',
  '540102',
  '610113',
  '620102',
  '630104',
  '640104',
  '650102',
];
const ID_W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
export function idCheck(first17: string): string {
  let s = 0;
  for (let i = 0; i < 17; i++) s += Number(first17[i]) * (ID_W[i] as number);
  return '10X98765432'[s % 11] as string;
}
export function residentId(r: R, opts: { lowerX?: boolean; y0?: number; y1?: number } = {}): string {
  const [y, m, d] = randomDate(r, opts.y0 ?? 1945, opts.y1 ?? 2004);
  const body = `${pick(r, REGIONS)}${y}${pad(m, 2)}${pad(d, 2)}${digits(r, 3)}`;
  const c = idCheck(body);
  return body + (opts.lowerX && c === 'X' ? 'x' : c);
}
export function legacyId(r: R): string {
  const [y, m, d] = randomDate(r, 1940, 1984);
  return `${pick(r, REGIONS)}${pad(y % 100, 2)}${pad(m, 2)}${pad(d, 2)}${digits(r, 3)}`;
}

// --- phones -----------------------------------------------------------------------------------------------------
const MOBILE_PREFIX = [
  '130',
  '131',
  '132',
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
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
  '173',
  '176',
  '177',
  '178',
  '180',
  '181',
  '182',
  '183',
  '185',
  '186',
  '187',
  '188',
  '189',
  '191',
  '195',
  '198',
  '199',
];
export function mobile(r: R, style = -1): string {
  const p = pick(r, MOBILE_PREFIX);
  const a = digits(r, 4);
  const b = digits(r, 4);
  switch (style >= 0 ? style : int(r, 0, 9)) {
    case 1:
      return `+86 ${p} ${a} ${b}`;
    case 2:
      return `0086-${p}${a}${b}`;
    case 3:
      return `${p}-${a}-${b}`;
    case 4:
      return `+86${p}${a}${b}`;
    case 5:
      return `${p} ${a} ${b}`;
    default:
      return `${p}${a}${b}`;
  }
}
const AREA = ['010', '021', '022', '023', '020', '024', '025', '027', '028', '029', '0571', '0755', '0512', '0532'];
export function landline(r: R): string {
  const a = pick(r, AREA);
  const local = a.length === 3 ? `${int(r, 2, 8)}${digits(r, 7)}` : `${int(r, 2, 8)}${digits(r, 6 + int(r, 0, 1))}`;
  switch (int(r, 0, 3)) {
    case 1:
      return `(${a})${local}`;
    case 2:
      return `${a} ${local}`;
    default:
      return `${a}-${local}`;
  }
}

// --- names ------------------------------------------------------------------------------------------------------
const SURNAMES = chars(
  '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段钱汤尹黎易常武乔贺赖龚文',
);
const GIVEN = chars(
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红建文辉力志国兰婷浩宇轩子涵欣怡梓晨雨佳琪俊嘉博思雪梅鹏飞海燕晓东丹凤波云峰健斌亮宁琳瑞凯昊天晶',
);
const COMPOUND = ['欧阳', '司马', '诸葛', '上官', '慕容'];
export function chineseName(r: R): string {
  const s = r() < 0.02 ? pick(r, COMPOUND) : pick(r, SURNAMES);
  return s + pick(r, GIVEN) + (r() < 0.65 ? pick(r, GIVEN) : '');
}
export function honorific(r: R): string {
  return pick(r, SURNAMES) + pick(r, ['先生', '女士', '小姐', '总', '经理']);
}
const MINORITY = ['阿依古丽·买买提', '艾力·吐尔逊', '古丽娜尔·阿不都', '买买提·艾买提', '热依拉·托合提'];
export function anyChineseName(r: R): string {
  const x = r();
  if (x < 0.03) return pick(r, MINORITY);
  if (x < 0.06) return honorific(r);
  return chineseName(r);
}
const PINYIN_SUR = ['Zhang', 'Wang', 'Li', 'Liu', 'Chen', 'Yang', 'Huang', 'Zhao', 'Wu', 'Zhou', 'Xu', 'Sun', 'Lin'];
const PINYIN_GIVEN = ['Wei', 'Fang', 'Na', 'Min', 'Jing', 'Lei', 'Jun', 'Yang', 'Tao', 'Xiaoming', 'Jiahui', 'Hao'];
const WEST_FIRST = ['John', 'Mary', 'David', 'Sarah', 'Michael', 'Anna', 'Peter', 'Laura', 'James', 'Emma'];
const WEST_LAST = ['Smith', 'Brown', 'Miller', 'Wilson', 'Taylor', 'Martin', 'Clark', 'Walker', 'Young', 'King'];
export function latinName(r: R): string {
  const x = r();
  if (x < 0.55) return `${pick(r, PINYIN_SUR)} ${pick(r, PINYIN_GIVEN)}`;
  if (x < 0.75) return `${pick(r, PINYIN_GIVEN)} ${pick(r, PINYIN_SUR)}`;
  return `${pick(r, WEST_FIRST)} ${pick(r, WEST_LAST)}`;
}
export function pinyinLogin(r: R): string {
  return `${pick(r, PINYIN_SUR).toLowerCase()}${pick(r, PINYIN_GIVEN).toLowerCase()}`;
}

// --- addresses --------------------------------------------------------------------------------------------------
const CITIES = [
  ['上海市', ['浦东新区', '徐汇区', '闵行区', '静安区', '嘉定区']],
  ['北京市', ['朝阳区', '海淀区', '丰台区', '通州区']],
  ['广东省深圳市', ['南山区', '福田区', '宝安区', '龙岗区']],
  ['广东省广州市', ['天河区', '番禺区', '白云区']],
  ['浙江省杭州市', ['西湖区', '余杭区', '滨江区']],
  ['江苏省苏州市', ['工业园区', '吴中区', '昆山市']],
  ['四川省成都市', ['武侯区', '高新区', '锦江区']],
  ['湖北省武汉市', ['洪山区', '江汉区']],
  ['河南省郑州市', ['金水区', '中原区']],
] as const;
const ROADS = [
  '张江路',
  '世纪大道',
  '建国路',
  '中关村大街',
  '科技园南路',
  '天府大道',
  '文一西路',
  '人民路',
  '解放路',
  '长江路',
  '滨江大道',
  '金科路',
];
const ESTATES = ['阳光花园', '翠湖苑', '金地小区', '万科城', '碧桂园', '绿地新都会'];
export function chineseAddress(r: R): string {
  const [city, dists] = pick(r, CITIES);
  const dist = pick(r, dists);
  const c = r() < 0.25 ? city.replace(/^.+省/, '') : city;
  const x = int(r, 0, 3);
  if (x === 0) return `${c}${dist}${pick(r, ROADS)}${int(r, 1, 999)}号`;
  if (x === 1) return `${c}${dist}${pick(r, ROADS)}${int(r, 1, 999)}弄${int(r, 1, 40)}号${int(r, 101, 2402)}室`;
  if (x === 2) return `${c}${dist}${pick(r, ESTATES)}${int(r, 1, 30)}栋${int(r, 1, 6)}单元${int(r, 101, 1802)}`;
  return `${dist}${pick(r, ROADS)}${int(r, 1, 500)}号${pick(r, ESTATES)}${int(r, 1, 20)}幢`;
}
const EN_STREETS = ['Nanjing Road', 'Century Avenue', 'Huaihai Rd', 'Main Street', 'Zhangjiang Rd', 'Jianguo Road'];
export function englishAddress(r: R): string {
  return `${int(r, 1, 999)} ${pick(r, EN_STREETS)}, ${pick(r, ['Shanghai', 'Beijing', 'Shenzhen'])}`;
}

// --- vehicles ---------------------------------------------------------------------------------------------------
const PROV = chars('京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤川');
const PLATE_AN = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';
const PLATE_L = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
export function plate(r: R, sep = -1): string {
  const s = sep >= 0 ? sep : int(r, 0, 4);
  const head = pick(r, PROV) + PLATE_L[int(r, 0, 11)] + (s === 1 ? '·' : s === 2 ? ' ' : '');
  if (r() < 0.15) {
    // new energy
    return r() < 0.6
      ? `${head}${pick(r, ['D', 'F'])}${PLATE_AN[int(r, 0, 33)]}${digits(r, 4)}`
      : `${head}${digits(r, 5)}${pick(r, ['D', 'F'])}`;
  }
  let tail = '';
  let letters = 0;
  for (let i = 0; i < 5; i++) {
    if (letters < 2 && r() < 0.2) {
      tail += PLATE_L[int(r, 0, PLATE_L.length - 1)];
      letters++;
    } else tail += String(int(r, 0, 9));
  }
  return head + tail;
}
const VIN_VAL: Record<string, number> = {};
'ABCDEFGH'.split('').forEach((c, i) => {
  VIN_VAL[c] = i + 1;
});
'JKLMN'.split('').forEach((c, i) => {
  VIN_VAL[c] = i + 1;
});
VIN_VAL.P = 7;
VIN_VAL.R = 9;
'STUVWXYZ'.split('').forEach((c, i) => {
  VIN_VAL[c] = i + 2;
});
const VIN_W = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
export function vinCheck(v: string): string {
  let s = 0;
  for (let i = 0; i < 17; i++) {
    const c = v[i] as string;
    const x = c >= '0' && c <= '9' ? Number(c) : (VIN_VAL[c] as number);
    s += x * (VIN_W[i] as number);
  }
  const m = s % 11;
  return m === 10 ? 'X' : String(m);
}
const WMI = [
  'LSV',
  'LFV',
  'LSG',
  'LVS',
  'LBV',
  'LGB',
  'LHG',
  'LFM',
  'LDC',
  'LNB',
  'LSJ',
  'LRW',
  'WBA',
  'WDD',
  'JTD',
  'LVG',
];
const VIN_CH = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';
const YEAR_CH = 'ABCDEFGHJKLMNPRSTVWXY123456789';
export function vin(r: R): string {
  let v = pick(r, WMI);
  for (let i = 0; i < 5; i++) v += VIN_CH[int(r, 0, VIN_CH.length - 1)];
  v += '0';
  v += YEAR_CH[int(r, 0, YEAR_CH.length - 1)];
  v += VIN_CH[int(r, 0, VIN_CH.length - 1)];
  v += digits(r, 6);
  return v.slice(0, 8) + vinCheck(v) + v.slice(9);
}

// --- cards, devices ---------------------------------------------------------------------------------------------
function luhnDigit(body: string): string {
  let s = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    s += d;
  }
  return String((10 - (s % 10)) % 10);
}
export function luhnOk(v: string): boolean {
  return luhnDigit(v.slice(0, -1)) === v.slice(-1);
}
const BINS = [
  '622202',
  '622208',
  '622848',
  '621700',
  '622588',
  '621483',
  '623668',
  '625965',
  '628288',
  '436742',
  '524091',
  '356833',
  '622262',
  '621226',
];
export function bankCard(r: R, spaced = false): string {
  const bin = pick(r, BINS);
  const len = bin.startsWith('62') && r() < 0.4 ? 19 : 16;
  const body = bin + digits(r, len - bin.length - 1);
  const card = body + luhnDigit(body);
  return spaced ? (card.match(/.{1,4}/g) as string[]).join(' ') : card;
}
export function imei(r: R): string {
  const body = pick(r, ['86', '35', '86', '99']) + digits(r, 12);
  return body + luhnDigit(body);
}
export function email(r: R): string {
  const dom = pick(r, [
    'qq.com',
    '163.com',
    '126.com',
    'sina.com',
    'gmail.com',
    'foxmail.com',
    'hotmail.com',
    'saic-motor.com',
    'corp.example.cn',
  ]);
  const x = r();
  const local =
    x < 0.3
      ? digits(r, int(r, 6, 10)).replace(/^0/, '1')
      : x < 0.7
        ? pinyinLogin(r) + (r() < 0.5 ? int(r, 1, 999) : '')
        : `${pick(r, PINYIN_GIVEN).toLowerCase()}.${pick(r, PINYIN_SUR).toLowerCase()}`;
  return `${local}@${dom}`;
}
export function ipv4(r: R): string {
  const x = r();
  if (x < 0.3) return `192.168.${int(r, 0, 20)}.${int(r, 1, 254)}`;
  if (x < 0.45) return `10.${int(r, 0, 255)}.${int(r, 0, 255)}.${int(r, 1, 254)}`;
  return `${int(r, 1, 223)}.${int(r, 0, 255)}.${int(r, 0, 255)}.${int(r, 1, 254)}`;
}
const hex = (r: R, n: number): string => {
  let s = '';
  for (let i = 0; i < n; i++) s += '0123456789abcdef'[int(r, 0, 15)];
  return s;
};
export function ipv6(r: R): string {
  if (r() < 0.5) return `2409:8a1e:${hex(r, 4)}:${hex(r, 4)}::${hex(r, 3)}`;
  return `240e:${hex(r, 3)}:${hex(r, 4)}:${hex(r, 4)}:${hex(r, 4)}:${hex(r, 4)}:${hex(r, 4)}:${hex(r, 4)}`;
}
export function mac(r: R, sep: string, upper: boolean): string {
  const o: string[] = [];
  for (let i = 0; i < 6; i++) o.push(hex(r, 2));
  const s = o.join(sep);
  return upper ? s.toUpperCase() : s;
}
export function coordPair(r: R): string {
  const lat = (22 + r() * 18).toFixed(int(r, 4, 6));
  const lon = (103 + r() * 19).toFixed(int(r, 4, 6));
  return r() < 0.8 ? `${lat},${lon}` : `${lon},${lat}`;
}
export const uuid = (r: R): string =>
  `${hex(r, 8)}-${hex(r, 4)}-4${hex(r, 3)}-${pick(r, ['8', '9', 'a', 'b'])}${hex(r, 3)}-${hex(r, 12)}`;
export const md5 = (r: R): string => hex(r, 32);
export const sha1 = (r: R): string => hex(r, 40);

// --- organisations and shipping --------------------------------------------------------------------------------
const USCC_A = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_W = [3, 7, 9, 10, 5, 8, 4, 2];
export function uscc(r: R): string {
  const oc = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  let org = r() < 0.5 ? `MA${oc[int(r, 0, oc.length - 1)]}${digits(r, 5)}` : digits(r, 8);
  let s = 0;
  for (let i = 0; i < 8; i++) {
    const c = org[i] as string;
    s += (c >= '0' && c <= '9' ? Number(c) : c.charCodeAt(0) - 55) * (ORG_W[i] as number);
  }
  const oc9 = 11 - (s % 11);
  org += oc9 === 10 ? 'X' : oc9 === 11 ? '0' : String(oc9);
  const body = `${pick(r, ['91', '92', '93', '12', '52', '91', '91'])}${pick(r, REGIONS)}${org}`;
  let t = 0;
  for (let i = 0; i < 17; i++) t += USCC_A.indexOf(body[i] as string) * (USCC_W[i] as number);
  return body + (USCC_A[(31 - (t % 31)) % 31] as string);
}
const CO_HEAD = ['上海', '北京', '深圳', '杭州', '苏州', '广州', '成都', '武汉', '宁波'];
const CO_MID = ['华信', '东方', '恒达', '腾飞', '中联', '宏图', '金桥', '永盛', '通达', '博远', '鑫源', '安捷'];
const CO_IND = [
  '汽车销售服务',
  '科技',
  '物流',
  '贸易',
  '信息技术',
  '医疗器械',
  '供应链管理',
  '汽车维修',
  '国际货运代理',
];
export function company(r: R): string {
  const x = r();
  const base = `${pick(r, CO_HEAD)}${pick(r, CO_MID)}${pick(r, CO_IND)}`;
  if (x < 0.6) return `${base}有限公司`;
  if (x < 0.75) return `${base}股份有限公司`;
  if (x < 0.85) return `${pick(r, CO_HEAD)}市第${pick(r, ['一', '二', '三', '六'])}人民医院`;
  if (x < 0.93) return `${pick(r, CO_HEAD)}${pick(r, CO_MID)}集团有限公司`;
  return `${pick(r, ['Shanghai', 'Ningbo', 'Suzhou'])} ${pick(r, ['Orient', 'Pacific', 'Golden Bridge'])} Logistics Co., Ltd.`;
}
export function imo(r: R): string {
  const b = `9${digits(r, 5)}`;
  let s = 0;
  for (let i = 0; i < 6; i++) s += Number(b[i]) * (7 - i);
  const n = b + String(s % 10);
  return r() < 0.3 ? `IMO ${n}` : n;
}
const OWNERS = ['COSU', 'MSKU', 'CMAU', 'OOLU', 'TGHU', 'TCLU', 'EGHU', 'HLXU', 'MSCU', 'CSNU', 'TEMU'];
function letterValues(): Record<string, number> {
  const out: Record<string, number> = {};
  let v = 10;
  for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') {
    if (v % 11 === 0) v++;
    out[c] = v++;
  }
  return out;
}
const LV = letterValues();
export function container(r: R): string {
  const b = pick(r, OWNERS) + digits(r, 6);
  let s = 0;
  for (let i = 0; i < 10; i++) {
    const c = b[i] as string;
    s += (c >= '0' && c <= '9' ? Number(c) : (LV[c] as number)) * 2 ** i;
  }
  return b + String((s % 11) % 10);
}

// --- health -----------------------------------------------------------------------------------------------------
export const ICD = [
  'I10',
  'E11.9',
  'J18.9',
  'K29.7',
  'C34.9',
  'N18.5',
  'I25.1',
  'J44.9',
  'M54.5',
  'E78.5',
  'I63.9',
  'K80.2',
  'J06.9',
  'E03.9',
  'C50.9',
  'I48.9',
  'N39.0',
  'K21.0',
  'F32.9',
  'G43.9',
];
export const DX_ZH = [
  '高血压',
  '2型糖尿病',
  '肺炎',
  '慢性胃炎',
  '冠心病',
  '脑梗死',
  '慢性阻塞性肺疾病',
  '腰椎间盘突出',
  '高脂血症',
  '胆囊结石',
  '上呼吸道感染',
  '甲状腺功能减退',
  '乳腺癌',
  '心房颤动',
  '尿路感染',
  '胃食管反流病',
  '抑郁症',
  '偏头痛',
  '肺癌',
  '慢性肾病',
];
export const AE_EN = [
  'Headache',
  'Nausea',
  'Fatigue',
  'Dizziness',
  'Diarrhoea',
  'Rash',
  'Vomiting',
  'Pyrexia',
  'Insomnia',
  'Cough',
  'Anaemia',
  'Hypertension',
];
export function dna(r: R): string {
  let s = '';
  const n = int(r, 30, 80);
  for (let i = 0; i < n; i++) s += 'ACGT'[int(r, 0, 3)];
  return s;
}

// --- decoys -----------------------------------------------------------------------------------------------------
/** 18-digit order numbers: yyyyMMddHHmmss + 4 digits, or a shop code + date + serial (province-like first digits). */
export function orderNo18(r: R): string {
  if (r() < 0.5) {
    const [y, m, d] = randomDate(r, 2021, 2025);
    return `${y}${pad(m, 2)}${pad(d, 2)}${pad(int(r, 0, 23), 2)}${pad(int(r, 0, 59), 2)}${pad(int(r, 0, 59), 2)}${digits(r, 4)}`;
  }
  // shop code looks like a region code; the "date" part is yyMMdd so the ID date check fails
  const [y, m, d] = randomDate(r, 2021, 2025);
  return `${pick(r, REGIONS)}${pad(y % 100, 2)}${pad(m, 2)}${pad(d, 2)}${digits(r, 6)}`;
}
/** 18 digits in an ID layout whose MOD 11-2 check is deliberately wrong (a masked / corrupted export). */
export function badCheckId(r: R): string {
  const id = residentId(r);
  const c = id[17] as string;
  const alt = '0123456789'.replace(c, '');
  return id.slice(0, 17) + (alt[int(r, 0, alt.length - 1)] as string);
}
export function luhnFail16(r: R, prefix = ''): string {
  for (;;) {
    const v = prefix + digits(r, 16 - prefix.length);
    if (!luhnOk(v)) return v;
  }
}
export function sku17(r: R): string {
  for (;;) {
    let v = '';
    for (let i = 0; i < 17; i++) v += VIN_CH[int(r, 0, VIN_CH.length - 1)];
    if (vinCheck(v) !== v[8]) return v;
  }
}
export function partNo(r: R): string {
  return `${pick(r, ['5Q0', '1K0', '3C0', '06J', 'A00', 'L6D'])}${digits(r, 3)}${pick(r, ['', 'A', 'B', 'C'])}${r() < 0.5 ? digits(r, 3) : ''}`;
}
export function trackingNo(r: R): string {
  const x = r();
  if (x < 0.4) return `SF${digits(r, 13)}`;
  if (x < 0.6) return `YT${digits(r, 13)}`;
  if (x < 0.8) return `JDX${digits(r, 12)}`;
  return `7${digits(r, 11)}`;
}
export function amount(r: R): string {
  return (r() < 0.3 ? int(r, 1, 99) * 100 : r() * 20000).toFixed(2);
}
export const version = (r: R): string =>
  pick(r, [
    `${int(r, 1, 5)}.${int(r, 0, 12)}.${int(r, 0, 30)}`,
    `v${int(r, 1, 3)}.${int(r, 0, 9)}.${int(r, 0, 9)}`,
    `${int(r, 1, 4)}.${int(r, 0, 9)}.${int(r, 0, 9)}.${int(r, 1, 200)}`,
  ]);
export function timestamp(r: R): string {
  const [y, m, d] = randomDate(r, 2023, 2025);
  return `${y}-${pad(m, 2)}-${pad(d, 2)} ${pad(int(r, 0, 23), 2)}:${pad(int(r, 0, 59), 2)}:${pad(int(r, 0, 59), 2)}`;
}
export const epochS = (r: R): string => String(int(r, 1_600_000_000, 1_750_000_000));
export const epochMs = (r: R): string => String(int(r, 1_600_000_000, 1_750_000_000) * 1000 + int(r, 0, 999));

const REMARK_BITS = [
  '客户要求周末上门',
  '已电话回访，客户满意',
  '发票抬头待确认',
  '货物外包装破损，已拍照留存',
  '请尽快安排',
  '客户反映异响，建议复查',
  '配件缺货，预计三天到货',
  '无',
  '同上',
  '已完成',
  'please call before delivery',
  'leave at front desk',
];
export function remark(r: R, plant?: () => string): string {
  let s = pick(r, REMARK_BITS);
  if (r() < 0.5) s += `，${pick(r, REMARK_BITS)}`;
  if (plant && r() < 0.3) s += `，联系${plant()}`;
  return s;
}

/** A value with one random typo: a dropped, doubled or swapped character. */
export function typo(r: R, v: string): string {
  const i = int(r, 0, v.length - 1);
  const x = int(r, 0, 2);
  if (x === 0) return v.slice(0, i) + v.slice(i + 1);
  if (x === 1) return v.slice(0, i) + (v[i] as string) + v.slice(i);
  const d = String((Number(v[i]) + int(r, 1, 9)) % 10);
  return Number.isNaN(Number(v[i])) ? `${v}0` : v.slice(0, i) + d + v.slice(i + 1);
}
