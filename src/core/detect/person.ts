/**
 * @module core/detect/person
 * PERSON_NAME (Chinese: a common surname + 1–2 given characters, compound surnames + 1–2; minority names with
 * `·`; Latin-script names of 2–4 capitalised words), GENDER (closed vocabularies) and ETHNICITY (the 56
 * recognised groups). These are context types: one value alone proves little, so the classifier also wants the
 * header or a whole column of them (see core/scan/classify).
 */

import { CharSet } from './charset.js';

/** Common single-character surnames (the ~300 most frequent, covering > 95% of the population). */
export const COMMON_SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由';

/** Compound surnames. */
export const COMPOUND_SURNAMES = [
  '欧阳',
  '司马',
  '诸葛',
  '上官',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '令狐',
  '司徒',
  '夏侯',
  '轩辕',
  '宇文',
  '长孙',
  '端木',
  '独孤',
  '南宫',
  '西门',
  '申屠',
  '澹台',
  '公冶',
  '宗政',
  '濮阳',
  '太叔',
  '单于',
  '呼延',
  '闻人',
  '万俟',
  '司空',
];

const SURNAME = new CharSet(COMMON_SURNAMES);
const COMPOUND = new Set(COMPOUND_SURNAMES);
const COMPOUND_FIRST = new CharSet(COMPOUND_SURNAMES.map((x) => x.charAt(0)));

/** Characters that end place names, organisations and things, not given names. */
const NOT_GIVEN_END = new CharSet(
  '省市区县镇乡村路街道号楼室司厂店院局部处科所站队组类型件器机车灯泵阀片管线油剂费单表',
);

function isCjk(c: number): boolean {
  return c >= 0x4e00 && c <= 0x9fff;
}

/** A Chinese name: common surname (or compound) + 1–2 CJK given characters; or a `·`-joined minority name. */
export function isChineseName(v: string): boolean {
  const n = v.length;
  if (n < 2 || n > 16) return false;
  const c0 = v.charCodeAt(0);
  if (!isCjk(c0)) return false;
  if (n <= 4) {
    for (let i = 1; i < n; i++) if (!isCjk(v.charCodeAt(i))) return false;
    if (NOT_GIVEN_END.has(v.charCodeAt(n - 1))) return false;
    if (n >= 3 && COMPOUND_FIRST.has(c0) && COMPOUND.has(v.slice(0, 2))) return true;
    return SURNAME.has(c0) && n <= 3;
  }
  // minority names transliterated with a middle dot: 阿依古丽·买买提
  let dots = 0;
  for (let i = 0; i < n; i++) {
    const c = v.charCodeAt(i);
    if (c === 0xb7 || c === 0x2022 || c === 0x30fb) {
      if (i === 0 || i === n - 1) return false;
      dots++;
    } else if (!isCjk(c)) return false;
  }
  return dots >= 1 && dots <= 3;
}

function isUpper(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde && c !== 0xd7);
}
function isLower(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 0xdf && c <= 0x24f && c !== 0xf7);
}

/** Words that look like names but are not (product/place/organisation words). */
const NON_NAME_WORDS = new Set([
  'ltd',
  'inc',
  'co',
  'corp',
  'gmbh',
  'llc',
  'limited',
  'company',
  'group',
  'street',
  'road',
  'avenue',
  'the',
  'and',
  'of',
  'unit',
  'front',
  'rear',
  'left',
  'right',
  'oil',
  'filter',
  'brake',
  'engine',
  'service',
  'repair',
  'total',
  'new',
  'none',
  'unknown',
  'null',
  'test',
  'china',
  'shanghai',
  'beijing',
  'system',
  'module',
  'sensor',
  'pump',
]);

/**
 * A Latin-script personal name: 2–4 words, each a capitalised word (`Wei`, `O'Brien`, `Jean-Luc`), an all-caps
 * family name (`ZHANG`), or an initial (`J.`). At least one word of 2+ letters has lower case, or the name is all
 * capitals (passport style `ZHANG WEI`) with a pinyin surname first or last.
 */
