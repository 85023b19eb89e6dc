/**
 * @module core/detect/health
 * HEALTH_DIAGNOSIS (ICD-10 codes `[A-TV-Z]\d{2}(\.\d{1,4})?` and a vocabulary of conditions and adverse-event
 * terms in Chinese and English, MedDRA-preferred-term style) and GENETIC_SEQUENCE (runs of ≥ 20 nucleotides).
 */

/** True for an ICD-10 code shape (`I10`, `E11.9`, `C34.90`). U codes are excluded (reserved/emergency use). */
export function isIcd10(v: string): boolean {
  const n = v.length;
  if (n !== 3 && (n < 5 || n > 8)) return false;
  let c0 = v.charCodeAt(0);
  if (c0 >= 97 && c0 <= 122) c0 -= 32;
  if (c0 < 65 || c0 > 90 || c0 === 85) return false;
  const d1 = v.charCodeAt(1);
  const d2 = v.charCodeAt(2);
  if (d1 < 48 || d1 > 57 || d2 < 48 || d2 > 57) return false;
  if (n === 3) return true;
  if (v.charCodeAt(3) !== 46) return false;
  for (let i = 4; i < n; i++) {
    const c = v.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Conditions and adverse-event terms (Chinese). */
export const DIAGNOSIS_TERMS_ZH = [
  '高血压',
  '原发性高血压',
  '2型糖尿病',
  '1型糖尿病',
  '糖尿病',
  '冠心病',
  '心肌梗死',
  '急性心肌梗死',
  '心力衰竭',
  '心房颤动',
  '脑梗死',
  '脑出血',
  '脑卒中',
  '慢性阻塞性肺疾病',
  '哮喘',
  '支气管哮喘',
  '肺炎',
  '社区获得性肺炎',
  '上呼吸道感染',
  '肺结核',
  '慢性乙型肝炎',
  '乙型肝炎',
  '丙型肝炎',
  '肝硬化',
  '脂肪肝',
  '慢性肾病',
  '肾功能不全',
  '尿路感染',
  '胃炎',
  '慢性胃炎',
  '胃溃疡',
  '消化性溃疡',
  '胃癌',
  '肝癌',
  '肺癌',
  '非小细胞肺癌',
  '乳腺癌',
  '结直肠癌',
  '结肠癌',
  '食管癌',
  '胰腺癌',
  '前列腺癌',
  '宫颈癌',
  '鼻咽癌',
  '甲状腺癌',
  '白血病',
  '急性髓系白血病',
  '淋巴瘤',
  '弥漫大B细胞淋巴瘤',
  '多发性骨髓瘤',
  '贫血',
  '缺铁性贫血',
  '甲状腺功能亢进',
  '甲状腺功能减退',
  '骨质疏松',
  '类风湿关节炎',
  '系统性红斑狼疮',
  '痛风',
  '抑郁症',
  '焦虑症',
  '精神分裂症',
  '阿尔茨海默病',
  '帕金森病',
  '癫痫',
  '偏头痛',
  '艾滋病',
  'HIV感染',
  '新型冠状病毒感染',
  '流行性感冒',
  '带状疱疹',
  '银屑病',
  '特应性皮炎',
  '头痛',
  '头晕',
  '恶心',
  '呕吐',
  '腹泻',
  '便秘',
  '乏力',
  '疲乏',
  '发热',
  '皮疹',
  '瘙痒',
  '咳嗽',
  '失眠',
  '食欲下降',
  '脱发',
  '中性粒细胞减少',
  '中性粒细胞计数降低',
  '白细胞减少',
  '血小板减少',
  '血小板计数降低',
  '转氨酶升高',
  '丙氨酸氨基转移酶升高',
  '天门冬氨酸氨基转移酶升高',
  '肌酐升高',
  '高脂血症',
  '高胆固醇血症',
  '低钾血症',
  '高血糖',
  '低血糖',
  '注射部位反应',
  '输液反应',
  '过敏反应',
  '肝功能异常',
  '周围神经病变',
  '口腔黏膜炎',
  '间质性肺病',
  'QT间期延长',
  '骨折',
];

/** Conditions and adverse-event terms (English, MedDRA-PT style). */
export const DIAGNOSIS_TERMS_EN = [
  'hypertension',
  'essential hypertension',
  'type 2 diabetes mellitus',
  'type 1 diabetes mellitus',
  'diabetes mellitus',
  'coronary artery disease',
  'myocardial infarction',
  'acute myocardial infarction',
  'cardiac failure',
  'heart failure',
  'atrial fibrillation',
  'cerebral infarction',
  'stroke',
  'copd',
  'chronic obstructive pulmonary disease',
  'asthma',
  'pneumonia',
  'upper respiratory tract infection',
  'tuberculosis',
  'hepatitis b',
  'chronic hepatitis b',
  'hepatitis c',
  'hepatic cirrhosis',
  'chronic kidney disease',
  'urinary tract infection',
  'gastritis',
  'gastric ulcer',
  'gastric cancer',
  'hepatocellular carcinoma',
  'lung cancer',
  'non-small cell lung cancer',
  'breast cancer',
  'colorectal cancer',
  'pancreatic cancer',
  'prostate cancer',
  'leukaemia',
  'leukemia',
  'acute myeloid leukaemia',
  'lymphoma',
  'diffuse large b-cell lymphoma',
  'multiple myeloma',
  'anaemia',
  'anemia',
  'hyperthyroidism',
  'hypothyroidism',
  'osteoporosis',
  'rheumatoid arthritis',
  'systemic lupus erythematosus',
  'gout',
  'depression',
  'major depression',
  'anxiety',
  'schizophrenia',
  "alzheimer's disease",
  "parkinson's disease",
  'epilepsy',
  'migraine',
  'hiv infection',
  'covid-19',
  'influenza',
  'herpes zoster',
  'psoriasis',
  'atopic dermatitis',
  'headache',
  'dizziness',
  'nausea',
  'vomiting',
  'diarrhoea',
  'diarrhea',
  'constipation',
  'fatigue',
  'asthenia',
  'pyrexia',
  'fever',
  'rash',
  'pruritus',
  'cough',
  'insomnia',
  'decreased appetite',
  'alopecia',
  'neutropenia',
  'neutrophil count decreased',
  'leukopenia',
  'thrombocytopenia',
  'platelet count decreased',
  'alanine aminotransferase increased',
  'aspartate aminotransferase increased',
  'blood creatinine increased',
  'hyperlipidaemia',
  'hypercholesterolaemia',
  'hypokalaemia',
  'hyperglycaemia',
  'hypoglycaemia',
  'injection site reaction',
  'infusion related reaction',
  'hypersensitivity',
  'hepatic function abnormal',
  'peripheral neuropathy',
  'stomatitis',
  'interstitial lung disease',
  'electrocardiogram qt prolonged',
  'fracture',
];

const TERMS = new Set<string>([...DIAGNOSIS_TERMS_ZH, ...DIAGNOSIS_TERMS_EN]);
const MAX_TERM = Math.max(...[...TERMS].map((t) => t.length));
const MAX_TERM_ZH = Math.max(...DIAGNOSIS_TERMS_ZH.map((t) => t.length));

/** True for a diagnosis/adverse-event term in the vocabulary (case-insensitive for English). */
export function isDiagnosisTerm(v: string): boolean {
  const n = v.length;
  if (n < 2 || n > MAX_TERM) return false;
  const c0 = v.charCodeAt(0);
  if (c0 >= 0x3000) return n <= MAX_TERM_ZH && TERMS.has(v);
  return TERMS.has(v) || TERMS.has(v.toLowerCase());
}

/** True for an ICD-10 code, or a vocabulary term, or `CODE term` / `term (CODE)`. */
export function isHealthDiagnosis(v: string): boolean {
  if (isIcd10(v) || isDiagnosisTerm(v)) return true;
  const n = v.length;
  if (n < 5 || n > 80) return false;
  const sp = v.indexOf(' ');
  if (sp >= 3 && sp <= 8 && isIcd10(v.slice(0, sp))) return isDiagnosisTerm(v.slice(sp + 1).trim());
  const open = v.lastIndexOf('(');
  if (open > 1 && v.charCodeAt(n - 1) === 41 && isIcd10(v.slice(open + 1, n - 1)))
    return isDiagnosisTerm(v.slice(0, open).trim());
  return false;
}

/** True for a nucleotide sequence: ≥ 20 chars over A C G T U N (either case), at least 3 of A C G T present. */
export function isGeneticSequence(v: string): boolean {
  const n = v.length;
  if (n < 20) return false;
  let mask = 0;
  for (let i = 0; i < n; i++) {
    const c = v.charCodeAt(i) | 32;
    if (c === 97) mask |= 1;
    else if (c === 99) mask |= 2;
    else if (c === 103) mask |= 4;
    else if (c === 116 || c === 117) mask |= 8;
    else if (c !== 110) return false;
  }
  return mask === 15 || mask === 7 || mask === 11 || mask === 13 || mask === 14;
}
