import { describe, expect, it } from 'vitest';
import { DATASET_KINDS, generateDataset } from './datasets.js';
import { Rng } from './prng.js';

describe('synthetic datasets', () => {
  it('are deterministic for a seed and differ across seeds', () => {
    const a = [...generateDataset('repair_orders', { rows: 50, seed: 3 }).rows()];
    const b = [...generateDataset('repair_orders', { rows: 50, seed: 3 }).rows()];
    const c = [...generateDataset('repair_orders', { rows: 50, seed: 4 }).rows()];
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });
  it('repair orders have the 14 columns the gateway benchmark expects', () => {
    const ds = generateDataset('repair_orders', { headers: 'zh', rows: 1 });
    expect(ds.columns).toEqual([
      '工单号',
      '车架号',
      '车牌号',
      '车主姓名',
      '手机号',
      '身份证号',
      '经销商',
      '维修日期',
      '里程',
      '故障码',
      '故障描述',
      '工时',
      '配件编号',
      '金额',
    ]);
    expect(ds.labels.columns.filter((c) => c.decoy).map((c) => c.name)).toEqual(['工单号', '配件编号']);
  });
  it('every dataset labels every column, with decoys and unique header names in every style', () => {
    for (const kind of DATASET_KINDS) {
      for (const headers of ['mixed', 'opaque', 'heldout', 'pinyin'] as const) {
        const ds = generateDataset(kind, { rows: 5, headers });
        expect(ds.labels.columns.map((c) => c.name)).toEqual(ds.columns);
        expect(new Set(ds.columns).size).toBe(ds.columns.length);
        expect(ds.labels.columns.some((c) => c.decoy)).toBe(true);
        for (const row of ds.rows()) expect(row).toHaveLength(ds.columns.length);
      }
    }
  });
  it('the PRNG is uniform enough and reproducible', () => {
    const r = new Rng(1);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) {
      const k = r.int(4);
      counts[k] = (counts[k] as number) + 1;
    }
    for (const k of counts) expect(k).toBeGreaterThan(900);
    expect(new Rng(9).next32()).toBe(new Rng(9).next32());
  });
});
