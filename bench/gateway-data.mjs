/**
 * Synthetic repair orders for bench/gateway.mjs: 14 fields with Chinese text, deterministic (seeded).
 * Usage: node bench/gateway-data.mjs OUT_DIR [MB]
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const FIELDS = [
  'order_id',
  'vin',
  'license_plate',
  'brand',
  'vehicle_model',
  'mileage',
  'repair_date',
  'service_type',
  'fault_code',
  'fault_description',
  'parts',
  'labor_hours',
  'owner_name',
  'owner_phone',
];
/** The manifest used by the bench: keeps 9, drops 4, hashes 1. */
export const DROPPED = ['license_plate', 'owner_name', 'owner_phone', 'fault_description'];
export const HASHED = 'vin';

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = Array.from('王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗');
const GIVEN = Array.from('伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英');
const PROV = Array.from('沪京苏浙粤川鄂湘鲁豫');
const BRANDS = ['上汽大众', '上汽通用', '上汽荣威', '特斯拉', '蔚来', '理想', '比亚迪'];
const MODELS = ['帕萨特', '朗逸', '途观L', 'ID.4 X', 'Model 3', 'ES6', 'L7', '汉EV', '秦PLUS'];
const SERVICE = ['首保', '常规保养', '保修维修', '事故维修', '召回', '加装'];
const FAULTS = [
  '发动机故障灯亮，怠速抖动，客户反映冷车启动困难',
  '空调不制冷，压缩机异响',
  '左前门玻璃升降器失效',
  '高压电池包SOC显示异常，快充中断',
  '制动时方向盘抖动，前刹车盘磨损',
  '中控屏黑屏，倒车影像无法显示',
  '底盘异响，过减速带时明显',
];
const PARTS = [
  '机油滤清器;机油5W-30',
  '空调压缩机总成',
  '玻璃升降器电机',
  '电池管理模块BMS',
  '前制动盘;前刹车片',
  '中控主机',
  '下摆臂衬套',
];
const VIN_CH = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';

const vinCache = new Map();
/** A fleet of `size` vehicles (the same for every batch, so repair orders repeat VINs like real ones). */
function fleet(size) {
  let vins = vinCache.get(size);
  if (vins) return vins;
  const r = rng(20260101);
  vins = [];
  for (let i = 0; i < size; i++) {
    let v = 'LSV';
    for (let k = 0; k < 14; k++) v += VIN_CH[Math.floor(r() * VIN_CH.length)];
    vins.push(v);
  }
  vinCache.set(size, vins);
  return vins;
}

export function makeRecords(n, seed = 42, vinPool = 60000) {
  const r = rng(seed);
  const pick = (a) => a[Math.floor(r() * a.length)];
  const vins = fleet(vinPool);
  const out = [];
  for (let i = 0; i < n; i++) {
    const m = 1 + Math.floor(r() * 12);
    const d = 1 + Math.floor(r() * 28);
    out.push({
      order_id: `RO${String(20260000000 + i)}`,
      vin: pick(vins),
      license_plate: `${pick(PROV)}${String.fromCharCode(65 + Math.floor(r() * 26))}${String(Math.floor(r() * 100000)).padStart(5, '0')}`,
      brand: pick(BRANDS),
      vehicle_model: pick(MODELS),
      mileage: Math.floor(r() * 200000),
      repair_date: `2026-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
      service_type: pick(SERVICE),
      fault_code: `P${String(Math.floor(r() * 4000)).padStart(4, '0')}`,
      fault_description: `${pick(FAULTS)}；${pick(FAULTS)}`,
      parts: pick(PARTS),
      labor_hours: Math.round(r() * 80) / 10,
      owner_name: pick(SURNAMES) + pick(GIVEN) + (r() < 0.5 ? pick(GIVEN) : ''),
      owner_phone: `1${3 + Math.floor(r() * 6)}${String(Math.floor(r() * 1e9)).padStart(9, '0')}`,
    });
  }
  return out;
}

function csvCell(v) {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Writes `<dir>/orders.ndjson` and `<dir>/orders.csv` of about `mb` MB each. */
export async function generate(dir, mb = 200) {
  mkdirSync(dir, { recursive: true });
  const target = mb * 1e6;
  const nd = createWriteStream(join(dir, 'orders.ndjson'));
  const csv = createWriteStream(join(dir, 'orders.csv'));
  csv.write(`${FIELDS.join(',')}\n`);
  let ndBytes = 0;
  let csvBytes = 0;
  let seed = 1;
  while (ndBytes < target || csvBytes < target) {
    const recs = makeRecords(20000, seed++);
    if (ndBytes < target) {
      const s = recs.map((x) => JSON.stringify(x)).join('\n') + '\n';
      ndBytes += Buffer.byteLength(s);
      if (!nd.write(s)) await new Promise((r) => nd.once('drain', r));
    }
    if (csvBytes < target) {
      const s = recs.map((x) => FIELDS.map((f) => csvCell(x[f])).join(',')).join('\n') + '\n';
      csvBytes += Buffer.byteLength(s);
      if (!csv.write(s)) await new Promise((r) => csv.once('drain', r));
    }
  }
  await Promise.all([new Promise((r) => nd.end(r)), new Promise((r) => csv.end(r))]);
  return { ndjson: join(dir, 'orders.ndjson'), csv: join(dir, 'orders.csv'), ndBytes, csvBytes };
}

/** The bench manifest as YAML text. */
export function benchManifest({ hash }) {
  const lines = FIELDS.map((f) => {
    const op = DROPPED.includes(f) ? 'drop' : f === HASHED && hash ? 'hash' : 'keep';
    return `  - path: ${f}\n    operator: ${op}\n    piClass: ${f === 'vin' ? 'personal' : 'none'}`;
  });
  return `schemaVersion: 1
kind: ExportManifest
id: bench.repair_orders
version: 1.0.0
issuer: { id: bench, name: { zh: 基准, en: Bench } }
exporter: bench-exporter
recipients: [{ name: bench-gmbh, type: headquarters, countries: [DE] }]
list: { id: lingang.icv.after_sales, version: 1.1.0 }
effective: 2020-01-01
expires: 2099-12-31
subjectKeys: [vin]
fields:
${lines.join('\n')}
`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] ?? 'bench/out';
  const r = await generate(dir, Number(process.argv[3] ?? 200));
  console.log(r);
}
