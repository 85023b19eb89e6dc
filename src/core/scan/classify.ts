/**
 * @module core/scan/classify
 * Column classification: every value goes through the detectors (cheap char-code pre-filters first), the counts
 * are combined with the header lexicon, and each column gets one verdict with a confidence and its evidence.
 *
 * Rules (thresholds in {@link THRESHOLDS}; docs/scan.md explains them):
 * - checksum types (resident ID, USCC, bank card, VIN, IMEI, IMO, container): ≥ 80% of non-empty values pass, or
 *   ≥ 50% with a header naming the type. A value failing its check is never counted as the type.
 * - format types without a checksum (mobile, landline, passport, permits, plate, e-mail, IP, MAC, coordinates,
 *   sequences, organisation names): ≥ 90% by values alone, ≥ 60% with header support. A header naming
 *   something else (`订单号`, `sku`, `amount`) raises the bar to 98%; mobile numbers must also be spread over
 *   many number blocks (sequential counters starting with 13x are not phones).
 * - context and closed-vocabulary types (name, address, diagnosis, date of birth, gender, ethnicity) need the
 *   header and the values together (≥ 60%/50%/80%), except values that are unambiguous on their own (`男`/`女`,
 *   `汉族`, Chinese addresses, vocabulary diagnoses, Chinese names in a high-cardinality column, birth-like date spreads).
 * - values outweigh headers: a header alone never makes a verdict (`phone` full of UUIDs → null).
 * - prose (long, varied values with spaces or punctuation) → free text; findings are the spans found inside.
 */
import { isChineseAddress, isPostalAddress } from '../detect/address.js';
import { hasIssuerPrefix, isBankCard, isImei, isUnionPayLuhnFail } from '../detect/cards.js';
import { allDigits } from '../detect/checksums.js';
import { parseDate } from '../detect/dates.js';
import { isGeoPair, isInChina, LAT, LON, latLonBits, PRECISE } from '../detect/geo.js';
import { isDiagnosisTerm, isGeneticSequence, isHealthDiagnosis, isIcd10 } from '../detect/health.js';
import { trimValue, ymdNumber } from '../detect/index.js';
import { isEmail, isIpAddress, isMacAddress } from '../detect/network.js';
import { isOrgName } from '../detect/org.js';
import {
  hasPinyinSurname,
  isChineseName,
  isEthnicity,
  isEthnicityFull,
  isGender,
  isGenderWord,
  isLatinName,
} from '../detect/person.js';
import { isLandline, isMobile } from '../detect/phone.js';
import { isLicensePlate } from '../detect/plate.js';
import { isResidentId } from '../detect/resident-id.js';
import { isContainerNumber, isImoNumber } from '../detect/shipping.js';
import { isHmtPermit, isPassport } from '../detect/travel-docs.js';
import { isUscc } from '../detect/uscc.js';
import { isVin } from '../detect/vin.js';
import { INFO_TYPE_NAMES, INFO_TYPES, type InfoType, maxPiClass, type PiClass } from '../infotypes.js';
import { scanText } from './freetext.js';
import { matchHeader } from './lexicon.js';
import type { ColumnEvidence, HeaderEvidence, ScanColumn } from './report.js';

export interface ClassifyOptions {
  /** Today `YYYY-MM-DD`: birth dates and resident-ID dates after it are rejected. Default: no clock (2099-12-31). */
  today?: string;
}

/** Thresholds of the verdict rules (shares of non-empty values). */
export const THRESHOLDS = {
  checksum: { alone: 0.8, withHeader: 0.5 },
  format: { alone: 0.9, withHeader: 0.6, againstHeader: 0.98 },
  name: { alone: 0.9, strongShare: 0.4, withHeader: 0.6, minDistinctRatio: 0.5 },
  address: { alone: 0.8, withHeader: 0.5 },
  diagnosis: { alone: 0.8, withHeader: 0.5 },
  vocabulary: { alone: 0.95, withHeader: 0.8 },
  dateOfBirth: { alone: 0.95, withHeader: 0.8, minYearSpan: 25, minMedianAge: 16 },
  freeText: { proseShare: 0.5, minAvgLength: 10 },
  /** A free-text column takes the PI class of infoTypes found in at least this share of its values. */
  freeTextPiShare: 0.01,
  mixed: { total: 0.8, each: 0.1 },
} as const;

