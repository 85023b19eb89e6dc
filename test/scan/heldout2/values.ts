/**
 * Red team 2: value generators written from infotypes.md and regulation.md §5 only (no code from src/ and none from
 * test/scan/heldout/). Own PRNG (xoshiro128**), own check digits (MOD 11-2, MOD 31, Luhn, ISO 3779, IMO, ISO 6346,
 * GTIN/EAN-13).
 */

export class R {
  private s: Uint32Array;
  constructor(seed: number) {
    // splitmix32 to seed xoshiro128**
    this.s = new Uint32Array(4);
    let x = seed >>> 0;
    for (let i = 0; i < 4; i++) {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      this.s[i] = (z ^ (z >>> 16)) >>> 0;
    }
  }
  next(): number {
    const s = this.s;
    const r = Math.imul(rotl(Math.imul(s[1] as number, 5), 7), 9) >>> 0;
    const t = ((s[1] as number) << 9) >>> 0;
    s[2] = (s[2] as number) ^ (s[0] as number);
    s[3] = (s[3] as number) ^ (s[1] as number);
    s[1] = (s[1] as number) ^ (s[2] as number);
    s[0] = (s[0] as number) ^ (s[3] as number);
    s[2] = (s[2] as number) ^ t;
    s[3] = rotl(s[3] as number, 11);
    return r / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)] as T;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.int(0, 9));
    return s;
  }
  chars(alphabet: string, n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[this.int(0, alphabet.length - 1)];
    return s;
  }
}
const rotl = (x: number, k: number) => ((x << k) | (x >>> (32 - k))) >>> 0;
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

// ---------------------------------------------------------------- check digits (from the spec)
export function mod112(body17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let s = 0;
  for (let i = 0; i < 17; i++) s += Number(body17[i]) * (w[i] as number);
  return '10X98765432'[s % 11] as string;
}
export function luhnDigit(body: string): string {
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
export const luhnOk = (v: string): boolean => luhnDigit(v.slice(0, -1)) === v.slice(-1);
const USCC_ALPHA = '0123456789ABCDEFGHJKLMNPQRTUWXY';
export function usccCheck(body17: string): string {
  let s = 0;
  let w = 1;
  for (let i = 0; i < 17; i++) {
    s += USCC_ALPHA.indexOf(body17[i] as string) * w;
    w = (w * 3) % 31;
  }
  return USCC_ALPHA[(31 - (s % 31)) % 31] as string;
}
const VIN_T: Record<string, number> = {
  A: 1,
  B: 2,
  C: 3,
  D: 4,
  E: 5,
  F: 6,
  G: 7,
  H: 8,
  J: 1,
  K: 2,
  L: 3,
  M: 4,
  N: 5,
  P: 7,
  R: 9,
  S: 2,
  T: 3,
  U: 4,
  V: 5,
  W: 6,
  X: 7,
  Y: 8,
  Z: 9,
};
export function vinCheck(v: string): string {
  const w = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
  let s = 0;
  for (let i = 0; i < 17; i++) {
    const c = v[i] as string;
    s += (/\d/.test(c) ? Number(c) : (VIN_T[c] as number)) * (w[i] as number);
  }
  const m = s % 11;
  return m === 10 ? 'X' : String(m);
}
export function imoCheck(six: string): string {
  let s = 0;
  for (let i = 0; i < 6; i++) s += Number(six[i]) * (7 - i);
  return String(s % 10);
}
const ISO_VAL: Record<string, number> = (() => {
  const m: Record<string, number> = {};
  let v = 10;
  for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') {
    if (v % 11 === 0) v++;
    m[c] = v++;
  }
  return m;
})();
export function containerCheck(ten: string): string {
  let s = 0;
  for (let i = 0; i < 10; i++) {
    const c = ten[i] as string;
    s += (/\d/.test(c) ? Number(c) : (ISO_VAL[c] as number)) * 2 ** i;
  }
  return String((s % 11) % 10);
}
export function gtinCheck(body: string): string {
  let s = 0;
  for (let i = 0; i < body.length; i++) {
    const d = Number(body[body.length - 1 - i]);
    s += i % 2 === 0 ? d * 3 : d;
  }
  return String((10 - (s % 10)) % 10);
}

