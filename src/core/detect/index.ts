/**
 * @module core/detect
 * The detector registry: one pure validator per infoType (docs: /docs/scan.md, spec: infotypes.md).
 *
 * ```ts
 * DETECTORS.CN_RESIDENT_ID.validate('11010519491231002X'); // true
 * DETECTORS.VIN.validate('LSVAB2BM0JN000001');              // false unless the check digit is right
 * const d = createDetectors({ today: '2025-06-30' });       // resident IDs / births in the future are rejected
 * ```
 * `validate` trims surrounding white space. `check` does not (the scanner trims once and calls `check`).
 * `standalone` is the stricter form that may classify a column WITHOUT header support (e.g. `男`/`女` but not
 * `M`/`F`; `汉族` but not `汉`); absent when any accepted value may stand alone.
 */
import { INFO_TYPE_NAMES, type InfoType } from '../infotypes.js';
import { isChineseAddress, isPostalAddress } from './address.js';
import { isBankCard, isImei } from './cards.js';
import { isDateOfBirth } from './dates.js';
import { isGeoPair } from './geo.js';
import { isDiagnosisTerm, isGeneticSequence, isHealthDiagnosis, isIcd10 } from './health.js';
import { isEmail, isIpAddress, isMacAddress } from './network.js';
import { isOrgName } from './org.js';
import { isChineseName, isEthnicity, isEthnicityFull, isGender, isGenderWord, isPersonName } from './person.js';
import { isLandline, isMobile } from './phone.js';
import { isLicensePlate } from './plate.js';
import { DEFAULT_MAX_BIRTH, isResidentId } from './resident-id.js';
import { isContainerNumber, isImoNumber } from './shipping.js';
import { isHmtPermit, isPassport } from './travel-docs.js';
import { isUscc } from './uscc.js';
import { isVin } from './vin.js';

/**
 * How much one value proves: `checksum` (a check digit), `format` (a precise shape without a checksum),
 * `vocabulary` (a closed list of words) or `context` (needs the header or the other values of the column).
 */
export type DetectorStrength = 'checksum' | 'format' | 'vocabulary' | 'context';

export interface Detector {
  infoType: InfoType;
  strength: DetectorStrength;
  /** True when the (trimmed) value is this infoType, after its full validation. */
  validate(value: string): boolean;
  /** Same as `validate` for an already-trimmed value. */
  check(value: string): boolean;
  /** Stricter check a column may be classified on without header support; absent = `check`. */
  standalone?: (value: string) => boolean;
}

export interface DetectorOptions {
  /** Today's date `YYYY-MM-DD`; birth dates after it are rejected. Default: no bound before 2099-12-31. */
  today?: string;
}

/** Trims ASCII/ideographic white space at both ends without allocating when there is none. */
export function trimValue(v: string): string {
  const n = v.length;
  if (n === 0) return v;
  const a = v.charCodeAt(0);
  const b = v.charCodeAt(n - 1);
  if (a > 32 && b > 32 && a !== 0x3000 && b !== 0x3000 && a !== 0xfeff) return v;
  return v.replace(/^[\s\u3000\ufeff]+|[\s\u3000]+$/g, '');
}

/** `YYYY-MM-DD` → YYYYMMDD number (no validation beyond digits); undefined → the default bound. */
export function ymdNumber(today: string | undefined): number {
  if (!today || !/^\d{4}-\d{2}-\d{2}$/.test(today)) return DEFAULT_MAX_BIRTH;
  return Number(today.replaceAll('-', ''));
}

function make(
  infoType: InfoType,
  strength: DetectorStrength,
  check: (v: string) => boolean,
  standalone?: (v: string) => boolean,
): Detector {
  const d: Detector = { infoType, strength, check, validate: (v: string) => check(trimValue(v)) };
  if (standalone) d.standalone = standalone;
  return d;
}