const NT = INFO_TYPE_NAMES.length;
const IDX = Object.fromEntries(INFO_TYPE_NAMES.map((t, i) => [t, i])) as Record<InfoType, number>;
// auxiliary features after the infoTypes
const A_BANK_LOOSE = NT;
const A_GENDER_WORD = NT + 1;
const A_ETHNIC_FULL = NT + 2;
const A_HEALTH_STRICT = NT + 3;
const A_NAME_ZH = NT + 4;
const A_ADDR_ZH = NT + 5;
const A_LAT = NT + 6;
const A_LON = NT + 7;
const A_DATE = NT + 8;
const A_PROSE = NT + 9;
const A_GEO_CN = NT + 10;
const A_NAME_PINYIN = NT + 11;
const A_LAT_PRECISE = NT + 12;
const A_LON_ONLY = NT + 13;
const A_IP_VERSIONLIKE = NT + 14;
/** One capitalised Latin word (`Oliver`, `O'Brien`, `Wang`): a name part, counted only under a name-part header. */
const A_NAME_PART = NT + 15;
const NF = NT + 16;
const SPACED_ID_RE = /^\d{6} (?:\d{8}|\d{4} \d{4}) \d{3}[\dXx]$/;
const NAME_PART_RE = /^[A-Z][a-z]*(?:['’-][A-Z]?[a-z]+)*$/;
/** Headers naming one part of a person's name (`first_name`, `surname`): its values are single words. */
const NAME_PART_TERMS = new Set(['firstname', 'lastname', 'surname', 'givenname', 'familyname']);

const DISTINCT_CAP = 2000;
const W112 = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const W31 = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/** MOD 11-2 remainder → check digit (-1 for X, which an all-digit value cannot have). */
const MOD112_DIGIT = [1, 0, -1, 9, 8, 7, 6, 5, 4, 3, 2];
/** Values per column observed with every detector before a fast path or memo may kick in. */
const WARMUP = 10_000;
const MEMO_CAP = 4096;
const PREFIX_CAP = 4000;
const YEAR_MIN = 1800;

const isDateSep = (c: number): boolean => c === 47 || c === 45 || c === 46;

const I_ID = IDX.CN_RESIDENT_ID;
const I_MOB = IDX.CN_MOBILE;
const I_LAND = IDX.CN_LANDLINE;
const I_PASS = IDX.CN_PASSPORT;
const I_HMT = IDX.CN_HMT_PERMIT;
const I_USCC = IDX.CN_USCC;
const I_PLATE = IDX.CN_LICENSE_PLATE;
const I_BANK = IDX.BANK_CARD;
const I_VIN = IDX.VIN;
const I_IMEI = IDX.IMEI;
const I_EMAIL = IDX.EMAIL;
const I_IP = IDX.IP_ADDRESS;
const I_MAC = IDX.MAC_ADDRESS;
const I_GEO = IDX.GEO_COORDINATE;
const I_ADDR = IDX.POSTAL_ADDRESS;
const I_NAME = IDX.PERSON_NAME;
const I_DOB = IDX.DATE_OF_BIRTH;
const I_GENDER = IDX.GENDER;
const I_ETH = IDX.ETHNICITY;
const I_HEALTH = IDX.HEALTH_DIAGNOSIS;
const I_GENE = IDX.GENETIC_SEQUENCE;
const I_IMO = IDX.IMO_NUMBER;
const I_CONT = IDX.CONTAINER_NUMBER;
const I_ORG = IDX.ORG_NAME;

class ColState {
  readonly header: HeaderEvidence | null;
  nonEmpty = 0;
  readonly counts = new Int32Array(NF);
  totalLen = 0;
  distinct: Set<string> | null = new Set();
  distinctCount = 0;
  /** Values offered to the distinct set (the denominator of {@link distinctRatio}). */
  distinctSeen = 0;
  mobileNoted = 0;
  mobileBlocks: Set<string> | null = new Set();
  mobileBlockCount = 0;
  readonly years = new Int32Array(300);
  /** 15-digit legacy resident IDs accepted, by their two-digit birth year. */
  readonly legacyYears = new Int32Array(100);
  legacyIds = 0;
  readonly spanCounts = new Int32Array(NT);
  readonly spanValues = new Int32Array(NT);
  private readonly seen = new Int32Array(NT);

  constructor(readonly name: string) {
    this.header = matchHeader(name);
  }

  /** Feature hits of the value being observed (applied to `counts` afterwards, and memoised). */
  private readonly hits = new Int32Array(NF);
  private nh = 0;
  private spanned = false;
  /** After the warm-up: the detector of a clear verdict, tried first on every value. */
  private fast: ((v: string) => boolean) | null = null;
  private fastFeatures: number[] = [];
  /** After the warm-up, for low-cardinality columns: value → its feature hits. */
  private memo: Map<string, Int32Array> | null = null;
  private observed = 0;

  private hit(f: number): void {
    this.hits[this.nh++] = f;
  }

  observe(raw: string, maxBirth: number): void {
    let v = trimValue(raw);
    let n = v.length;
    if (n === 0) return;
    const c0 = v.charCodeAt(0);
    if (n <= 4 && isNullToken(v)) return;
    if (c0 === 39 || c0 === 61) {
      // spreadsheet text markers: `'13800138000`, `="110105194912310021"`
      v = stripTextMarker(v);
      n = v.length;
      if (n === 0) return;
    }
    this.nonEmpty++;
    this.totalLen += n;
    const c = this.counts;
    if (++this.observed <= WARMUP) {
      if (this.distinct !== null) {
        this.distinct.add(v);
        this.distinctSeen++;
        if (this.distinct.size >= DISTINCT_CAP) {
          this.distinctCount = this.distinct.size;
          this.distinct = null;
        }
      }
      if (this.observed === WARMUP) this.endWarmup(maxBirth);
    } else {
      const fast = this.fast;
      if (fast !== null && fast(v)) {
        for (const f of this.fastFeatures) c[f] = (c[f] as number) + 1;
        return;
      }
      const memo = this.memo;
      if (memo !== null) {
        const m = memo.get(v);
        if (m !== undefined) {
          for (let i = 0; i < m.length; i++) c[m[i] as number] = (c[m[i] as number] as number) + 1;
          return;
        }
      }
    }
    this.nh = 0;
    this.spanned = false;
    this.detect(v, n, maxBirth);
    const h = this.hits;
    const k = this.nh;
    for (let i = 0; i < k; i++) c[h[i] as number] = (c[h[i] as number] as number) + 1;
    if (this.memo !== null && !this.spanned && this.memo.size < MEMO_CAP) this.memo.set(v, h.slice(0, k));
  }

  /**
   * End of the warm-up: a column with a clear identifier verdict gets a fast path (its detector first; values it
   * rejects still go through every detector), a low-cardinality column a memo of each distinct value's hits.
   * Every value is still counted; only repeated work is skipped.
   */
  private endWarmup(maxBirth: number): void {
    const verdict = decide(this, maxBirth);
    const t = verdict.infoType;
    if (t !== null && verdict.kind === 'identifier') {
      const share = (this.counts[IDX[t]] as number) / this.nonEmpty;
      const fp = share >= 0.9 ? fastPath(t, maxBirth) : null;
      if (fp) {
        this.fast = fp.check;
        this.fastFeatures = fp.features;
      }
    }
    if (this.distinct !== null && this.distinct.size <= MEMO_CAP / 2) this.memo = new Map();
  }

  private detect(v: string, n: number, maxBirth: number): void {
    let hit = false;
    const c0 = v.charCodeAt(0);
    if (c0 >= 48 && c0 <= 57 && n >= 11 && n <= 19 && allDigits(v)) {
      this.detectDigits(v, n, maxBirth);
      return;
    }
    // CJK values need the mask only for the free-text check at the end
    let mask = c0 < 0x3000 ? charMask(v, n) : -1;
    if (c0 >= 48 && c0 <= 57) {
      // digits first: IDs, cards, phones, dates, IPs, coordinates, IMO, English addresses, e-mail
      if ((n === 20 || n === 21) && (mask & M_SPACE) !== 0 && SPACED_ID_RE.test(v)) {
        // an ID printed in groups (`110105 19491231 002X`, `110105 1949 1231 002X`)
        if (isResidentId(v.replaceAll(' ', ''), maxBirth)) {
          this.hit(I_ID);
          hit = true;
        }
      }
      if (n === 18 || n === 15) {
        if (isResidentId(v, maxBirth)) {
          this.hit(I_ID);
          hit = true;
        }
        if (n === 18 && isUscc(v)) {
          this.hit(I_USCC);
          hit = true;
        }
      }
      if (n === 11) {
        if (isMobile(v)) {
          this.hit(I_MOB);
          hit = true;
          this.noteMobile(v);
        } else if (isLandline(v)) {
          this.hit(I_LAND);
          hit = true;
        } else if (isContainerNumber(v)) {
          this.hit(I_CONT);
          hit = true;
        }
      } else if (n > 11 && n <= 20 && (c0 === 48 || c0 === 56) && !hit) {
        if (isMobile(v)) {
          this.hit(I_MOB);
          hit = true;
          this.noteMobile(v);
        } else if (isLandline(v)) {
          this.hit(I_LAND);
          hit = true;
        }
      } else if (n >= 10 && n <= 13 && c0 === 48 && isLandline(v)) {
        this.hit(I_LAND);
        hit = true;
      } else if (n === 13 && isMobile(v)) {
        this.hit(I_MOB);
        hit = true;
        this.noteMobile(v);
      }
      if (n >= 13 && n <= 23 && !hit) {
        if (isBankCard(v)) {
          this.hit(I_BANK);
          hit = true;
        } else if (isUnionPayLuhnFail(v)) this.hit(A_BANK_LOOSE);
        if (n >= 15 && n <= 18 && isImei(v)) {
          this.hit(I_IMEI);
          hit = true;
        }
      }
      if (n === 17 && isVin(v)) {
        this.hit(I_VIN);
        hit = true;
      }
      if (n === 7 && isImoNumber(v)) {
        this.hit(I_IMO);
        hit = true;
      }
      if (n >= 8 && !hit && (c0 === 49 || c0 === 50 || isDateSep(v.charCodeAt(1)) || isDateSep(v.charCodeAt(2)))) {
        const ymd = parseDate(v);
        if (ymd >= 0) {
          this.hit(A_DATE);
          const y = (ymd / 10000) | 0;
          if (y >= YEAR_MIN && y < YEAR_MIN + 300) this.years[y - YEAR_MIN] = (this.years[y - YEAR_MIN] as number) + 1;
          if (ymd <= maxBirth && ymd >= maxBirth - 1_200_000) this.hit(I_DOB);
          hit = true;
        }
      }
      if (n >= 7 && n <= 45 && !hit) {
        if ((mask & (M_DOT | M_COLON)) !== 0 && isIpAddress(v)) {
          this.hit(I_IP);
          if (isVersionLike(v)) this.hit(A_IP_VERSIONLIKE);
          hit = true;
        } else if ((mask & (M_DOT | M_COLON | M_DASH)) !== 0 && isMacAddress(v)) {
          this.hit(I_MAC);
          hit = true;
        }
      }
      if (n >= 9 && !hit && (mask & M_COMMA) !== 0 && isGeoPair(v)) {
        this.hit(I_GEO);
        if (isInChina(v)) this.hit(A_GEO_CN);
        hit = true;
      }
      if (n >= 4 && n <= 16 && !hit) {
        const b = latLonBits(v);
        if ((b & LAT) !== 0) this.hit(A_LAT);
        if ((b & LON) !== 0) {
          this.hit(A_LON);
          if ((b & PRECISE) !== 0) this.hit((b & LAT) !== 0 ? A_LAT_PRECISE : A_LON_ONLY);
        }
      }
      if (n === 1 && isGender(v)) this.hit(I_GENDER);
      if (n >= 8 && !hit) {
        if ((mask & M_AT) !== 0 && v.indexOf('@') > 0 && isEmail(v)) {
          this.hit(I_EMAIL);
          hit = true;
        } else if ((mask & M_SPACE) === 0) {
          // one token: no English address or organisation name
        } else if (isPostalAddress(v)) {
          this.hit(I_ADDR);
          hit = true;
        } else if (isOrgName(v)) {
          this.hit(I_ORG);
          hit = true;
        }
      }
    } else if ((c0 >= 65 && c0 <= 90) || (c0 >= 97 && c0 <= 122)) {
      if (n === 18 && isUscc(v)) {
        this.hit(I_USCC);
        hit = true;
      } else if (n === 17) {
        if (isVin(v)) {
          this.hit(I_VIN);
          hit = true;
        } else if (isMacAddress(v)) {
          this.hit(I_MAC);
          hit = true;
        }
      } else if (n === 9) {
        if (isPassport(v)) {
          this.hit(I_PASS);
          hit = true;
        } else if (isHmtPermit(v)) {
          this.hit(I_HMT);
          hit = true;
        }
      } else if (n === 11) {
        if (isContainerNumber(v)) {
          this.hit(I_CONT);
          hit = true;
        } else if (isHmtPermit(v)) {
          this.hit(I_HMT);
          hit = true;
        } else if (isImoNumber(v)) {
          this.hit(I_IMO);
          hit = true;
        }
      } else if (n >= 12 && n <= 14) {
        if (isContainerNumber(v)) {
          this.hit(I_CONT);
          hit = true;
        } else if (isMacAddress(v)) {
          this.hit(I_MAC);
          hit = true;
        }
      } else if ((n === 10 || n === 11) && isImoNumber(v)) {
        this.hit(I_IMO);
        hit = true;
      }
      if (!hit) {
        if (n <= 7 && isGender(v)) {
          this.hit(I_GENDER);
          if (isGenderWord(v)) this.hit(A_GENDER_WORD);
          hit = true;
        } else if (n <= 10 && isEthnicity(v)) {
          this.hit(I_ETH);
          hit = true;
        }
      }
      if (!hit && (mask & M_AT) !== 0 && v.indexOf('@') > 0) {
        if (isEmail(v)) {
          this.hit(I_EMAIL);
          hit = true;
        }
      } else if (!hit && (mask & M_COLON) !== 0 && v.indexOf(':') > 0 && isIpAddress(v)) {
        this.hit(I_IP);
        hit = true;
      }
      if (!hit && (n === 3 || (n >= 5 && n <= 8)) && isIcd10(v)) {
        this.hit(I_HEALTH);
        if (n > 3) this.hit(A_HEALTH_STRICT);
        hit = true;
      }
      if (!hit && n >= 20 && isGeneticSequence(v)) {
        this.hit(I_GENE);
        hit = true;
      }
      if (!hit && n >= 2 && n <= 20 && (mask & M_SPACE) === 0 && NAME_PART_RE.test(v) && /[a-z]/.test(v))
        this.hit(A_NAME_PART);
      if (!hit && n >= 4 && (mask & M_SPACE) === 0) {
        // one word: only a diagnosis term (`Headache`, `nausea`) is possible
        const c1 = v.charCodeAt(1);
        if (c1 >= 97 && c1 <= 122 && isDiagnosisTerm(v)) {
          this.hit(I_HEALTH);
          this.hit(A_HEALTH_STRICT);
          hit = true;
        }
      } else if (!hit && n >= 4) {
        if (isHealthDiagnosis(v)) {
          this.hit(I_HEALTH);
          this.hit(A_HEALTH_STRICT);
          hit = true;
        } else if (isOrgName(v)) {
          this.hit(I_ORG);
          hit = true;
        } else if (isLatinName(v)) {
          this.hit(I_NAME);
          if (hasPinyinSurname(v)) this.hit(A_NAME_PINYIN);
          hit = true;
        } else if (n >= 8 && isPostalAddress(v)) {
          this.hit(I_ADDR);
          hit = true;
        }
      }
    } else if (c0 >= 0x3400) {
      if (n <= 9 && n >= 7 && isLicensePlate(v)) {
        this.hit(I_PLATE);
        hit = true;
      } else if (n <= 3 && isGender(v)) {
        this.hit(I_GENDER);
        if (isGenderWord(v)) this.hit(A_GENDER_WORD);
        hit = true;
      } else if (n <= 5 && isEthnicity(v)) {
        this.hit(I_ETH);
        if (isEthnicityFull(v)) this.hit(A_ETHNIC_FULL);
        hit = true;
      }
      if (!hit) {
        if (isDiagnosisTerm(v)) {
          this.hit(I_HEALTH);
          this.hit(A_HEALTH_STRICT);
          hit = true;
        } else if (n <= 16 && isChineseName(v)) {
          this.hit(I_NAME);
          this.hit(A_NAME_ZH);
          hit = true;
        } else if (n >= 6 && isChineseAddress(v)) {
          this.hit(I_ADDR);
          this.hit(A_ADDR_ZH);
          hit = true;
        } else if (n >= 4 && isOrgName(v)) {
          this.hit(I_ORG);
          hit = true;
        }
      }
    } else if (c0 === 43 || c0 === 40 || c0 === 65288) {
      if (isMobile(v)) {
        this.hit(I_MOB);
        this.noteMobile(v);
        hit = true;
      } else if (isLandline(v)) {
        this.hit(I_LAND);
        hit = true;
      } else if (isGeoPair(v)) {
        this.hit(I_GEO);
        if (isInChina(v)) this.hit(A_GEO_CN);
        hit = true;
      }
    } else if (c0 === 45) {
      if (isGeoPair(v)) {
        this.hit(I_GEO);
        hit = true;
      } else {
        const b = latLonBits(v);
        if ((b & LAT) !== 0) this.hit(A_LAT);
        if ((b & LON) !== 0) this.hit(A_LON);
      }
    } else if (c0 === 58 && isIpAddress(v)) {
      this.hit(I_IP);
      hit = true;
    }
    if (!hit && n >= 8) {
      if (mask < 0) mask = charMask(v, n);
      if ((mask & M_MULTI) !== 0) this.observeText(v, (mask & M_PROSE) !== 0, maxBirth);
    }
  }

  /**
   * All-digit values of 11–19 digits (IDs, USCCs, cards, IMEIs, phones, order numbers): one pass computes the
   * MOD 11-2, MOD 31 and Luhn sums; the full detectors run only on values whose check already matches.
   */
  private detectDigits(v: string, n: number, maxBirth: number): void {
    let s112 = 0;
    let s31 = 0;
    let luhn = 0;
    for (let i = 0; i < n; i++) {
      const d = v.charCodeAt(i) - 48;
      if (i < 17) {
        s112 += d * (W112[i] as number);
        s31 += d * (W31[i] as number);
      }
      if (((n - 1 - i) & 1) === 1) luhn += d > 4 ? 2 * d - 9 : 2 * d;
      else luhn += d;
    }
    const luhnOk = luhn % 10 === 0;
    const last = v.charCodeAt(n - 1) - 48;
    if (n === 11) {
      if (isMobile(v)) {
        this.hit(I_MOB);
        this.noteMobile(v);
      } else if (isLandline(v)) this.hit(I_LAND);
      return;
    }
    if (n === 18) {
      if (MOD112_DIGIT[s112 % 11] === last && isResidentId(v, maxBirth)) {
        this.hit(I_ID);
        return;
      }
      if ((31 - (s31 % 31)) % 31 === last && isUscc(v)) {
        this.hit(I_USCC);
        return;
      }
    } else if (n === 15) {
      if (isResidentId(v, maxBirth)) {
        this.hit(I_ID);
        this.legacyIds++;
        const yy = (v.charCodeAt(6) - 48) * 10 + v.charCodeAt(7) - 48;
        this.legacyYears[yy] = (this.legacyYears[yy] as number) + 1;
        return;
      }
      if (luhnOk) {
        this.hit(I_IMEI);
        return;
      }
    } else if (n === 12 || n === 13) {
      if (v.charCodeAt(0) === 48 && isLandline(v)) {
        this.hit(I_LAND);
        return;
      }
      if (n === 13 && isMobile(v)) {
        this.hit(I_MOB);
        this.noteMobile(v);
        return;
      }
    }
    if (n >= 13) {
      if (luhnOk) {
        if (hasIssuerPrefix(v)) this.hit(I_BANK);
      } else if (n >= 16 && v.charCodeAt(0) === 54 && v.charCodeAt(1) === 50) this.hit(A_BANK_LOOSE);
    }
  }

  private noteMobile(v: string): void {
    if (this.mobileBlocks === null) return;
    this.mobileNoted++;
    const d = v.length === 11 ? v : v.replace(/\D/g, '').slice(-11);
    this.mobileBlocks.add(d.slice(0, 7));
    if (this.mobileBlocks.size >= PREFIX_CAP) {
      this.mobileBlockCount = this.mobileBlocks.size;
      this.mobileBlocks = null;
    }
  }

  /** Values no detector took whole and with more than one token: is it prose? which identifiers occur inside? */
  private observeText(v: string, prose: boolean, maxBirth: number): void {
    if (prose) this.hit(A_PROSE);
    this.spanned = true;
    this.stamp++;
    scanText(v, maxBirth, this.onSpan);
  }

  private stamp = 0;
  /** Counts a span found by {@link scanText} (once per value in `spanValues`). */
  private readonly onSpan = (t: InfoType): void => {
    const k = IDX[t];
    this.spanCounts[k] = (this.spanCounts[k] as number) + 1;
    if (this.seen[k] !== this.stamp) {
      this.seen[k] = this.stamp;
      this.spanValues[k] = (this.spanValues[k] as number) + 1;
    }
  };

  distinctValues(): number {
    return this.distinct === null ? this.distinctCount : this.distinct.size;
  }
  /** Distinct values / values seen while counting them (the first {@link WARMUP} values). */
  distinctRatio(): number {
    return this.distinctSeen === 0 ? 0 : this.distinctValues() / this.distinctSeen;
  }
  /** Distinct 7-digit number blocks / mobile numbers noted. */
  mobileBlockRatio(): number {
    return this.mobileNoted === 0 ? 1 : this.mobileBlocksSeen() / this.mobileNoted;
  }
  mobileBlocksSeen(): number {
    return this.mobileBlocks === null ? this.mobileBlockCount : this.mobileBlocks.size;
  }
}

/**
 * A dotted quad that reads like a version number (`1.2.0.17`: first part below 10, every part below 64). Public
 * addresses in 1.0.0.0–9.255.255.255 with all parts that small are rare; a column of them is firmware versions.
 */
function isVersionLike(v: string): boolean {
  let part = 0;
  let parts = 0;
  for (let i = 0; i <= v.length; i++) {
    const c = i < v.length ? v.charCodeAt(i) : 46;
    if (c === 46) {
      if (part >= 64 || (parts === 0 && part >= 10)) return false;
      parts++;
      part = 0;
    } else if (c >= 48 && c <= 57) part = part * 10 + c - 48;
    else return false;
  }
  return parts === 4;
}

// one pass over a value's chars tells which detectors can apply (instead of one indexOf per detector)
const M_SPACE = 1;
const M_AT = 2;
const M_COLON = 4;
/** `,` or `，` (a coordinate pair separator). */
const M_COMMA = 8;
const M_DOT = 16;
const M_DASH = 32;
/** Space, CJK or punctuation: more than one token, so identifiers may hide inside. */
const M_MULTI = 64;
/** Prose: a space or sentence punctuation, or ≥ 6 CJK chars. */
const M_PROSE = 128;

function charMask(v: string, n: number): number {
  let m = 0;
  let cjk = 0;
  for (let i = 0; i < n; i++) {
    const ch = v.charCodeAt(i);
    if (ch < 0x3000) {
      if (ch >= 48 && ch <= 57) continue;
      if (ch === 32) m |= M_SPACE | M_MULTI | M_PROSE;
      else if (ch === 64) m |= M_AT;
      else if (ch === 58) m |= M_COLON | M_MULTI;
      else if (ch === 44) m |= M_COMMA | M_MULTI | M_PROSE;
      else if (ch === 46) m |= M_DOT;
      else if (ch === 45) m |= M_DASH;
      else if (ch === 59 || ch === 47 || ch === 61) m |= M_MULTI;
    } else {
      m |= M_MULTI;
      if (ch === 0xff0c) m |= M_COMMA | M_PROSE;
      else if (ch === 0x3002 || ch === 0x3001 || ch === 0xff1b || ch === 0xff1a) m |= M_PROSE;
      else if (ch >= 0x3400) cjk++;
    }
  }
  if (cjk >= 6) m |= M_PROSE;
  return m;
}

/** Placeholders exports write for a missing value; they count as empty. */
const NULL_TOKENS = new Set([
  'null',
  'NULL',
  'Null',
  'none',
  'None',
  'NONE',
  'nil',
  'NaN',
  'nan',
  'N/A',
  'n/a',
  'NA',
  '#N/A',
  '\\N',
  '-',
  '--',
  '---',
  '/',
  '无',
  '空',
  '暂无',
  '(空)',
  '（空）',
  '未填',
  '不详',
]);
const NULL_FIRST = new Set([...NULL_TOKENS].map((t) => t.charCodeAt(0)));
function isNullToken(v: string): boolean {
  return NULL_FIRST.has(v.charCodeAt(0)) && NULL_TOKENS.has(v);
}

/** Removes a spreadsheet text marker: a leading `'` or an `="…"` formula wrapper. */
function stripTextMarker(v: string): string {
  if (v.charCodeAt(0) === 39) return trimValue(v.slice(1));
  const n = v.length;
  if (n >= 3 && v.charCodeAt(1) === 34 && v.charCodeAt(n - 1) === 34) return trimValue(v.slice(2, n - 1));
  return v;
}

/** The detector a clear verdict may try first after the warm-up, and the features a hit counts. */
function fastPath(t: InfoType, maxBirth: number): { check: (v: string) => boolean; features: number[] } | null {
  const one = (check: (v: string) => boolean, ...features: number[]) => ({ check, features: [IDX[t], ...features] });
  switch (t) {
    case 'CN_RESIDENT_ID':
      return one((v) => isResidentId(v, maxBirth));
    case 'CN_USCC':
      return one(isUscc);
    case 'VIN':
      return one(isVin);
    case 'IMEI':
      return one(isImei);
    case 'BANK_CARD':
      return one(isBankCard);
    case 'IMO_NUMBER':
      return one(isImoNumber);
    case 'CONTAINER_NUMBER':
      return one(isContainerNumber);
    case 'CN_LICENSE_PLATE':
      return one(isLicensePlate);
    case 'EMAIL':
      return one(isEmail);
    case 'IP_ADDRESS':
      return one(isIpAddress);
    case 'MAC_ADDRESS':
      return one(isMacAddress);
    case 'CN_PASSPORT':
      return one(isPassport);
    case 'CN_HMT_PERMIT':
      return one(isHmtPermit);
    case 'ORG_NAME':
      return one(isOrgName);
    case 'CN_MOBILE':
      return one(isMobile);
    case 'CN_LANDLINE':
      return one(isLandline);
    case 'PERSON_NAME':
      return one(isChineseName, A_NAME_ZH);
    case 'POSTAL_ADDRESS':
      return one(isChineseAddress, A_ADDR_ZH);
    default:
      return null;
  }
}

/** A streaming column classifier: push batches of row arrays, then `finish()`. Constant memory per column. */
export interface ColumnScanner {
  /**
   * Adds rows. `columns` is the current column list (it may grow between batches for JSON sources: values
   * beyond a row's length are null).
   */
  push(batch: readonly (readonly (string | null)[])[], columns?: readonly string[]): void;
  /** Rows pushed so far. */
  rowCount(): number;
  /** The verdict for every column, in column order. */
  finish(): ScanColumn[];
}

/** Creates a {@link ColumnScanner} for the given columns. */
export function createColumnScanner(columns: readonly string[], opts: ClassifyOptions = {}): ColumnScanner {
  const maxBirth = ymdNumber(opts.today);
  const states: ColState[] = columns.map((c) => new ColState(c));
  let rows = 0;
  return {
    push(batch, cols) {
      if (cols && cols.length > states.length)
        for (let i = states.length; i < cols.length; i++) states.push(new ColState(cols[i] as string));
      const m = states.length;
      for (const row of batch) {
        rows++;
        const k = row.length < m ? row.length : m;
        for (let i = 0; i < k; i++) {
          const v = row[i];
          if (v != null && v !== '') (states[i] as ColState).observe(v, maxBirth);
        }
      }
    },
    rowCount: () => rows,
    finish: () =>
      pairCoordinates(
        states,
        states.map((s) => decide(s, maxBirth)),
      ),
  };
}

/**
 * Classifies columns from rows held in memory (a sample). `rows[i][j]` is the value of `columns[j]` (text or null).
 * @example classifyColumns(['sfzh'], [['11010519491231002X']], { today: '2025-01-01' })[0].infoType // 'CN_RESIDENT_ID'
 */
export function classifyColumns(
  columns: readonly string[],
  rows: readonly (readonly (string | null)[])[],
  opts: ClassifyOptions = {},
): ScanColumn[] {
  const s = createColumnScanner(columns, opts);
  s.push(rows);
  return s.finish();
}

// ---------------------------------------------------------------------------------------------------------------

const r3 = (x: number): number => Math.round(x * 1000) / 1000;
const r2 = (x: number): number => Math.round(x * 100) / 100;
const clamp = (x: number): number => (x < 0 ? 0 : x > 0.99 ? 0.99 : x);
const pct = (x: number): string => `${Math.round(x * 1000) / 10}%`;

type Rule = 'checksum' | 'format' | 'name' | 'address' | 'diagnosis' | 'vocabulary' | 'dob' | 'geo';
const RULE: Record<InfoType, Rule> = {
  CN_RESIDENT_ID: 'checksum',
  CN_USCC: 'checksum',
  BANK_CARD: 'checksum',
  VIN: 'checksum',
  IMEI: 'checksum',
  IMO_NUMBER: 'checksum',
  CONTAINER_NUMBER: 'checksum',
  CN_MOBILE: 'format',
  CN_LANDLINE: 'format',
  CN_PASSPORT: 'format',
  CN_HMT_PERMIT: 'format',
  CN_LICENSE_PLATE: 'format',
  EMAIL: 'format',
  IP_ADDRESS: 'format',
  MAC_ADDRESS: 'format',
  GENETIC_SEQUENCE: 'format',
  ORG_NAME: 'format',
  GEO_COORDINATE: 'geo',
  PERSON_NAME: 'name',
  POSTAL_ADDRESS: 'address',
  HEALTH_DIAGNOSIS: 'diagnosis',
  GENDER: 'vocabulary',
  ETHNICITY: 'vocabulary',
  DATE_OF_BIRTH: 'dob',
};

interface Candidate {
  t: InfoType;
  share: number;
  count: number;
  byHeader: boolean;
  score: number;
  conf: number;
  how: string;
}

function yearStats(s: ColState): { span: number; median: number } {
  let total = 0;
  let lo = -1;
  let hi = -1;
  for (let i = 0; i < s.years.length; i++) {
    const k = s.years[i] as number;
    if (k === 0) continue;
    if (lo < 0) lo = i;
    hi = i;
    total += k;
  }
  if (total === 0) return { span: 0, median: 0 };
  let acc = 0;
  let median = lo;
  for (let i = lo; i <= hi; i++) {
    acc += s.years[i] as number;
    if (acc * 2 >= total) {
      median = i;
      break;
    }
  }
  return { span: hi - lo, median: median + YEAR_MIN };
}

function candidate(s: ColState, t: InfoType, maxBirth: number): Candidate | null {
  const N = s.nonEmpty;
  const h = s.header;
  const c = s.counts;
  const supports = h !== null && h.supports.includes(t);
  // a header naming something else: another infoType, or an exact non-PI name (`订单号`, `sku`); a partial generic
  // match (`入组病种代码` ⊃ `代码`) is not held against the values
  const against = h !== null && !supports && ((h.signal === 'not_pi' && h.match === 'exact') || h.supports.length > 0);
  const hBonus = supports ? (h?.match === 'exact' ? 0.15 : 0.08) : 0;
  let count = c[IDX[t]] as number;
  let share = count / N;
  const rule = RULE[t];
  const make = (byHeader: boolean, base: number, how: string): Candidate => ({
    t,
    share,
    count,
    byHeader,
    score: share + hBonus + (rule === 'checksum' ? 0.05 : 0),
    conf: clamp(base + 0.4 * share + (byHeader ? 0.05 : supports ? 0.05 : 0)),
    how,
  });
  switch (rule) {
    case 'checksum': {
      if (t === 'BANK_CARD' && supports) {
        count += c[A_BANK_LOOSE] as number;
        share = count / N;
      }
      if (t === 'CN_RESIDENT_ID' && !supports && s.legacyIds >= 20 && s.legacyIds * 2 >= count) {
        // 15-digit legacy IDs have no check char: region + YYMMDD + 3 digits. Real holders were born over decades;
        // numbers whose "birth years" fall in a few years are region + date + serial order numbers.
        let years = 0;
        for (let i = 0; i < 100; i++) if ((s.legacyYears[i] as number) > 0) years++;
        if (years < 8) return null;
      }
      if (share >= THRESHOLDS.checksum.alone) return make(false, 0.55, 'pass the check');
      if (supports && share >= THRESHOLDS.checksum.withHeader) return make(true, 0.45, 'pass the check');
      return null;
    }
    case 'format': {
      if (
        t === 'CN_MOBILE' &&
        s.mobileNoted >= 40 &&
        s.mobileBlockRatio() < 0.02 &&
        !(supports && h?.match === 'exact')
      )
        return null; // sequential numbers in a few blocks: counters, not phones
      if (t === 'IP_ADDRESS' && !supports && (c[A_IP_VERSIONLIKE] as number) * 2 >= count) return null; // versions
      // passports and permits are a letter + 8 digits with no check (regulation §5.7: context-gated): under a header
      // naming a non-personal code, even a partial one (`customer_id`, `会员编号`), they are that code
      if ((t === 'CN_PASSPORT' || t === 'CN_HMT_PERMIT') && !supports && h?.signal === 'not_pi') return null;
      const alone = against ? THRESHOLDS.format.againstHeader : THRESHOLDS.format.alone;
      if (share >= alone) return make(false, 0.45, 'match the format');
      if (supports && share >= THRESHOLDS.format.withHeader) return make(true, 0.4, 'match the format');
      return null;
    }
    case 'geo': {
      if (share >= THRESHOLDS.checksum.alone) return make(false, 0.5, 'are coordinate pairs');
      const sig = h?.signal;
      const k =
        sig === 'latitude'
          ? A_LAT
          : sig === 'longitude'
            ? A_LON
            : sig === 'GEO_COORDINATE'
              ? (c[A_LAT] as number) >= (c[A_LON] as number) * 0.9
                ? A_LAT
                : A_LON
              : -1;
      if (k >= 0) {
        count = c[k] as number;
        share = count / N;
        if (share >= 0.9)
          return make(true, 0.4, `are ${sig === 'longitude' ? 'longitudes' : 'latitudes'} (with ≥ 2 decimals)`);
      }
      return null;
    }
    case 'name': {
      const strong = ((c[A_NAME_ZH] as number) + (c[A_NAME_PINYIN] as number)) / N;
      const distinctRatio = N < 20 ? 1 : s.distinctRatio();
      if (supports && share >= THRESHOLDS.name.withHeader) return make(true, 0.45, 'look like personal names');
      if (supports && h !== null && NAME_PART_TERMS.has(h.term)) {
        // split name columns: `first_name` of `Oliver`, `last_name` of `Wang` hold parts of names
        count += c[A_NAME_PART] as number;
        share = count / N;
        if (share >= THRESHOLDS.name.alone && distinctRatio >= 0.02)
          return make(true, 0.4, 'are parts of personal names (one capitalised word each)');
      }
      if (
        !against &&
        share >= THRESHOLDS.name.alone &&
        strong >= THRESHOLDS.name.strongShare &&
        distinctRatio >= THRESHOLDS.name.minDistinctRatio &&
        N >= 5
      )
        return make(
          false,
          0.35,
          'are personal names (Chinese surname + given name, or pinyin/Latin names; many distinct)',
        );
      return null;
    }
    case 'address': {
      if (supports && share >= THRESHOLDS.address.withHeader) return make(true, 0.45, 'look like addresses');
      const zh = (c[A_ADDR_ZH] as number) / N;
      if (!against && zh >= THRESHOLDS.address.alone) return make(false, 0.4, 'are Chinese addresses');
      return null;
    }
    case 'diagnosis': {
      if (supports && share >= THRESHOLDS.diagnosis.withHeader)
        return make(true, 0.45, 'are ICD-10 codes or diagnosis terms');
      const strict = (c[A_HEALTH_STRICT] as number) / N;
      if (!against && strict >= THRESHOLDS.diagnosis.alone)
        return make(false, 0.4, 'are ICD-10 codes or diagnosis terms');
      return null;
    }
    case 'vocabulary': {
      if (supports && share >= THRESHOLDS.vocabulary.withHeader)
        return make(true, 0.5, `are ${t === 'GENDER' ? 'gender' : 'ethnic group'} values`);
      // values alone: all values in the vocabulary and a real share of the unambiguous forms (`男`, `汉族`),
      // so a column of bare `M`/`F` or `1`/`2` codes stays undecided without a header
      const k = t === 'GENDER' ? A_GENDER_WORD : A_ETHNIC_FULL;
      const strict = (c[k] as number) / N;
      const d = s.distinctValues();
      const okDistinct = t === 'GENDER' ? d >= 2 && d <= 6 : d >= 1;
      if (!against && share >= THRESHOLDS.vocabulary.alone && strict >= 0.3 && okDistinct && N >= 5)
        return make(false, 0.45, `are ${t === 'GENDER' ? 'gender words' : 'ethnic groups written in full'}`);
      return null;
    }
    case 'dob': {
      if (supports && share >= THRESHOLDS.dateOfBirth.withHeader) return make(true, 0.5, 'are plausible birth dates');
      // a header naming another date or a non-personal field (`成立日期`, `hire_date`, `created`) rules out births
      if (against || h?.signal === 'not_pi' || share < THRESHOLDS.dateOfBirth.alone || N < 20) return null;
      const { span, median } = yearStats(s);
      const todayYear = Math.floor(maxBirth / 10000);
      if (span >= THRESHOLDS.dateOfBirth.minYearSpan && median <= todayYear - THRESHOLDS.dateOfBirth.minMedianAge)
        return make(false, 0.3, `are dates spread over ${span} years with median year ${median}, like birth dates`);
      return null;
    }
  }
}

function shares(s: ColState, counts: Int32Array, denominator: number): Partial<Record<InfoType, number>> {
  const out: Partial<Record<InfoType, number>> = {};
  if (denominator === 0) return out;
  for (let i = 0; i < NT; i++) {
    const k = counts[i] as number;
    if (k > 0) out[INFO_TYPE_NAMES[i] as InfoType] = r3(k / denominator);
  }
  void s;
  return out;
}

/** Checksum/format types with ≥ {@link THRESHOLDS.mixed.each} of the values, and their summed share. */
function mixedParts(s: ColState): { parts: InfoType[]; total: number } {
  let total = 0;
  const parts: InfoType[] = [];
  if (s.nonEmpty === 0) return { parts, total };
  for (let i = 0; i < NT; i++) {
    const t = INFO_TYPE_NAMES[i] as InfoType;
    const rule = RULE[t];
    if (rule !== 'checksum' && rule !== 'format') continue;
    const sh = (s.counts[i] as number) / s.nonEmpty;
    if (sh >= THRESHOLDS.mixed.each) {
      total += sh;
      parts.push(t);
    }
  }
  return { parts, total };
}

function decide(s: ColState, maxBirth: number): ScanColumn {
  const N = s.nonEmpty;
  const h = s.header;
  const evidence: ColumnEvidence = { header: h, values: shares(s, s.counts, N), valuesChecked: N, reason: '' };
  const base = { name: s.name, evidence, nonEmpty: N };
  if (N === 0) {
    evidence.reason = 'no non-empty values';
    return { ...base, infoType: null, piClass: 'none', confidence: 0.5, findings: {}, kind: 'other', freeText: false };
  }
  const cands: Candidate[] = [];
  for (const t of INFO_TYPE_NAMES) {
    const cand = candidate(s, t, maxBirth);
    if (cand) cands.push(cand);
  }
  cands.sort((a, b) => b.score - a.score || a.t.localeCompare(b.t));
  const mix = mixedParts(s);
  // a type that passes only with the header's help, beside another identifier type of ≥ 10% (a `联系方式` column of
  // phones and e-mails): the column is mixed, not the first type with the rest counted as noise
  const mixed = mix.parts.length >= 2 && mix.total >= THRESHOLDS.mixed.total;
  const best = cands.find((c) => !(c.byHeader && mixed && mix.parts.includes(c.t)));
  if (best) {
    const hdr =
      h && h.supports.includes(best.t)
        ? `; header \`${h.term}\` agrees`
        : h && h.supports.length > 0
          ? `; header \`${h.term}\` suggested ${h.supports.join('/')}`
          : '';
    evidence.reason = `${pct(best.share)} of values ${best.how}${hdr}`;
    return {
      ...base,
      infoType: best.t,
      piClass: INFO_TYPES[best.t].piClass,
      confidence: r2(best.conf),
      findings: { [best.t]: best.count },
      kind: 'identifier',
      freeText: false,
    };
  }
  // no single type: free text? mixed identifiers?
  const proseShare = (s.counts[A_PROSE] as number) / N;
  const avgLen = s.totalLen / N;
  const distinct = s.distinctValues();
  const isFree =
    (h?.signal === 'free_text' && avgLen >= 4) ||
    (proseShare >= THRESHOLDS.freeText.proseShare &&
      avgLen >= THRESHOLDS.freeText.minAvgLength &&
      (distinct >= 50 || s.distinctRatio() >= 0.3));
  if (isFree) {
    const findings: Partial<Record<InfoType, number>> = {};
    let pi: PiClass = 'none';
    const found: string[] = [];
    for (let i = 0; i < NT; i++) {
      const k = s.spanCounts[i] as number;
      if (k === 0) continue;
      const t = INFO_TYPE_NAMES[i] as InfoType;
      findings[t] = k;
      if ((s.spanValues[i] as number) / N >= THRESHOLDS.freeTextPiShare) pi = maxPiClass(pi, INFO_TYPES[t].piClass);
      found.push(`${t} in ${pct((s.spanValues[i] as number) / N)}`);
    }
    evidence.textShare = shares(s, s.spanValues, N);
    evidence.reason = `prose (${pct(proseShare)} of values, average ${Math.round(avgLen)} chars)${h?.signal === 'free_text' ? `; header \`${h.term}\` names free text` : ''}; ${found.length > 0 ? `found inside: ${found.join(', ')}` : 'no identifiers found inside'}`;
    return {
      ...base,
      infoType: null,
      piClass: pi,
      confidence: r2(clamp(0.6 + 0.3 * proseShare + (h?.signal === 'free_text' ? 0.09 : 0))),
      findings,
      kind: 'free_text',
      freeText: true,
    };
  }
  // mixed identifiers (a "contact" column with phones and e-mails)
  const { parts, total } = mix;
  if (mixed) {
    const findings: Partial<Record<InfoType, number>> = {};
    let pi: PiClass = 'none';
    for (const t of parts) {
      findings[t] = s.counts[IDX[t]] as number;
      pi = maxPiClass(pi, INFO_TYPES[t].piClass);
    }
    evidence.reason = `a mix of identifier types: ${parts.map((t) => `${t} ${pct((s.counts[IDX[t]] as number) / N)}`).join(', ')}`;
    return {
      ...base,
      infoType: null,
      piClass: pi,
      confidence: r2(clamp(0.5 + 0.4 * total)),
      findings,
      kind: 'mixed',
      freeText: false,
    };
  }
  // not an identifier
  let maxShare = 0;
  let maxType = '';
  for (let i = 0; i < NT; i++) {
    const rule = RULE[INFO_TYPE_NAMES[i] as InfoType];
    if (rule !== 'checksum' && rule !== 'format' && rule !== 'geo') continue; // context shares prove little alone
    const sh = (s.counts[i] as number) / N;
    if (sh > maxShare) {
      maxShare = sh;
      maxType = INFO_TYPE_NAMES[i] as string;
    }
  }
  const hs = h && h.supports.length > 0;
  evidence.reason = hs
    ? `header \`${h.term}\` suggests ${h.supports.join('/')} but the values do not support it (${maxShare > 0 ? `best: ${maxType} ${pct(maxShare)}` : 'no detector accepts them'})`
    : maxShare > 0
      ? `no identifier type: the best detector (${maxType}) accepts only ${pct(maxShare)} of values`
      : 'no detector accepts the values';
  const conf = clamp(0.97 - maxShare * 0.8 - (hs ? 0.1 : 0));
  return {
    ...base,
    infoType: null,
    piClass: 'none',
    confidence: r2(conf),
    findings: {},
    kind: 'other',
    freeText: false,
  };
}

/**
 * Separate latitude and longitude columns without telling headers: when one undecided column holds precise
 * (≥ 5 decimals) values in latitude range and another holds precise values beyond ±90 (longitudes, as in all of
 * China), both are GEO_COORDINATE. Evidence: the pair.
 */
function pairCoordinates(states: ColState[], cols: ScanColumn[]): ScanColumn[] {
  const latIdx: number[] = [];
  const lonIdx: number[] = [];
  const decided: number[] = [];
  cols.forEach((col, i) => {
    const s = states[i] as ColState;
    if (col.infoType === 'GEO_COORDINATE' && (s.counts[I_GEO] as number) * 2 < s.nonEmpty) {
      // already decided by its header as a single latitude or longitude column
      const isLat = (s.counts[A_LAT] as number) >= (s.counts[A_LON] as number) * 0.99;
      (isLat ? latIdx : lonIdx).push(i);
      decided.push(i);
      return;
    }
    if (col.infoType !== null || col.kind !== 'other' || s.nonEmpty < 5) return;
    const h = s.header;
    if (h && h.signal === 'not_pi' && h.match === 'exact') return;
    if ((s.counts[A_LAT_PRECISE] as number) / s.nonEmpty >= 0.95) latIdx.push(i);
    else if ((s.counts[A_LON_ONLY] as number) / s.nonEmpty >= 0.95) lonIdx.push(i);
  });
  if (latIdx.length === 0 || lonIdx.length === 0 || latIdx.length + lonIdx.length === decided.length) return cols;
  const n = Math.min(latIdx.length, lonIdx.length);
  for (let k = 0; k < n; k++) {
    const a = latIdx[k] as number;
    const b = lonIdx[k] as number;
    if (decided.includes(a) && decided.includes(b)) continue;
    for (const [i, other, what] of [
      [a, b, 'latitudes'],
      [b, a, 'longitudes'],
    ] as const) {
      if (decided.includes(i)) continue;
      const col = cols[i] as ScanColumn;
      const s = states[i] as ColState;
      const count = s.counts[what === 'latitudes' ? A_LAT_PRECISE : A_LON_ONLY] as number;
      cols[i] = {
        ...col,
        infoType: 'GEO_COORDINATE',
        piClass: INFO_TYPES.GEO_COORDINATE.piClass,
        confidence: 0.7,
        findings: { GEO_COORDINATE: count },
        kind: 'identifier',
        evidence: {
          ...col.evidence,
          reason: `${pct(count / s.nonEmpty)} of values are precise ${what}, paired with column \`${(cols[other] as ScanColumn).name}\``,
        },
      };
    }
  }
  return cols;
}
