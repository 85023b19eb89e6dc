/**
 * @module core/scan/lexicon
 * The header lexicon, as data: which column names point to which infoType, in Chinese, English (snake_case,
 * camelCase and spaced forms all normalise alike), pinyin initials (`xm`, `sfzh`, `sjhm`, `yhkh`, `cjh`, `cph`)
 * and common abbreviations. Plus two negative signals: `not_pi` (order numbers, SKUs, amounts, generic dates …)
 * and `free_text` (remarks, descriptions). Edit the table, not the matcher.
 *
 * Matching (see {@link matchHeader}): the header is normalised like list aliases (NFKC, lower case, separators
 * removed). An exact match of a whole term wins. Otherwise terms are looked for inside the header — Chinese terms as
 * substrings, Latin terms as whole words (so `ip` does not match `zip`) — and the match that ends LAST wins (the
 * head of a compound comes last: `车主手机号` → mobile, `owner_phone` → phone), then the longer term.
 */
import type { InfoType } from '../infotypes.js';
import type { HeaderEvidence, HeaderSignal } from './report.js';

export interface LexiconEntry {
  signal: InfoType | HeaderSignal;
  /** The infoTypes a column with this header may hold. */
  supports: InfoType[];
  /** Column names, any case and separator style. */
  terms: string[];
}