// ---------------------------------------------------------------- vocabularies
export const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '高',
  '林',
  '罗',
  '郑',
  '梁',
  '谢',
  '宋',
  '唐',
  '许',
  '韩',
  '冯',
  '邓',
  '曹',
  '彭',
  '曾',
  '肖',
  '田',
  '董',
  '袁',
  '潘',
  '于',
  '蒋',
  '蔡',
  '余',
  '杜',
  '叶',
  '程',
  '苏',
  '魏',
  '吕',
  '丁',
  '任',
  '沈',
  '姚',
  '卢',
  '姜',
  '崔',
  '钟',
  '谭',
  '陆',
  '汪',
  '范',
  '金',
  '石',
  '廖',
  '贾',
  '夏',
  '韦',
  '付',
  '方',
  '白',
  '邹',
  '孟',
  '熊',
  '秦',
  '邱',
  '江',
  '尹',
  '薛',
  '闫',
  '段',
  '雷',
  '侯',
  '龙',
  '史',
  '陶',
  '黎',
  '贺',
  '顾',
  '毛',
  '郝',
  '龚',
  '邵',
  '万',
  '钱',
  '严',
  '覃',
  '武',
  '戴',
  '莫',
  '孔',
  '向',
  '汤',
  '欧阳',
  '司马',
  '上官',
];
const GIVEN =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华玉萍红娥玲芬燕彬鹏辉建国志明海波宇轩浩然子涵欣怡梓萱一诺雨桐思远嘉怡俊杰晨曦佳琪文博昊天';
export function cnName(r: R): string {
  const n = r.chance(0.65) ? 2 : 1;
  let g = '';
  for (let i = 0; i < n; i++) g += GIVEN[r.int(0, GIVEN.length - 1)];
  return r.pick(SURNAMES) + g;
}
export const PINYIN_SUR = [
  'Wang',
  'Li',
  'Zhang',
  'Liu',
  'Chen',
  'Yang',
  'Huang',
  'Zhao',
  'Wu',
  'Zhou',
  'Xu',
  'Sun',
  'Ma',
  'Zhu',
  'Hu',
  'Guo',
  'Lin',
  'Luo',
];
export const PINYIN_GIVEN = [
  'Wei',
  'Fang',
  'Na',
  'Min',
  'Jing',
  'Lei',
  'Jun',
  'Yang',
  'Jie',
  'Tao',
  'Ming',
  'Chao',
  'Xiaoming',
  'Haoran',
  'Zihan',
  'Xinyi',
  'Yuxuan',
  'Jiahui',
];
export const EN_FIRST = [
  'James',
  'Mary',
  'Robert',
  'Patricia',
  'John',
  'Jennifer',
  'Michael',
  'Linda',
  'David',
  'Elizabeth',
  'William',
  'Barbara',
  'Richard',
  'Susan',
  'Joseph',
  'Jessica',
  'Thomas',
  'Sarah',
  'Daniel',
  'Karen',
  'Emily',
  'Oliver',
  'Sophia',
  'Lucas',
];
export const EN_LAST = [
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'Jones',
  'Garcia',
  'Miller',
  'Davis',
  'Rodriguez',
  'Martinez',
  'Hernandez',
  'Lopez',
  'Wilson',
  'Anderson',
  'Thomas',
  'Taylor',
  'Moore',
  'Jackson',
  'Martin',
  "O'Brien",
  'Nguyen',
  'Kim',
  'Patel',
];

