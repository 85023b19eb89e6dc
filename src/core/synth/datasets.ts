/**
 * @module core/synth/datasets
 * Deterministic synthetic datasets with ground-truth labels, for tests, demos, the evaluation command and the
 * benchmarks: after-sales repair orders (14 columns), clinical-trial records, HR tables with pinyin headers, and
 * shipping documents — each with decoy columns (18-digit order numbers, 11-digit non-mobile numbers, sequential
 * 13x counters, Luhn-failing 16-digit numbers, 17-char SKUs, UUIDs).
 *
 * Header styles: `mixed` (per column: Chinese, English, snake_case, pinyin initials, or a meaningless `c07`),
 * one style for all (`zh`, `en`, `snake`, `pinyin`, `opaque`), or `heldout` — spellings kept apart from the
 * lexicon and its tests, used to measure accuracy honestly.
 */
import type { InfoType } from '../infotypes.js';
import type { GroundTruth } from '../scan/evaluate.js';
import { type Rng, rngFor } from './prng.js';
import { V } from './values.js';

export const DATASET_KINDS = ['repair_orders', 'clinical_trials', 'hr', 'shipping'] as const;
export type DatasetKind = (typeof DATASET_KINDS)[number];
export const HEADER_STYLES = ['mixed', 'zh', 'en', 'snake', 'pinyin', 'opaque', 'heldout'] as const;
export type HeaderStyle = (typeof HEADER_STYLES)[number];

/** Per-row shared facts, so a row is consistent (birth date ↔ ID number ↔ gender). */
interface RowCtx {
  i: number;
  birth: [number, number, number];
  male: boolean;
  name: string;
}

interface Label {
  infoType: InfoType | null;
  decoy?: boolean;
  kind?: 'identifier' | 'free_text' | 'other';
  contains?: InfoType[];
}

interface ColumnSpec {
  zh: string;
  en: string;
  snake: string;
  pinyin: string;
  /** Held-out spellings (not in the lexicon tests). */
  heldout: string[];
  label: Label;
  /** Share of empty values. */
  empty?: number;
  gen: (r: Rng, ctx: RowCtx) => string;
}

const col = (
  zh: string,
  en: string,
  snake: string,
  pinyin: string,
  heldout: string[],
  label: Label,
  gen: ColumnSpec['gen'],
  empty = 0,
): ColumnSpec => ({ zh, en, snake, pinyin, heldout, label, gen, empty });

const SYMPTOMS = [
  '发动机故障灯亮',
  '怠速抖动',
  '刹车异响',
  '空调不制冷',
  '变速箱换挡顿挫',
  '仪表盘黑屏',
  '车机系统死机',
  '左前轮胎异常磨损',
  '电池包温度过高报警',
  '冷启动困难',
  '方向盘跑偏',
  '天窗漏水',
  '大灯不亮',
  '雨刮器不工作',
  '充电桩无法充电',
  '后视镜无法折叠',
];
const ACTIONS = [
  '更换氧传感器',
  '清洗节气门',
  '更换刹车片',
  '补充冷媒',
  '升级变速箱软件',
  '更换中控屏',
  '刷新车机固件',
  '四轮定位',
  '更换BMS模块',
  '更换火花塞',
  '检查线束插头',
];
const EN_REMARKS = [
  'Container rolled over to next vessel',
  'Customs inspection requested',
  'Reefer set to -18C',
  'Late gate-in, shipper notified',
  'Seal number mismatch corrected',
  'Booking amended',
];

function faultText(r: Rng, ctx: RowCtx): string {
  let s = `${r.pick(SYMPTOMS)}，${r.pick(ACTIONS)}`;
  const k = r.int(100);
  if (k < 6) s += `，客户${ctx.name.charAt(0)}${ctx.male ? '先生' : '女士'}要求回电${V.mobile(r, true)}`;
  else if (k < 10) s += `，车牌${V.plate(r)}`;
  else if (k < 12) s += `，VIN:${V.vin(r)}`;
  else if (k < 40) s += `。故障码${V.dtc(r)}，已${r.pick(['试车确认', '交车', '待配件到货'])}`;
  return s;
}