export const HEADER_LEXICON: readonly LexiconEntry[] = [
  {
    signal: 'CN_RESIDENT_ID',
    supports: ['CN_RESIDENT_ID'],
    terms: [
      '身份证', '身份证号', '身份证号码', '身份证件号', '居民身份证', '居民身份证号码', '公民身份号码', '身份号码', '社会保障号', '社保号',
      '社会保障号码', 'id card', 'id card no', 'idcard', 'id number', 'idno', 'id no', 'national id', 'resident id',
      'citizen id', 'identity no', 'identity number', 'sfz', 'sfzh', 'sfzhm', 'shenfenzheng',
    ],
  },
  {
    signal: 'id_document',
    supports: ['CN_RESIDENT_ID', 'CN_PASSPORT', 'CN_HMT_PERMIT'],
    terms: ['证件号', '证件号码', '证件编号', 'document no', 'document number', 'doc no', 'certificate no', 'cert no', 'zjhm', 'zjh'],
  },
  {
    signal: 'CN_MOBILE',
    supports: ['CN_MOBILE'],
    terms: [
      '手机', '手机号', '手机号码', '移动电话', '手机联系方式', 'mobile', 'mobile no', 'mobile number', 'mobile phone', 'cellphone',
      'cell phone', 'cell', 'msisdn', 'sjh', 'sjhm', 'shouji', 'shoujihao',
    ],
  },
  {
    signal: 'phone',
    supports: ['CN_MOBILE', 'CN_LANDLINE'],
    terms: [
      '电话', '电话号码', '联系电话', '联系方式', '联系号码', '客户电话', 'phone', 'phone no', 'phone number', 'telephone', 'tel',
      'tel no', 'contact', 'contact no', 'contact number', 'lxdh', 'lxfs', 'dh', 'dhhm',
    ],
  },
  {
    signal: 'CN_LANDLINE',
    supports: ['CN_LANDLINE'],
    terms: ['固话', '固定电话', '座机', '座机号码', '办公电话', 'landline', 'fixed line', 'office phone', 'office tel', 'gddh', 'zj'],
  },
  {
    signal: 'CN_PASSPORT',
    supports: ['CN_PASSPORT'],
    terms: ['护照', '护照号', '护照号码', '护照编号', 'passport', 'passport no', 'passport number', 'hzh', 'hzhm'],
  },
  {
    signal: 'CN_HMT_PERMIT',
    supports: ['CN_HMT_PERMIT'],
    terms: [
      '通行证', '通行证号', '通行证号码', '港澳通行证', '往来港澳通行证', '回乡证', '台胞证', '港澳居民来往内地通行证', 'travel permit',
      'permit no', 'hk macao permit', 'home return permit', 'txz', 'gatxz',
    ],
  },
  {
    signal: 'CN_USCC',
    supports: ['CN_USCC'],
    terms: [
      '统一社会信用代码', '社会信用代码', '信用代码', '统一代码', '纳税人识别号', 'uscc', 'credit code', 'social credit code',
      'unified social credit code', 'tax id', 'taxpayer id', 'tyshxydm', 'xydm', 'shxydm',
    ],
  },
  {
    signal: 'CN_LICENSE_PLATE',
    supports: ['CN_LICENSE_PLATE'],
    terms: [
      '车牌', '车牌号', '车牌号码', '号牌', '号牌号码', '车辆号牌', 'plate', 'plate no', 'plate number', 'license plate',
      'licence plate', 'license plate no', 'registration plate', 'cph', 'chepai', 'hphm',
    ],
  },
  {
    signal: 'BANK_CARD',
    supports: ['BANK_CARD'],
    terms: [
      '银行卡', '银行卡号', '卡号', '银行账号', '银行帐号', '开户账号', '收款账号', '借记卡号', '信用卡号', '账号', 'card no', 'card number',
      'bank card', 'bank card no', 'bank account', 'bank account no', 'account no', 'account number', 'pan', 'credit card',
      'yhkh', 'yhzh', 'kh',
    ],
  },
  {
    signal: 'VIN',
    supports: ['VIN'],
    terms: [
      'vin', 'vin码', '车架号', '车架号码', '车辆识别代号', '车辆识别码', '车辆识别号', '车辆vin码', '底盘号', 'vin code', 'vin no',
      'vin number', 'frame no', 'chassis no', 'chassis number', 'vehicle identification number', 'cjh', 'clsbdh',
    ],
  },
  {
    signal: 'IMEI',
    supports: ['IMEI'],
    terms: ['imei', '串号', '手机串号', '设备识别码', '国际移动设备识别码', 'imei no', 'device imei', 'imei number'],
  },
  {
    signal: 'EMAIL',
    supports: ['EMAIL'],
    terms: ['邮箱', '电子邮箱', '电子邮件', '邮件地址', '邮箱地址', 'email', 'e mail', 'mail', 'email address', 'mail address', 'yx', 'dzyx'],
  },
  {
    signal: 'IP_ADDRESS',
    supports: ['IP_ADDRESS'],
    terms: ['ip', 'ip地址', '登录ip', '客户端ip', 'ip address', 'ipaddr', 'client ip', 'src ip', 'source ip', 'remote addr', 'remote ip', 'ipv4', 'ipv6'],
  },
  {
    signal: 'MAC_ADDRESS',
    supports: ['MAC_ADDRESS'],
    terms: ['mac', 'mac地址', '物理地址', '网卡地址', 'mac address', 'macaddr', 'wifi mac', 'bt mac'],
  },
  {
    signal: 'GEO_COORDINATE',
    supports: ['GEO_COORDINATE'],
    terms: [
      '坐标', '经纬度', '定位', '位置坐标', 'gps', 'gps坐标', '轨迹点', 'location', 'coordinates', 'coordinate', 'coord', 'latlng', 'latlon',
      'lnglat', 'lonlat', 'geo', 'geolocation', 'position', 'jwd', 'zb',
    ],
  },
  {
    signal: 'latitude',
    supports: ['GEO_COORDINATE'],
    terms: ['纬度', 'lat', 'latitude', 'gps lat', 'wd'],
  },
  {
    signal: 'longitude',
    supports: ['GEO_COORDINATE'],
    terms: ['经度', 'lon', 'lng', 'long', 'longitude', 'gps lon', 'gps lng', 'jd'],
  },
  {
    signal: 'POSTAL_ADDRESS',
    supports: ['POSTAL_ADDRESS'],
    terms: [
      '地址', '住址', '家庭住址', '家庭地址', '通讯地址', '通信地址', '联系地址', '居住地址', '现住址', '户籍地址', '户籍所在地', '收货地址',
      '送货地址', '详细地址', '注册地址', '办公地址', 'address', 'addr', 'home address', 'street address', 'mailing address',
      'postal address', 'residential address', 'dz', 'jtzz', 'txdz', 'zz', 'xxdz', 'dizhi',
    ],
  },
  {
    signal: 'PERSON_NAME',
    supports: ['PERSON_NAME'],
    terms: [
      '姓名', '名字', '客户姓名', '客户名称', '车主', '车主姓名', '用户姓名', '联系人', '联系人姓名', '患者', '患者姓名', '病人姓名', '员工姓名',
      '职工姓名', '受试者姓名', '驾驶员', '驾驶人', '司机', '收件人', '寄件人', '申请人', '持卡人', '开户名', '户名', '法定代表人', '法人',
      '经办人', '船长', 'name', 'full name', 'customer name', 'customer', 'owner name', 'owner', 'contact name', 'contact person',
      'person name', 'first name', 'last name', 'surname', 'given name', 'family name', 'employee name', 'patient name',
      'driver', 'driver name', 'cardholder', 'account name', 'legal representative', 'xm', 'xingming', 'khxm', 'czxm', 'lxr',
      'yhxm', 'hzxm', 'ygxm', 'sjr', 'jsy',
    ],
  },
  {
    signal: 'DATE_OF_BIRTH',
    supports: ['DATE_OF_BIRTH'],
    terms: [
      '出生日期', '生日', '出生年月', '出生年月日', '出生时间', '出生', 'birth', 'birthday', 'date of birth', 'dob', 'birth date',
      'birthdate', 'born', 'csrq', 'csny', 'sr',
    ],
  },
  {
    signal: 'GENDER',
    supports: ['GENDER'],
    terms: ['性别', '性別', 'gender', 'sex', 'xb', 'xingbie'],
  },
  {
    signal: 'ETHNICITY',
    supports: ['ETHNICITY'],
    terms: ['民族', '族别', '民族名称', 'ethnicity', 'ethnic group', 'ethnic', 'mz', 'minzu'],
  },
  {
    signal: 'HEALTH_DIAGNOSIS',
    supports: ['HEALTH_DIAGNOSIS'],
    terms: [
      '诊断', '诊断结果', '诊断名称', '主要诊断', '入院诊断', '出院诊断', '临床诊断', '疾病', '疾病名称', '病名', '病种', '病史', '既往病史',
      '既往史', '合并疾病', '合并症', '适应症', '不良事件', '不良事件名称', '不良反应', '疾病编码', '诊断编码', 'diagnosis', 'diagnoses',
      'primary diagnosis', 'disease', 'condition', 'medical condition', 'medical history', 'adverse event', 'ae term',
      'aeterm', 'aedecod', 'ae', 'icd', 'icd10', 'icd 10', 'icd code', 'meddra pt', 'preferred term', 'zd', 'zdmc', 'jbmc', 'zyzd',
    ],
  },
  {
    signal: 'GENETIC_SEQUENCE',
    supports: ['GENETIC_SEQUENCE'],
    terms: ['序列', '基因序列', '核酸序列', '测序序列', 'sequence', 'dna', 'dna sequence', 'rna', 'seq', 'gene seq', 'nucleotide sequence', 'read', 'jyxl'],
  },
  {
    signal: 'IMO_NUMBER',
    supports: ['IMO_NUMBER'],
    terms: ['imo', 'imo号', 'imo编号', '船舶识别号', '船舶imo号', 'imo no', 'imo number', 'ship imo', 'vessel imo'],
  },
  {
    signal: 'CONTAINER_NUMBER',
    supports: ['CONTAINER_NUMBER'],
    terms: ['集装箱号', '箱号', '集装箱编号', '柜号', 'container', 'container no', 'container number', 'cntr no', 'cntr', 'ctn no', 'jzxh', 'xh'],
  },
  {
    signal: 'ORG_NAME',
    supports: ['ORG_NAME'],
    terms: [
      '公司', '公司名称', '企业名称', '单位', '单位名称', '工作单位', '机构', '机构名称', '经销商', '经销商名称', '服务站', '服务站名称', '供应商',
      '供应商名称', '承运人', '托运人', '发货人', '收货人', '船公司', '货代', '医院', '医院名称', '研究中心', '中心名称', '申办方', '厂商',
      'company', 'company name', 'org', 'organisation', 'organization', 'org name', 'dealer', 'dealer name', 'supplier',
      'vendor', 'carrier', 'shipper', 'consignee', 'notify party', 'forwarder', 'employer', 'institution', 'site name',
      'hospital', 'sponsor', 'manufacturer', 'jxs', 'jxsmc', 'gsmc', 'dwmc', 'qymc',
    ],
  },
  {
    signal: 'free_text',
    supports: [],
    terms: [
      '备注', '说明', '描述', '故障描述', '故障现象', '客户描述', '客户抱怨', '备注信息', '意见', '评论', '留言', '反馈', '内容', '详情',
      '情况说明', '处理意见', '处理结果', '维修建议', '病程记录', '主诉', '现病史', '不良事件描述', '事件描述', '诊断结论', '原因分析',
      'remark', 'remarks', 'comment', 'comments', 'note', 'notes', 'description', 'desc', 'memo', 'feedback', 'text', 'details',
      'narrative', 'summary', 'complaint', 'symptom', 'fault description', 'fault desc', 'bz', 'ms', 'gzms', 'gzxx',
    ],
  },
  {
    signal: 'not_pi',
    supports: [],
    terms: [
      '订单号', '订单编号', '工单号', '工单编号', '维修工单号', '委托书号', '单号', '单据号', '编号', '编码', '序号', '流水号', '交易号', '批次号',
      '批号', '零件号', '零件编号', '配件号', '配件编号', '配件编码', '备件号', '物料号', '物料编码', '货号', '商品编码', '故障码', '故障代码',
      '代码', '运单号', '提单号', '航次', '任务号', '合同号', '发票号', '工号', '员工编号', '受试者编号', '中心编号', '金额', '价格', '单价',
      '费用', '总价', '数量', '里程', '行驶里程', '工时', '日期', '时间', '维修日期', '进厂日期', '开单日期', '入职日期', '创建时间', '更新时间',
      '状态', '类型', '品牌', '车型', '版本', '软件版本', '部门', '科室', '职位', '岗位', '年龄', '分数', '得分', '重量', '体积', '剂量', '港口',
      'order no', 'order id', 'order number', 'ro no', 'work order', 'ticket no', 'sku', 'uuid', 'guid', 'id', 'code', 'part no',
      'part number', 'pn', 'item no', 'serial no', 'sn', 'batch no', 'lot no', 'txn id', 'transaction id', 'invoice no', 'bl no',
      'booking no', 'voyage', 'amount', 'price', 'cost', 'total', 'qty', 'quantity', 'mileage', 'odometer', 'hours', 'labor hours',
      'labour hours', 'date', 'time', 'created at', 'updated at', 'timestamp', 'status', 'type', 'brand', 'model', 'version',
      'department', 'dept', 'title', 'age', 'score', 'weight', 'volume', 'dose', 'port', 'subject id', 'site id', 'employee id',
      'employee no', 'emp no', 'staff id', 'dtc', 'dtc code', 'fault code', 'gdh', 'ddh', 'bh', 'pjbh', 'ljh', 'gzm', 'je', 'sl',
      'lc', 'gs', 'rq',
    ],
  },
];

