import { passwordProblems } from '@wangge/shared/schemas/auth-password';
import { dictionary } from '@zxcvbn-ts/language-common';
import { AppError } from '../../http/app-error';

/**
 * The common/breached password list: zxcvbn-ts's `passwords-common` (~49k of the most frequent
 * passwords from public breach corpora), shipped in the npm package, so it works offline.
 */
let common: Set<string> | undefined;
const isCommon = (lowercased: string) => {
  common ??= new Set(dictionary['passwords-common']);
  return common.has(lowercased);
};

/** The policy problems of a new password (empty when it is acceptable). */
export function newPasswordProblems(password: string, username: string | null) {
  return passwordProblems(password, { username, isCommon });
}

/** Policy problems as validation details at `path`. */
export function passwordDetails(password: string, username: string | null, path: string) {
  return newPasswordProblems(password, username).map((p) => ({ path, message: p.message }));
}

/** Throws VALIDATION_FAILED listing every problem of the new password. */
export function assertPasswordPolicy(password: string, username: string | null, path = 'password'): void {
  const details = passwordDetails(password, username, path);
  if (details.length > 0)
    throw new AppError('VALIDATION_FAILED', 'The new password does not meet the policy.', details);
}
