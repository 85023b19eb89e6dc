/**
 * @module core/detect/org
 * ORG_NAME: organisation names recognised by their legal-form or institutional suffix (有限公司, 股份有限公司,
 * 集团, 医院, 大学, Ltd, GmbH, AG, Inc, A/S, …).
 */

import { CharSet } from './charset.js';

const ZH_SUFFIXES = [
  '有限责任公司',
  '股份有限公司',
  '有限公司',
  '分公司',
  '公司',
  '集团',
  '合伙企业',
  '（有限合伙）',
  '(有限合伙)',
  '事务所',
  '研究院',
  '研究所',
  '医院',
  '卫生院',
  '大学',
  '学院',
  '银行',
  '协会',
  '委员会',
  '管理局',
  '中心',
  '工厂',
  '厂',
  '商行',
  '经营部',
  '服务部',
  '维修站',
  '服务站',
  '4S店',
  '专营店',
  '合作社',
  '基金会',
];
const LATIN_SUFFIXES = [
  'ltd',
  'ltd.',
  'limited',
  'llc',
  'l.l.c.',
  'inc',
  'inc.',
  'incorporated',
  'corp',
  'corp.',
  'corporation',
  'gmbh',
  'ag',
  'a/s',
  'as',
  'asa',
  'ab',
  'oy',
  'oyj',
  's.a.',
  'sa',
  'sas',
  's.a.s.',
  's.p.a.',
  'spa',
  'b.v.',
  'bv',
  'n.v.',
  'nv',
  'plc',
  'kg',
  'gmbh & co. kg',
  'co.',
  'co',
  'pte',
  'pty',
  'k.k.',
  'kk',
  'srl',
  's.r.l.',
  'sarl',
  'lp',
  'llp',
  'company',
  'group',
  'bank',
  'university',
  'hospital',
  'institute',
  'foundation',
];
const LATIN_SET = new Set(LATIN_SUFFIXES);
/** Last characters of the Chinese suffixes (a quick reject). */
const ZH_LAST = new CharSet(ZH_SUFFIXES.map((x) => x.charAt(x.length - 1)));

/** True for an organisation name (≥ 4 chars, a known suffix). */
export function isOrgName(v: string): boolean {
  const n = v.length;
  if (n < 4 || n > 120) return false;
  const c0 = v.charCodeAt(0);
  if (c0 >= 0x3000) {
    if (!ZH_LAST.has(v.charCodeAt(n - 1))) return false;
    // the longest suffix that matches must leave a name of at least 2 chars (`有限公司` alone is no name)
    for (const s of ZH_SUFFIXES) if (v.endsWith(s)) return n - s.length >= 2;
    return false;
  }
  // Latin: last word (or last two words "Co., Ltd.") is a legal form; at least one word before it.
  const sp = v.lastIndexOf(' ');
  if (sp <= 0) return false;
  let last = v
    .slice(sp + 1)
    .toLowerCase()
    .replace(/[),]+$/, '');
  // `Co.,Ltd.` written without a space (common in Chinese firms' English names): the part after the comma
  const comma = last.lastIndexOf(',');
  if (comma > 0 && comma < last.length - 1) last = last.slice(comma + 1);
  if (!LATIN_SET.has(last)) return false;
  const c = v.charCodeAt(0);
  return (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || (c >= 97 && c <= 122);
}