/** Normalises a header or term like list aliases (NFKC, lower case, no separators). */
export function normaliseHeader(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-.·/()（）:：#]+/g, '');
}

/** Splits a header into lower-case words: `customerMobileNo` → customer, mobile, no; `owner_phone` → owner, phone. */
export function headerWords(s: string): string[] {
  return s
    .normalize('NFKC')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9\u3400-\u9fff]+|(?<=[a-z0-9])(?=[\u3400-\u9fff])|(?<=[\u3400-\u9fff])(?=[a-z0-9])/)
    .filter((w) => w !== '');
}

interface Term {
  entry: LexiconEntry;
  norm: string;
  cjk: boolean;
}

const EXACT = new Map<string, Term>();
const CJK_TERMS: Term[] = [];
const WORD_TERMS = new Map<string, Term>();
for (const entry of HEADER_LEXICON) {
  for (const raw of entry.terms) {
    const norm = normaliseHeader(raw);
    const cjk = /[\u3400-\u9fff]/.test(norm);
    const t: Term = { entry, norm, cjk };
    if (!EXACT.has(norm)) EXACT.set(norm, t);
    if (cjk) CJK_TERMS.push(t);
    else if (!WORD_TERMS.has(norm)) WORD_TERMS.set(norm, t);
  }
}