function aeText(r: Rng): string {
  let s = `受试者于第${r.range(1, 12)}周期出现${V.aeTerm(r, false)}，CTCAE ${r.range(1, 3)}级，${r.pick(['给予对症治疗后缓解', '未作处理', '暂停用药后恢复', '持续观察中'])}`;
  if (r.chance(0.05)) s += `，联系家属电话${V.mobile(r, true)}`;
  return s;
}

function shippingRemark(r: Rng): string {
  let s = r.pick(EN_REMARKS);
  const k = r.int(100);
  if (k < 20) s += `, container ${V.container(r)}`;
  else if (k < 28) s += `; contact ${V.latinName(r)} tel ${V.landline(r)}`;
  else if (k < 33) s += `; mail ${V.email(r)}`;
  return `${s}.`;
}

const SPECS: Record<DatasetKind, ColumnSpec[]> = {
  repair_orders: [
    col(
      '工单号',
      'Repair Order No',
      'ro_no',
      'gdh',
      ['维修委托单编号', 'WorkOrderID'],
      { infoType: null, decoy: true },
      (r) => V.orderNo18(r),
    ),
    col('车架号', 'VIN', 'vin_code', 'cjh', ['车辆识别号码', 'Vehicle VIN'], { infoType: 'VIN' }, (r) => V.vin(r)),
    col(
      '车牌号',
      'Plate Number',
      'plate_no',
      'cph',
      ['机动车号牌', 'Reg Plate'],
      { infoType: 'CN_LICENSE_PLATE' },
      (r) => V.plate(r),
      0.03,
    ),
    col(
      '车主姓名',
      'Owner Name',
      'owner_name',
      'czxm',
      ['送修人', 'Customer Full Name'],
      { infoType: 'PERSON_NAME' },
      (_r, c) => c.name,
    ),
    col(
      '手机号',
      'Mobile',
      'mobile_no',
      'sjhm',
      ['车主联系手机', 'Owner Cell No'],
      { infoType: 'CN_MOBILE' },
      (r) => V.mobile(r),
      0.02,
    ),
    col(
      '身份证号',
      'ID Number',
      'id_card_no',
      'sfzh',
      ['证件号（身份证）', 'Owner NRIC'],
      { infoType: 'CN_RESIDENT_ID' },
      (r, c) => V.residentId(r, c.birth),
      0.1,
    ),
    col(
      '经销商',
      'Dealer Name',
      'dealer_name',
      'jxsmc',
      ['服务商全称', 'Service Partner'],
      { infoType: 'ORG_NAME' },
      (r) => V.orgZh(r, '汽车销售服务'),
    ),
    col('维修日期', 'Repair Date', 'repair_date', 'wxrq', ['进站时间', 'Visit Day'], { infoType: null }, (r) =>
      V.date(r, 2023, 2024),
    ),
    col('里程', 'Mileage', 'odometer_km', 'lc', ['表显公里', 'KM Reading'], { infoType: null }, (r) =>
      String(r.range(300, 180000)),
    ),
    col('故障码', 'DTC', 'dtc_code', 'gzm', ['诊断代码', 'Trouble Code'], { infoType: null }, (r) => V.dtc(r), 0.2),
    col(
      '故障描述',
      'Fault Description',
      'fault_desc',
      'gzms',
      ['客户报修内容', 'Technician Notes'],
      { infoType: null, kind: 'free_text', contains: ['CN_MOBILE', 'CN_LICENSE_PLATE', 'PERSON_NAME', 'VIN'] },
      faultText,
    ),
    col('工时', 'Labour Hours', 'labor_hours', 'gs', ['标准作业时长', 'Labour Time'], { infoType: null }, (r) =>
      (r.range(1, 40) / 4).toFixed(2),
    ),
    col(
      '配件编号',
      'Part Number',
      'part_no',
      'pjbh',
      ['备件料号', 'Spare Part Ref'],
      { infoType: null, decoy: true },
      (r) => V.sku17(r),
    ),
    col('金额', 'Amount', 'amount_cny', 'je', ['结算总价', 'Invoice Total'], { infoType: null }, (r) =>
      (r.range(5000, 900000) / 100).toFixed(2),
    ),
  ],
  clinical_trials: [
    col(
      '受试者编号',
      'Subject ID',
      'subject_id',
      'sszbh',
      ['入组号', 'Participant Code'],
      { infoType: null },
      (r) => `S${r.range(1, 40).toString().padStart(2, '0')}-${r.digits(3)}`,
    ),
    col(
      '研究中心',
      'Site Name',
      'site_name',
      'yjzx',
      ['参研医院', 'Investigator Site'],
      { infoType: 'ORG_NAME' },
      (r) => V.hospital(r),
    ),
    col(
      '姓名',
      'Patient Name',
      'patient_name',
      'xm',
      ['病人全名', 'Subject Full Name'],
      { infoType: 'PERSON_NAME' },
      (_r, c) => c.name,
    ),
    col('性别', 'Sex', 'gender', 'xb', ['男女', 'M/F'], { infoType: 'GENDER' }, (r, c) =>
      r.chance(0.5) ? (c.male ? '男' : '女') : c.male ? 'M' : 'F',
    ),
    col(
      '出生日期',
      'Date of Birth',
      'birth_date',
      'csrq',
      ['生于', 'Born On'],
      { infoType: 'DATE_OF_BIRTH' },
      (_r, c) => `${c.birth[0]}-${String(c.birth[1]).padStart(2, '0')}-${String(c.birth[2]).padStart(2, '0')}`,
    ),
    col('民族', 'Ethnicity', 'ethnic_group', 'mz', ['族属', 'Ethnic Origin'], { infoType: 'ETHNICITY' }, (r) =>
      V.ethnicity(r),
    ),
    col(
      '身份证号码',
      'National ID',
      'national_id',
      'sfzhm',
      ['居民证件号', 'PRC ID Card'],
      { infoType: 'CN_RESIDENT_ID' },
      (r, c) => V.residentId(r, c.birth),
    ),
    col('联系电话', 'Phone', 'contact_phone', 'lxdh', ['随访联系号', 'Follow-up Tel'], { infoType: 'CN_MOBILE' }, (r) =>
      V.mobile(r),
    ),
    col(
      '主要诊断',
      'Diagnosis',
      'diagnosis_icd10',
      'zyzd',
      ['入组病种代码', 'Indication Code'],
      { infoType: 'HEALTH_DIAGNOSIS' },
      (r) => V.icd10(r),
    ),
    col(
      '不良事件',
      'Adverse Event',
      'ae_term',
      'blsj',
      ['AE名称', 'Reported Event'],
      { infoType: 'HEALTH_DIAGNOSIS' },
      (r) => V.aeTerm(r, r.chance(0.5)),
      0.3,
    ),
    col(
      '不良事件描述',
      'AE Narrative',
      'ae_narrative',
      'blsjms',
      ['事件经过', 'Event Story'],
      { infoType: null, kind: 'free_text', contains: ['HEALTH_DIAGNOSIS', 'CN_MOBILE'] },
      aeText,
      0.3,
    ),
    col('访视日期', 'Visit Date', 'visit_date', 'fsrq', ['随访日', 'Visit Day'], { infoType: null }, (r) =>
      V.date(r, 2023, 2025),
    ),
    col('剂量', 'Dose (mg)', 'dose_mg', 'jl', ['给药量', 'Dosage Given'], { infoType: null }, (r) =>
      String(r.pick([50, 100, 150, 200, 400])),
    ),
    col(
      '样本序列',
      'Sample Sequence',
      'dna_seq',
      'ybxl',
      ['测序读段', 'Read Bases'],
      { infoType: 'GENETIC_SEQUENCE' },
      (r) => V.dna(r),
      0.5,
    ),
    col(
      '样本ID',
      'Sample UUID',
      'sample_uuid',
      'ybid',
      ['样品标识', 'Specimen Key'],
      { infoType: null, decoy: true },
      (r) => V.uuid(r),
    ),
    col(
      '随机号',
      'Randomisation No',
      'rand_no',
      'sjh2',
      ['随机化编码', 'Random Code'],
      { infoType: null, decoy: true },
      (r) => V.num11(r),
    ),
  ],
  hr: [
    col(
      '工号',
      'Employee No',
      'emp_no',
      'gh',
      ['人员代码', 'Staff Number'],
      { infoType: null },
      (_r, c) => `E${String(100000 + c.i)}`,
    ),
    col('姓名', 'Name', 'full_name', 'xm', ['职员名', 'Employee'], { infoType: 'PERSON_NAME' }, (_r, c) => c.name),
    col(
      '拼音姓名',
      'Name (Pinyin)',
      'name_pinyin',
      'xmpy',
      ['英文名', 'Romanised Name'],
      { infoType: 'PERSON_NAME' },
      (r) => V.pinyinName(r),
    ),
    col('性别', 'Gender', 'sex', 'xb', ['性', 'Gender Code'], { infoType: 'GENDER' }, (_r, c) =>
      c.male ? '男' : '女',
    ),
    col(
      '出生日期',
      'Birthday',
      'dob',
      'csrq',
      ['生日（公历）', 'Birth Day'],
      { infoType: 'DATE_OF_BIRTH' },
      (_r, c) => `${c.birth[0]}/${c.birth[1]}/${c.birth[2]}`,
    ),
    col('民族', 'Ethnic Group', 'ethnicity', 'mz', ['族别信息', 'Nationality Group'], { infoType: 'ETHNICITY' }, (r) =>
      V.ethnicity(r),
    ),
    col(
      '身份证号',
      'ID Card',
      'id_card',
      'sfzh',
      ['公民号码', 'Citizen Number'],
      { infoType: 'CN_RESIDENT_ID' },
      (r, c) => V.residentId(r, c.birth),
    ),
    col('手机号码', 'Cell Phone', 'mobile', 'sjhm', ['常用手机', 'Personal Cell'], { infoType: 'CN_MOBILE' }, (r) =>
      V.mobile(r),
    ),
    col(
      '银行卡号',
      'Salary Card',
      'bank_card_no',
      'yhkh',
      ['工资卡', 'Payroll Account'],
      { infoType: 'BANK_CARD' },
      (r) => V.bankCard(r),
    ),
    col('邮箱', 'E-mail', 'email', 'yx', ['工作邮件', 'Work Mail'], { infoType: 'EMAIL' }, (r) => V.email(r)),
    col(
      '家庭住址',
      'Home Address',
      'home_address',
      'jtzz',
      ['居所', 'Residence'],
      { infoType: 'POSTAL_ADDRESS' },
      (r) => V.address(r),
    ),
    col(
      '护照号',
      'Passport No',
      'passport_no',
      'hzh',
      ['出国证件', 'Travel Doc'],
      { infoType: 'CN_PASSPORT' },
      (r) => V.passport(r),
      0.6,
    ),
    col('部门', 'Department', 'dept', 'bm', ['所属组织', 'Org Unit'], { infoType: null }, (r) =>
      r.pick(['研发部', '销售部', '财务部', '人力资源部', '售后服务部', '质量部']),
    ),
    col('入职日期', 'Hire Date', 'hire_date', 'rzrq', ['到岗日', 'Start Day'], { infoType: null }, (r) =>
      V.date(r, 2005, 2024),
    ),
    col(
      '设备IMEI',
      'Device IMEI',
      'device_imei',
      'sbimei',
      ['手机设备号', 'Handset ID'],
      { infoType: 'IMEI' },
      (r) => V.imei(r),
      0.2,
    ),
    col(
      '登录IP',
      'Login IP',
      'login_ip',
      'dlip',
      ['上次访问来源', 'Last Access From'],
      { infoType: 'IP_ADDRESS' },
      (r) => V.ip(r),
    ),
    col(
      '网卡地址',
      'MAC',
      'mac_address',
      'wkdz',
      ['终端硬件地址', 'NIC Hardware Addr'],
      { infoType: 'MAC_ADDRESS' },
      (r) => V.mac(r),
    ),
    col('交易流水号', 'Txn Ref', 'txn_ref', 'jylsh', ['对账流水', 'Ledger Ref'], { infoType: null, decoy: true }, (r) =>
      V.luhnFail16(r),
    ),
    col('流水号', 'Serial', 'serial_no', 'lsh', ['登记序列', 'Running No'], { infoType: null, decoy: true }, (_r, c) =>
      V.counter13(4_200_000, c.i),
    ),
    col('月薪', 'Monthly Salary', 'salary', 'yx2', ['税前收入', 'Gross Pay'], { infoType: null }, (r) =>
      String(r.range(60, 600) * 100),
    ),
  ],
  shipping: [
    col(
      '提单号',
      'B/L No',
      'bl_no',
      'tdh',
      ['运输单据号', 'Bill Ref'],
      { infoType: null },
      (r) => `${r.pick(['COSU', 'MEDU', 'OOLU', 'EGLV'])}${r.digits(10)}`,
    ),
    col(
      '船名',
      'Vessel',
      'vessel_name',
      'cm',
      ['承运船舶', 'Ship'],
      { infoType: null },
      (r) =>
        `${r.pick(['COSCO', 'MSC', 'MAERSK', 'OOCL', 'EVER'])} ${r.pick(['ARIES', 'GULSUN', 'ESSEN', 'HONG KONG', 'GIVEN', 'TRITON'])}`,
    ),
    col('IMO号', 'IMO Number', 'imo_no', 'imo', ['船舶编号', 'Hull Registry'], { infoType: 'IMO_NUMBER' }, (r) =>
      V.imo(r),
    ),
    col(
      '集装箱号',
      'Container No',
      'container_no',
      'jzxh',
      ['货柜编号', 'Box ID'],
      { infoType: 'CONTAINER_NUMBER' },
      (r) => V.container(r),
    ),
    col('托运人', 'Shipper', 'shipper', 'tyr', ['发货单位', 'Consignor'], { infoType: 'ORG_NAME' }, (r) =>
      r.chance(0.5) ? V.orgZh(r) : V.orgEn(r),
    ),
    col(
      '统一社会信用代码',
      'Shipper USCC',
      'shipper_uscc',
      'tyshxydm',
      ['发货人代码', 'Consignor Reg Code'],
      { infoType: 'CN_USCC' },
      (r) => V.uscc(r),
    ),
    col('收货人', 'Consignee', 'consignee', 'shr', ['到货单位', 'Receiver Company'], { infoType: 'ORG_NAME' }, (r) =>
      V.orgEn(r),
    ),
    col('联系人', 'Contact Person', 'contact_name', 'lxr', ['对接人', 'Attn'], { infoType: 'PERSON_NAME' }, (r, c) =>
      r.chance(0.5) ? c.name : V.latinName(r),
    ),
    col('办公电话', 'Office Tel', 'office_tel', 'bgdh', ['单位座机号', 'Desk Line'], { infoType: 'CN_LANDLINE' }, (r) =>
      V.landline(r),
    ),
    col('邮箱', 'Email', 'contact_email', 'yx', ['联络邮件', 'Mailbox'], { infoType: 'EMAIL' }, (r) => V.email(r)),
    col(
      '船舶位置',
      'Position',
      'vessel_position',
      'cbwz',
      ['实时方位', 'AIS Fix'],
      { infoType: 'GEO_COORDINATE' },
      (r) => V.geoPair(r),
    ),
    col('纬度', 'Latitude', 'lat', 'wd', ['南北向值', 'Y Coord'], { infoType: 'GEO_COORDINATE' }, (r) => V.latitude(r)),
    col('经度', 'Longitude', 'lng', 'jd', ['东西向值', 'X Coord'], { infoType: 'GEO_COORDINATE' }, (r) =>
      V.longitude(r),
    ),
    col('起运港', 'Port of Loading', 'pol', 'qyg', ['装船口岸', 'Load Port'], { infoType: null }, (r) =>
      r.pick(['CNSHA', 'CNNGB', 'CNYTN', 'CNTAO', 'CNXMN']),
    ),
    col('毛重', 'Gross Weight (kg)', 'gross_kg', 'mz2', ['总质量', 'Gross Mass'], { infoType: null }, (r) =>
      (r.range(1000, 280000) / 10).toFixed(1),
    ),
    col(
      '报关单号',
      'Customs Decl No',
      'customs_decl_no',
      'bgdh2',
      ['申报单编码', 'Entry Ref'],
      { infoType: null, decoy: true },
      (r) => `${r.pick(['2201', '2203', '2248', '3101'])}${r.range(2022, 2024)}${r.digits(10)}`,
    ),
    col(
      '订舱ID',
      'Booking UUID',
      'booking_uuid',
      'dcid',
      ['订舱标识', 'Booking Key'],
      { infoType: null, decoy: true },
      (r) => V.uuid(r),
    ),
    col(
      '备注',
      'Remarks',
      'remarks',
      'bz',
      ['附言', 'Ops Comment'],
      { infoType: null, kind: 'free_text', contains: ['CONTAINER_NUMBER', 'CN_LANDLINE', 'PERSON_NAME', 'EMAIL'] },
      shippingRemark,
    ),
  ],
};