/** Builds the registry for one `today` (resident IDs and birth dates must not lie after it). */
export function createDetectors(opts: DetectorOptions = {}): Record<InfoType, Detector> {
  const maxBirth = ymdNumber(opts.today);
  const reg: Record<InfoType, Detector> = {
    CN_RESIDENT_ID: make('CN_RESIDENT_ID', 'checksum', (v) => isResidentId(v, maxBirth)),
    CN_MOBILE: make('CN_MOBILE', 'format', isMobile),
    CN_LANDLINE: make('CN_LANDLINE', 'format', isLandline),
    CN_PASSPORT: make('CN_PASSPORT', 'format', isPassport),
    CN_HMT_PERMIT: make('CN_HMT_PERMIT', 'format', isHmtPermit),
    CN_USCC: make('CN_USCC', 'checksum', isUscc),
    CN_LICENSE_PLATE: make('CN_LICENSE_PLATE', 'format', isLicensePlate),
    BANK_CARD: make('BANK_CARD', 'checksum', isBankCard),
    VIN: make('VIN', 'checksum', isVin),
    IMEI: make('IMEI', 'checksum', isImei),
    EMAIL: make('EMAIL', 'format', isEmail),
    IP_ADDRESS: make('IP_ADDRESS', 'format', isIpAddress),
    MAC_ADDRESS: make('MAC_ADDRESS', 'format', isMacAddress),
    GEO_COORDINATE: make('GEO_COORDINATE', 'format', isGeoPair),
    POSTAL_ADDRESS: make('POSTAL_ADDRESS', 'context', isPostalAddress, isChineseAddress),
    PERSON_NAME: make('PERSON_NAME', 'context', isPersonName, isChineseName),
    DATE_OF_BIRTH: make('DATE_OF_BIRTH', 'context', (v) => isDateOfBirth(v, maxBirth)),
    GENDER: make('GENDER', 'vocabulary', isGender, isGenderWord),
    ETHNICITY: make('ETHNICITY', 'vocabulary', isEthnicity, isEthnicityFull),
    HEALTH_DIAGNOSIS: make(
      'HEALTH_DIAGNOSIS',
      'context',
      isHealthDiagnosis,
      (v) => isDiagnosisTerm(v) || (isIcd10(v) && v.length > 3),
    ),
    GENETIC_SEQUENCE: make('GENETIC_SEQUENCE', 'format', isGeneticSequence),
    IMO_NUMBER: make('IMO_NUMBER', 'checksum', isImoNumber),
    CONTAINER_NUMBER: make('CONTAINER_NUMBER', 'checksum', isContainerNumber),
    ORG_NAME: make('ORG_NAME', 'format', isOrgName),
  };
  for (const t of INFO_TYPE_NAMES) if (!reg[t]) throw new Error(`no detector for ${t}`);
  return reg;
}

/** The registry without a clock (birth dates up to 2099-12-31). Use {@link createDetectors} with `today` in scans. */
export const DETECTORS: Record<InfoType, Detector> = createDetectors();

export { isChineseAddress, isEnglishAddress, isPostalAddress } from './address.js';
export { compactDigits, hasIssuerPrefix, isBankCard, isImei, isUnionPayLuhnFail } from './cards.js';
export * from './checksums.js';
export { isDateOfBirth, parseDate } from './dates.js';
export { isGeoPair, isInChina, isLatitude, isLongitude } from './geo.js';
export { isDiagnosisTerm, isGeneticSequence, isHealthDiagnosis, isIcd10 } from './health.js';
export { isEmail, isIPv4, isIPv6, isIpAddress, isMacAddress } from './network.js';
export { isOrgName } from './org.js';
export {
  isChineseName,
  isEthnicity,
  isEthnicityFull,
  isGender,
  isGenderWord,
  isLatinName,
  isPersonName,
} from './person.js';
export { isLandline, isMobile } from './phone.js';
export { isLicensePlate, PLATE_PROVINCES } from './plate.js';
export { isResidentId, PROVINCE_CODES } from './resident-id.js';
export { isContainerNumber, isImoNumber } from './shipping.js';
export { isHmtPermit, isPassport } from './travel-docs.js';
export { isUscc } from './uscc.js';
export { isVin } from './vin.js';
