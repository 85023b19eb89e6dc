/**
 * @module core/infotypes
 * The stable names of the identifiers DataPass recognises, with their PI class under PIPL Art. 28 and
 * GB/T 35273-2020 Annex B. Lists, manifests, scan reports and the assessment engine all use these names.
 */

export type PiClass = 'none' | 'personal' | 'sensitive';

export interface InfoTypeInfo {
  piClass: PiClass;
  zh: string;
  en: string;
  /** Why it has this PI class, in the words of the source. */
  basis: string;
}

export const INFO_TYPES = {
  CN_RESIDENT_ID: {
    piClass: 'sensitive',
    zh: '居民身份证号码',
    en: 'resident identity card number',
    basis: 'PIPL Art. 28 specific identity; GB 11643-1999',
  },
  CN_MOBILE: {
    piClass: 'personal',
    zh: '手机号码',
    en: 'mobile phone number',
    basis: 'GB/T 35273-2020 Annex A personal basic information',
  },
  CN_LANDLINE: { piClass: 'personal', zh: '固定电话号码', en: 'landline number', basis: 'GB/T 35273-2020 Annex A' },
  CN_PASSPORT: {
    piClass: 'sensitive',
    zh: '护照号码',
    en: 'passport number',
    basis: 'PIPL Art. 28 specific identity; GB/T 35273-2020 Annex B',
  },
  CN_HMT_PERMIT: {
    piClass: 'sensitive',
    zh: '港澳台通行证号码',
    en: 'HK/Macao/Taiwan travel permit number',
    basis: 'PIPL Art. 28 specific identity',
  },
  CN_USCC: {
    piClass: 'none',
    zh: '统一社会信用代码',
    en: 'unified social credit code',
    basis: 'identifies an organisation, GB 32100-2015',
  },
  CN_LICENSE_PLATE: {
    piClass: 'personal',
    zh: '车牌号码',
    en: 'licence plate',
    basis: 'identifies a vehicle and, with other data, its owner',
  },
  BANK_CARD: {
    piClass: 'sensitive',
    zh: '银行卡号',
    en: 'bank card number',
    basis: 'PIPL Art. 28 financial account; GB/T 45574-2025 Annex A',
  },
  VIN: {
    piClass: 'personal',
    zh: '车辆识别代号',
    en: 'vehicle identification number',
    basis: 'links to an owner; not listed as sensitive (GB/T 45574-2025)',
  },
  IMEI: {
    piClass: 'personal',
    zh: '国际移动设备识别码',
    en: 'IMEI',
    basis: 'GB/T 35273-2020 personal device information',
  },
  EMAIL: { piClass: 'personal', zh: '电子邮件地址', en: 'e-mail address', basis: 'GB/T 35273-2020 Annex A' },
  IP_ADDRESS: {
    piClass: 'personal',
    zh: 'IP 地址',
    en: 'IP address',
    basis: 'GB/T 35273-2020 personal online records',
  },
  MAC_ADDRESS: {
    piClass: 'personal',
    zh: 'MAC 地址',
    en: 'MAC address',
    basis: 'GB/T 35273-2020 personal device information',
  },
  GEO_COORDINATE: {
    piClass: 'sensitive',
    zh: '地理坐标',
    en: 'geographic coordinate',
    basis: 'PIPL Art. 28 whereabouts (precise location, vehicle trajectory)',
  },
  POSTAL_ADDRESS: {
    piClass: 'personal',
    zh: '通信地址',
    en: 'postal address',
    basis: 'GB/T 35273-2020 Annex A personal basic information',
  },
  PERSON_NAME: {
    piClass: 'personal',
    zh: '姓名',
    en: 'person name',
    basis: 'GB/T 35273-2020 Annex A personal basic information',
  },
  DATE_OF_BIRTH: {
    piClass: 'personal',
    zh: '出生日期',
    en: 'date of birth',
    basis: 'GB/T 35273-2020 Annex A personal basic information',
  },
  GENDER: {
    piClass: 'personal',
    zh: '性别',
    en: 'gender',
    basis: 'GB/T 35273-2020 Annex A personal basic information',
  },
  ETHNICITY: { piClass: 'sensitive', zh: '民族', en: 'ethnicity', basis: 'PIPL Art. 28 specific identity' },
  HEALTH_DIAGNOSIS: {
    piClass: 'sensitive',
    zh: '疾病诊断',
    en: 'health diagnosis',
    basis: 'PIPL Art. 28 medical health',
  },
  GENETIC_SEQUENCE: {
    piClass: 'sensitive',
    zh: '基因序列',
    en: 'genetic sequence',
    basis: 'PIPL Art. 28 biometrics; human genetic resources rules',
  },
  IMO_NUMBER: { piClass: 'none', zh: 'IMO 船舶识别号', en: 'IMO ship number', basis: 'identifies a ship' },
  CONTAINER_NUMBER: {
    piClass: 'none',
    zh: '集装箱箱号',
    en: 'container number',
    basis: 'identifies a container, ISO 6346',
  },
  ORG_NAME: { piClass: 'none', zh: '机构名称', en: 'organisation name', basis: 'names an organisation' },
} as const satisfies Record<string, InfoTypeInfo>;

export type InfoType = keyof typeof INFO_TYPES;

export const INFO_TYPE_NAMES = Object.keys(INFO_TYPES) as InfoType[];

export function isInfoType(s: string): s is InfoType {
  return Object.hasOwn(INFO_TYPES, s);
}

export function piClassOf(t: InfoType): PiClass {
  return INFO_TYPES[t].piClass;
}

const PI_RANK: Record<PiClass, number> = { none: 0, personal: 1, sensitive: 2 };

/** The higher of two PI classes. */
export function maxPiClass(a: PiClass, b: PiClass): PiClass {
  return PI_RANK[a] >= PI_RANK[b] ? a : b;
}