export interface GenerateOptions {
  /** Number of rows. Default 1000. */
  rows?: number;
  /** Seed; the same seed gives the same dataset. Default 1. */
  seed?: number;
  /** Header style. Default `mixed`. */
  headers?: HeaderStyle;
}

export interface Dataset {
  name: DatasetKind;
  columns: string[];
  labels: GroundTruth;
  /** Rows, generated lazily (iterate once per call). */
  rows(): Generator<(string | null)[]>;
}

function chooseHeaders(kind: DatasetKind, specs: ColumnSpec[], style: HeaderStyle, seed: number): string[] {
  const r = rngFor(seed, `headers:${kind}`);
  const taken = new Set<string>();
  return specs.map((s, i) => {
    let h: string;
    const opaque = `c${String(i + 1).padStart(2, '0')}`;
    let st = style;
    if (st === 'mixed') {
      const styles =
        kind === 'hr'
          ? ['pinyin', 'pinyin', 'pinyin', 'zh', 'snake', 'opaque']
          : ['zh', 'zh', 'zh', 'en', 'snake', 'snake', 'pinyin', 'opaque'];
      st = r.pick(styles) as HeaderStyle;
    }
    if (st === 'zh') h = s.zh;
    else if (st === 'en') h = s.en;
    else if (st === 'snake') h = s.snake;
    else if (st === 'pinyin') h = s.pinyin;
    else if (st === 'opaque') h = opaque;
    else h = r.pick(s.heldout);
    let name = h;
    let k = 2;
    while (taken.has(name)) name = `${h}_${k++}`;
    taken.add(name);
    return name;
  });
}