export const REGIONS = [
  '110105',
  '110108',
  '310115',
  '310104',
  '440305',
  '440106',
  '320102',
  '330106',
  '510107',
  '420106',
  '370202',
  '610113',
  '500103',
  '350203',
  '430104',
  '210102',
  '130102',
  '410105',
  '450103',
  '530102',
  '620102',
  '650102',
  '230103',
  '340104',
];
const PROVINCES: Array<[string, string[], string[]]> = [
  ['上海市', ['浦东新区', '徐汇区', '闵行区', '静安区'], []],
  ['北京市', ['朝阳区', '海淀区', '丰台区', '西城区'], []],
  ['广东省', ['天河区', '南山区', '福田区', '越秀区'], ['广州市', '深圳市']],
  ['浙江省', ['西湖区', '鄞州区', '余杭区'], ['杭州市', '宁波市']],
  ['江苏省', ['鼓楼区', '姑苏区', '玄武区'], ['南京市', '苏州市']],
  ['四川省', ['武侯区', '锦江区', '高新区'], ['成都市']],
  ['湖北省', ['洪山区', '江汉区'], ['武汉市']],
];
const ROADS = [
  '人民路',
  '解放路',
  '中山路',
  '建设路',
  '长江路',
  '科技园路',
  '世纪大道',
  '张江路',
  '滨江大道',
  '文一西路',
  '天府大道',
  '南京东路',
  '延安西路',
  '幸福巷',
];
export function cnAddress(r: R, style = 0): string {
  const [prov, districts, cities] = r.pick(PROVINCES);
  const city = cities.length ? r.pick(cities) : '';
  const d = r.pick(districts);
  const head = style === 1 ? `${city}${d}` : `${prov}${city}${d}`;
  let tail = `${r.pick(ROADS)}${r.int(1, 2999)}号`;
  if (r.chance(0.5)) tail += `${r.int(1, 30)}栋${r.int(1, 30)}${pad(r.int(1, 12))}室`;
  else if (r.chance(0.4))
    tail += `${r.pick(['阳光小区', '锦绣花园', '万科城', '翠苑一区'])}${r.int(1, 20)}幢${r.int(1, 6)}单元${r.int(101, 2802)}`;
  return head + tail;
}
export const ETHNIC_FULL = [
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
  '彝族',
  '土家族',
  '藏族',
  '蒙古族',
  '朝鲜族',
  '侗族',
  '瑶族',
  '白族',
  '哈尼族',
];

