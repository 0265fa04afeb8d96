/**
 * 居民身份号码 (GB 11643-1999): 6-digit area code, 8-digit birth date, 3-digit sequence (odd:
 * male), one check digit by ISO 7064 MOD 11-2. Pure functions, no Node or DOM globals.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/**
 * Province-level codes of GB/T 2260 (the first two digits). Only these are checked: an ID
 * keeps the area code of its first registration for life, and county codes are abolished and
 * renamed (茌平县 371523 → 茌平区 371503), so a list of today's counties would refuse valid IDs.
 */
const PROVINCES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
  '83',
  '91',
]);

/** Upper-case X and no surrounding space: the one form that is encrypted and indexed. */
export function normaliseIdNumber(raw: string): string {
  return raw.trim().toUpperCase();
}

/** The check digit for the first 17 digits. */
export function idCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

/** Whether YYYYMMDD is a real calendar date from 1900-01-01 up to `today` (YYYY-MM-DD). */
function birthDateProblem(yyyymmdd: string, today: string): string | null {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return 'has a birth date (digits 7–14) that is not a real date';
  const iso = `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
  if (y < 1900 || iso > today) return 'has a birth date (digits 7–14) before 1900 or in the future';
  return null;
}

/**
 * Every problem with an ID number (normalised first), as messages; empty when it is valid.
 * `today` (YYYY-MM-DD) bounds the birth date.
 */
export function idNumberProblems(raw: string, today: string): string[] {
  const id = normaliseIdNumber(raw);
  if (!/^\d{17}[\dX]$/.test(id)) return ['must be 18 characters: 17 digits and a digit or X'];
  const problems: string[] = [];
  if (!PROVINCES.has(id.slice(0, 2))) problems.push('has an area code (digits 1–6) of no province');
  const birth = birthDateProblem(id.slice(6, 14), today);
  if (birth) problems.push(birth);
  if (idCheckDigit(id.slice(0, 17)) !== id[17]) problems.push('has a wrong check digit (GB 11643 MOD 11-2)');
  return problems;
}

/** What an ID number says about its holder: birth date (YYYY-MM-DD) and sex. Valid IDs only. */
export function describeIdNumber(raw: string): { birthDate: string; sex: 'M' | 'F' } {
  const id = normaliseIdNumber(raw);
  return {
    birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
    sex: Number(id[16]) % 2 === 1 ? 'M' : 'F',
  };
}

/** Mainland mobile numbers: 11 digits starting 13–19. */
export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;

/** A phone as stored and indexed: digits only (spaces, dashes and a +86 prefix dropped). */
export function normalisePhone(raw: string): string {
  const digits = raw.replace(/[\s-]/g, '');
  return digits.startsWith('+86') ? digits.slice(3) : digits;
}