export function isLatinName(v: string): boolean {
  const n = v.length;
  if (n < 4 || n > 40) return false;
  if (!isUpper(v.charCodeAt(0))) return false;
  let words = 0;
  let i = 0;
  let sawLower = false;
  while (i < n) {
    const start = i;
    const c = v.charCodeAt(i);
    if (!isUpper(c)) return false;
    i++;
    let lowers = 0;
    let uppers = 1;
    while (i < n) {
      const d = v.charCodeAt(i);
      if (isLower(d)) lowers++;
      else if (isUpper(d)) uppers++;
      else if (d === 39 || d === 0x2019 || d === 45) {
        // apostrophe or hyphen inside a word
      } else break;
      i++;
    }
    if (i < n && v.charCodeAt(i) === 46) i++; // initial "J."
    const len = i - start;
    if (lowers > 0 && uppers > 1 && uppers > lowers) return false; // "McDonald" ok, "ABCd" not
    if (lowers > 0) sawLower = true;
    if (len > 1 && NON_NAME_WORDS.has(v.slice(start, i).toLowerCase())) return false;
    words++;
    if (i === n) break;
    if (v.charCodeAt(i) !== 32) return false;
    i++;
    if (i === n) return false;
  }
  // all capitals (passport / MRZ style `ZHANG WEI`): only with a pinyin surname first or last
  return words >= 2 && words <= 4 && (sawLower || hasPinyinSurname(v));
}

/** A person's name in Chinese or Latin script. */
export function isPersonName(v: string): boolean {
  const c0 = v.charCodeAt(0);
  return c0 >= 0x4e00 ? isChineseName(v) : isLatinName(v);
}

/** Words that are gender values on their own (no header needed). */
export const GENDER_WORDS = new Set([
  '男',
  '女',
  '男性',
  '女性',
  'male',
  'female',
  'Male',
  'Female',
  'MALE',
  'FEMALE',
  '未知',
  'unknown',
]);
/** Gender codes that need a gender header: M/F, 1/2 (GB/T 2261.1: 1 male, 2 female, 0 unknown, 9 unspecified). */
export const GENDER_CODES = new Set(['M', 'F', 'm', 'f', '0', '1', '2', '9', 'U', 'u']);

/** True for a gender word (男, 女, male, …). */
export function isGenderWord(v: string): boolean {
  return v.length <= 7 && GENDER_WORDS.has(v);
}
/** True for a gender word or code (the classifier needs the header for codes). */
export function isGender(v: string): boolean {
  return v.length <= 7 && (GENDER_WORDS.has(v) || GENDER_CODES.has(v));
}

/** The 56 recognised ethnic groups (GB 3304), without the 族 suffix. */
export const ETHNIC_GROUPS = [
  '汉',
  '蒙古',
  '回',
  '藏',
  '维吾尔',
  '苗',
  '彝',
  '壮',
  '布依',
  '朝鲜',
  '满',
  '侗',
  '瑶',
  '白',
  '土家',
  '哈尼',
  '哈萨克',
  '傣',
  '黎',
  '傈僳',
  '佤',
  '畲',
  '高山',
  '拉祜',
  '水',
  '东乡',
  '纳西',
  '景颇',
  '柯尔克孜',
  '土',
  '达斡尔',
  '仫佬',
  '羌',
  '布朗',
  '撒拉',
  '毛南',
  '仡佬',
  '锡伯',
  '阿昌',
  '普米',
  '塔吉克',
  '怒',
  '乌孜别克',
  '俄罗斯',
  '鄂温克',
  '德昂',
  '保安',
  '裕固',
  '京',
  '塔塔尔',
  '独龙',
  '鄂伦春',
  '赫哲',
  '门巴',
  '珞巴',
  '基诺',
];
const ETHNIC_FULL = new Set(ETHNIC_GROUPS.map((g) => `${g}族`));
const ETHNIC_SHORT = new Set(ETHNIC_GROUPS);
const ETHNIC_EN = new Set([
  'han',
  'hui',
  'manchu',
  'uyghur',
  'uygur',
  'tibetan',
  'mongol',
  'mongolian',
  'miao',
  'yi',
  'zhuang',
  'korean',
  'tujia',
  'dong',
  'yao',
  'bai',
  'li',
  'kazakh',
]);