/** Builds a dataset: headers, labels, and a lazy row generator. */
export function generateDataset(kind: DatasetKind, opts: GenerateOptions = {}): Dataset {
  const specs = SPECS[kind];
  const rows = Math.max(0, Math.floor(opts.rows ?? 1000));
  const seed = (opts.seed ?? 1) >>> 0;
  const style = opts.headers ?? 'mixed';
  const columns = chooseHeaders(kind, specs, style, seed);
  const labels: GroundTruth = {
    dataset: kind,
    seed,
    rows,
    columns: specs.map((s, i) => {
      const c: GroundTruth['columns'][number] = {
        name: columns[i] as string,
        infoType: s.label.infoType,
        decoy: s.label.decoy ?? false,
        kind: s.label.kind ?? (s.label.infoType ? 'identifier' : 'other'),
      };
      if (s.label.contains) c.contains = [...s.label.contains];
      return c;
    }),
  };
  return {
    name: kind,
    columns,
    labels,
    *rows() {
      const r = rngFor(seed, `rows:${kind}`);
      const ctx: RowCtx = { i: 0, birth: [1980, 1, 1], male: true, name: '' };
      const n = specs.length;
      for (let i = 0; i < rows; i++) {
        ctx.i = i;
        ctx.birth = V.birthYmd(r);
        ctx.male = r.chance(0.52);
        ctx.name = V.chineseName(r);
        const row: (string | null)[] = new Array(n);
        for (let j = 0; j < n; j++) {
          const s = specs[j] as ColumnSpec;
          row[j] = s.empty && r.float() < s.empty ? null : s.gen(r, ctx);
        }
        yield row;
      }
    },
  };
}

/** Column specs of a dataset kind (header spellings per style), for docs and tests. */
export function datasetHeaders(
  kind: DatasetKind,
): Array<Pick<ColumnSpec, 'zh' | 'en' | 'snake' | 'pinyin' | 'heldout'>> {
  return SPECS[kind].map(({ zh, en, snake, pinyin, heldout }) => ({ zh, en, snake, pinyin, heldout }));
}