// ---------------------------------------------------------------- identifiers
export function date(r: R, y0: number, y1: number): [number, number, number] {
  const y = r.int(y0, y1);
  const m = r.int(1, 12);
  const dim = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return [y, m, r.int(1, dim)];
}
export function fmtDate([y, m, d]: [number, number, number], style: number): string {
  switch (style) {
    case 1:
      return `${y}${pad(m)}${pad(d)}`;
    case 2:
      return `${y}/${m}/${d}`;
    case 3:
      return `${y}年${m}月${d}日`;
    case 4:
      return `${pad(m)}/${pad(d)}/${y}`;
    case 5:
      return `${y}.${pad(m)}.${pad(d)}`;
    default:
      return `${y}-${pad(m)}-${pad(d)}`;
  }
}
export function residentId(r: R, y0 = 1950, y1 = 2004, lowerX = false): string {
  const [y, m, d] = date(r, y0, y1);
  const body = `${r.pick(REGIONS)}${y}${pad(m)}${pad(d)}${r.digits(3)}`;
  const c = mod112(body);
  return body + (lowerX && c === 'X' ? 'x' : c);
}
const MOBILE_PFX = [
  '130',
  '131',
  '132',
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '155',
  '156',
  '157',
  '158',
  '159',
  '166',
  '173',
  '176',
  '177',
  '180',
  '181',
  '185',
  '186',
  '187',
  '188',
  '189',
  '191',
  '193',
  '198',
  '199',
];
export const mobile = (r: R): string => r.pick(MOBILE_PFX) + r.digits(8);
export function maskedMobile(r: R): string {
  const m = mobile(r);
  return `${m.slice(0, 3)}****${m.slice(7)}`;
}
export function bankCard(r: R, style = 0): string {
  const bin = r.pick([
    '621700',
    '622202',
    '622848',
    '621226',
    '625965',
    '623668',
    '622588',
    '621483',
    '4367',
    '4563',
    '5187',
    '5240',
  ]);
  const len = bin.startsWith('62') ? r.pick([16, 19, 19]) : 16;
  const body = bin + r.digits(len - 1 - bin.length);
  const n = body + luhnDigit(body);
  if (style === 1) return n.replace(/(\d{4})(?=\d)/g, '$1 ');
  if (style === 2) return n.replace(/(\d{4})(?=\d)/g, '$1-');
  return n;
}
export function luhnFail(r: R, len = 16, bin = ''): string {
  const body = bin + r.digits(len - 1 - bin.length);
  const good = Number(luhnDigit(body));
  return body + String((good + r.int(1, 9)) % 10);
}
const VIN_CH = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';
const YEAR_CH = 'ABCDEFGHJKLMNPRSTVWXY123456789';
export function vin(r: R): string {
  const wmi = r.pick(['LSV', 'LFV', 'LSG', 'LVS', 'LBV', 'LGB', 'LHG', 'LRW', 'LNB', 'LB3', 'WBA', 'JTD', '5YJ']);
  const raw = `${wmi}${r.chars(VIN_CH, 5)}0${r.pick([...'HJKLMNPRS'])}${r.chars(VIN_CH, 1)}${r.digits(6)}`;
  return raw.slice(0, 8) + vinCheck(raw) + raw.slice(9);
}
export function sku17(r: R): string {
  for (;;) {
    const raw = `${r.chars(VIN_CH, 8)}0${r.chars(YEAR_CH, 1)}${r.chars(VIN_CH, 1)}${r.digits(6)}`;
    const want = vinCheck(raw);
    const c = r.chars('0123456789X', 1);
    if (c !== want) return raw.slice(0, 8) + c + raw.slice(9);
  }
}
export function imei(r: R): string {
  const body = r.pick(['35', '86', '35', '86', '01', '99']) + r.digits(12);
  return body + luhnDigit(body);
}
export function iccid(r: R): string {
  const body = `8986${r.pick(['00', '01', '03', '11'])}${r.digits(r.chance(0.5) ? 12 : 13)}`;
  return body + luhnDigit(body);
}
export const imsi = (r: R): string => `460${r.pick(['00', '01', '02', '03', '11'])}${r.digits(10)}`;
export function imo(r: R, prefix: string): string {
  const six = r.pick(['9', '9', '9', '8', '7']) + r.digits(5);
  return prefix + six + imoCheck(six);
}
export function container(r: R): string {
  const ten = `${r.pick(['COS', 'MSC', 'MAE', 'OOL', 'CMA', 'EGH', 'TGH', 'HLX', 'ONE', 'TCL'])}U${r.digits(6)}`;
  return ten + containerCheck(ten);
}
export function uscc(r: R): string {
  const body = `${r.pick(['91', '91', '92', '52', '12'])}${r.pick(REGIONS)}${r.chars('0123456789ABCDEFGHJKLMNPQRTUWXY', 9)}`;
  return body + usccCheck(body);
}
export function gtin13(r: R): string {
  const body = r.pick(['690', '691', '692', '693', '694', '695', '400', '500', '880']) + r.digits(9);
  return body + gtinCheck(body);
}
export function isbn13(r: R): string {
  const body = `978${r.pick(['7', '0', '1', '3'])}${r.digits(8)}`;
  return body + gtinCheck(body);
}
export function plate(r: R, nev = 0.3): string {
  const prov = r.pick([...'京沪粤浙苏川鄂湘鲁豫冀辽闽皖陕渝津']);
  const auth = r.pick([...'ABCDEFGHJK']);
  const AL = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';
  if (r.chance(nev)) {
    if (r.chance(0.7))
      return `${prov}${auth}${r.pick([...'DF'])}${r.chars('ABCDEFGHJKLMNPQRSTUVWXYZ0123456789', 1)}${r.digits(4)}`;
    return `${prov}${auth}${r.digits(5)}${r.pick([...'DF'])}`;
  }
  let serial: string;
  do serial = r.chars(AL, 5);
  while ((serial.match(/[A-Z]/g) ?? []).length > 2);
  return prov + auth + serial;
}
export const uuid = (r: R): string =>
  `${r.chars('0123456789abcdef', 8)}-${r.chars('0123456789abcdef', 4)}-4${r.chars('0123456789abcdef', 3)}-${r.pick([...'89ab'])}${r.chars('0123456789abcdef', 3)}-${r.chars('0123456789abcdef', 12)}`;
