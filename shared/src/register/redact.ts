import { maskIdNumber, maskPhone } from './mask';

const ID_LIKE = /(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g;
const MOBILE_LIKE = /(?<![\dA-Za-z])1[3-9]\d{9}(?![\dA-Za-z])/g;

/**
 * A log line with anything shaped like an ID number or a mainland mobile number masked, so a
 * failed request's URL (`?q=…`), an error message or a stack never carries them in plain text.
 */
export function redactSensitive(line: string): string {
  return line.replace(ID_LIKE, (m) => maskIdNumber(m)).replace(MOBILE_LIKE, (m) => maskPhone(m));
}