function evidence(t: Term, match: 'exact' | 'partial'): HeaderEvidence {
  return { signal: t.entry.signal, supports: [...t.entry.supports], term: t.norm, match };
}

/** The lexicon entry a column name matches, or null (`c07`, `col_3`, `field12` match nothing). */
export function matchHeader(name: string): HeaderEvidence | null {
  const norm = normaliseHeader(name);
  if (norm === '') return null;
  const exact = EXACT.get(norm);
  if (exact) return evidence(exact, 'exact');
  let best: Term | undefined;
  let bestEnd = -1;
  // Chinese terms: substrings of the normalised header.
  if (/[\u3400-\u9fff]/.test(norm)) {
    for (const t of CJK_TERMS) {
      const at = norm.lastIndexOf(t.norm);
      if (at < 0) continue;
      const end = at + t.norm.length;
      if (end > bestEnd || (end === bestEnd && best && t.norm.length > best.norm.length)) {
        best = t;
        bestEnd = end;
      }
    }
  }
  // Latin terms: whole words or runs of words (`customer_birth_date` → `birthdate`).
  const words = headerWords(name);
  const ends: number[] = [];
  let pos = 0;
  for (const w of words) {
    pos = norm.indexOf(w, pos) + w.length;
    ends.push(pos);
  }
  for (let i = 0; i < words.length; i++) {
    let joined = '';
    for (let j = i; j < words.length && j < i + 4; j++) {
      joined += words[j];
      if (/[\u3400-\u9fff]/.test(joined)) break;
      const t = WORD_TERMS.get(joined);
      if (!t) continue;
      const end = ends[j] as number;
      if (end > bestEnd || (end === bestEnd && best && t.norm.length > best.norm.length)) {
        best = t;
        bestEnd = end;
      }
    }
  }
  return best ? evidence(best, 'partial') : null;
}