export const hex = (r: R, n: number): string => r.chars('0123456789abcdef', n);
export function ipv4(r: R): string {
  return `${r.pick([10, 172, 192, 58, 114, 120, 183, 223, 36, 101])}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`;
}
export function ipv6(r: R): string {
  const g = () => r.int(0, 0xffff).toString(16);
  const s = r.int(0, 3);
  if (s === 0) return `240e:${g()}:${g()}:${g()}:${g()}:${g()}:${g()}:${g()}`;
  if (s === 1) return `2408:${g()}:${g()}::${g()}`;
  if (s === 2) return `fe80::${g()}:${r.int(0, 255).toString(16)}ff:fe${r.int(0, 255).toString(16)}:${g()}`;
  return `2409:8a1e:${g()}:${g()}:${g()}:${g()}:${g()}:${g()}`.toUpperCase();
}
export function mac(r: R, sep = ':', upper = false): string {
  const o = Array.from({ length: 6 }, () => r.chars('0123456789abcdef', 2));
  const s = o.join(sep);
  return upper ? s.toUpperCase() : s;
}
export function ts(r: R, style = 0): string {
  const [y, m, d] = date(r, 2023, 2025);
  const t = `${pad(r.int(0, 23))}:${pad(r.int(0, 59))}:${pad(r.int(0, 59))}`;
  if (style === 1) return `${y}-${pad(m)}-${pad(d)}T${t}+08:00`;
  if (style === 2) return String(Date.UTC(y, m - 1, d) / 1000 + r.int(0, 86399));
  return `${y}-${pad(m)}-${pad(d)} ${t}`;
}
export const money = (r: R, lo: number, hi: number): string => (r.int(lo * 100, hi * 100) / 100).toFixed(2);
export function orderNo18(r: R): string {
  const [y, m, d] = date(r, 2024, 2025);
  return `${String(y).slice(2)}${pad(m)}${pad(d)}${r.digits(12)}`;
}
export function dna(r: R, n: number): string {
  return r.chars('ACGT', n);
}
export const ORG_ZH = ['上海', '宁波', '深圳', '苏州', '青岛', '天津', '厦门', '广州'];
export const ORG_MID = ['远洋', '海通', '华贸', '恒信', '金桥', '新纪元', '东方', '凯盛', '中联', '鼎泰'];
export const ORG_KIND = ['国际贸易', '物流', '电子科技', '进出口', '供应链管理', '实业', '医疗器械', '汽车零部件'];
export function orgName(r: R, enShare = 0.3): string {
  if (r.chance(enShare)) {
    const c = r.pick(['Ningbo', 'Shanghai', 'Shenzhen', 'Suzhou', 'Qingdao', 'Xiamen']);
    const n = r.pick(['Haitian', 'Evergreen', 'Sunrise', 'Golden Bridge', 'Orient', 'Kaisheng', 'Huamao']);
    const k = r.pick(['Trading', 'Logistics', 'Electronics', 'Import & Export', 'Industrial']);
    return `${c} ${n} ${k} ${r.pick(['Co., Ltd.', 'Co., Ltd', 'Co.,Ltd.', 'Limited'])}`;
  }
  return `${r.pick(ORG_ZH)}${r.pick(ORG_MID)}${r.pick(ORG_KIND)}${r.pick(['有限公司', '有限公司', '股份有限公司', '有限责任公司'])}`;
}