/** First characters of the Chinese forms (a quick reject for names and other short CJK values). */
const ETHNIC_FIRST = new Uint8Array(0x10000 - 0x3000);
for (const e of [...ETHNIC_FULL, ...ETHNIC_SHORT]) {
  const c = e.charCodeAt(0);
  if (c >= 0x3000) ETHNIC_FIRST[c - 0x3000] = 1;
}

/** True for an ethnic group written in full (`汉族`, `维吾尔族`) — unambiguous on its own. */
export function isEthnicityFull(v: string): boolean {
  return v.length >= 2 && v.length <= 5 && ETHNIC_FULL.has(v);
}
/** True for an ethnic group in full, short (`汉`, `回`) or English (`Han`) form; short forms need a header. */
export function isEthnicity(v: string): boolean {
  const n = v.length;
  if (n > 10 || n === 0) return false;
  const c0 = v.charCodeAt(0);
  if (c0 >= 0x3000) {
    if (c0 - 0x3000 >= ETHNIC_FIRST.length || ETHNIC_FIRST[c0 - 0x3000] === 0) return false;
    return ETHNIC_FULL.has(v) || ETHNIC_SHORT.has(v);
  }
  for (let i = 0; i < n; i++) {
    const c = v.charCodeAt(i) | 32;
    if (c < 97 || c > 122) return false; // English names are letters only
  }
  return ETHNIC_SHORT.has(v) || ETHNIC_EN.has(v.toLowerCase());
}

/** Pinyin of the most common surnames (Hanyu Pinyin, as on passports). */
export const PINYIN_SURNAMES = new Set([
  'wang',
  'li',
  'zhang',
  'liu',
  'chen',
  'yang',
  'huang',
  'zhao',
  'wu',
  'zhou',
  'xu',
  'sun',
  'ma',
  'zhu',
  'hu',
  'guo',
  'he',
  'gao',
  'lin',
  'luo',
  'zheng',
  'liang',
  'xie',
  'song',
  'tang',
  'han',
  'feng',
  'deng',
  'cao',
  'peng',
  'zeng',
  'xiao',
  'tian',
  'dong',
  'yuan',
  'pan',
  'yu',
  'jiang',
  'cai',
  'du',
  'ye',
  'cheng',
  'su',
  'wei',
  'lv',
  'lyu',
  'ding',
  'ren',
  'shen',
  'yao',
  'lu',
  'cui',
  'zhong',
  'tan',
  'fan',
  'jin',
  'shi',
  'liao',
  'jia',
  'xia',
  'fu',
  'fang',
  'bai',
  'zou',
  'meng',
  'xiong',
  'qin',
  'qiu',
  'yin',
  'xue',
  'yan',
  'duan',
  'lei',
  'hou',
  'long',
  'tao',
  'mao',
  'hao',
  'gong',
  'shao',
  'wan',
  'qian',
  'dai',
  'mo',
  'kong',
  'xiang',
  'chang',
  'wen',
  'kang',
  'niu',
  'ouyang',
  'situ',
  'zhuge',
  'shangguan',
  'wong',
  'chan',
  'cheung',
  'leung',
  'lau',
  'ng',
  'ho',
]);

/** True when one word of a Latin-script name is a common Chinese surname in pinyin (`Zhang Wei`, `Wei ZHANG`). */
export function hasPinyinSurname(v: string): boolean {
  const sp = v.indexOf(' ');
  if (sp < 0) return false;
  const first = v.slice(0, sp).toLowerCase();
  if (PINYIN_SURNAMES.has(first)) return true;
  const last = v.slice(v.lastIndexOf(' ') + 1).toLowerCase();
  return PINYIN_SURNAMES.has(last);
}
