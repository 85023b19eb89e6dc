import { classifyColumns } from '../../../src/core/scan/classify.js';
import * as V from './values.js';
const r = new V.R(5);
const N = 300;
const cols: Record<string, (r: V.R) => string> = {
  '客户姓名_masked': (r) => `${r.pick(V.SURNAMES)}${r.pick(['*', '**', '某'])}`,
  '银行卡号_masked': (r) => { const c = V.bankCard(r); return `${c.slice(0, 4)} **** **** ${c.slice(-4)}`; },
  '出生日期_ts': (r) => `${V.fmtDate(V.date(r, 1950, 2004), 0)} 00:00:00`,
  'birthday2': (r) => V.fmtDate(V.date(r, 1950, 2004), 2),
  '身份证_spaced': (r) => { const v = V.residentId(r); return `${v.slice(0, 6)} ${v.slice(6, 14)} ${v.slice(14)}`; },
  'vin_lower': (r) => V.vin(r).toLowerCase(),
  'mac_cisco': (r) => { const h = V.hex(r, 12); return `${h.slice(0, 4)}.${h.slice(4, 8)}.${h.slice(8)}`; },
  'latitude': (r) => (r.int(220000, 409999) / 10000).toFixed(4),
  'longitude': (r) => (r.int(1020000, 1229999) / 10000).toFixed(4),
  'c_lat': (r) => (r.int(22000000, 40999999) / 1e6).toFixed(6),
  'c_lng': (r) => (r.int(102000000, 122999999) / 1e6).toFixed(6),
  'nation': (r) => r.pick(V.ETHNIC_FULL),
  'contact': (r) => `${r.pick(V.PINYIN_SUR)} ${r.pick(V.PINYIN_GIVEN)}`,
  'isbn10': (r) => `7-${r.digits(4)}-${r.digits(4)}-${r.digits(1)}`,
  '姓': (r) => r.pick(V.SURNAMES),
  '名': (r) => r.pick(['伟', '芳', '秀英', '建国', '子涵', '欣怡', '明', '静']),
  'plate_dot': (r) => { const p = V.plate(r, 0.3); return `${p.slice(0, 2)}·${p.slice(2)}`; },
  'imei_sv': (r) => V.imei(r).slice(0, 14) + r.digits(2),
  'product_name_en': (r) => `${r.pick(['Apple', 'Rose', 'Lily', 'Grace'])} ${r.pick(['Hill', 'Wood', 'Stone'])}`,
  'hk_phone': (r) => `+852 ${r.pick(['5', '6', '9'])}${r.digits(3)} ${r.digits(4)}`,
  'passport_no': (r) => `E${r.digits(8)}`,
  'unit_price': (r) => V.money(r, 1, 99),
  'ean_c': (r) => V.gtin13(r),
  'zip_us': (r) => String(r.int(10000, 99999)),
  'dept_en': (r) => r.pick(['Cardiology', 'Oncology', 'Pediatrics', 'Dermatology']),
  'diagnosis_en': (r) => r.pick(['Hypertension', 'Type 2 diabetes mellitus', 'Pneumonia', 'Asthma', 'Migraine', 'Gastritis']),
};
const names = Object.keys(cols);
const rows = Array.from({ length: N }, () => names.map((n) => (cols[n] as (r: V.R) => string)(r)));
for (const c of classifyColumns(names, rows, { today: '2025-06-30' })) console.log(c.name.padEnd(16), String(c.infoType).padEnd(18), c.kind, c.evidence.reason);
