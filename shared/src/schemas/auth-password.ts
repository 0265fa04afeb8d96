/**
 * The password policy (OWASP ASVS 2.1): 12–128 characters counted as Unicode code points,
 * no composition rules, not a known common/breached password, not containing the username.
 * Pure: the list of common passwords is the server's (api/src/services/auth/password-policy.ts)
 * and comes in as `isCommon`; the client checks the rest as the user types.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

export type PasswordProblemCode = 'TOO_SHORT' | 'TOO_LONG' | 'COMMON' | 'CONTAINS_USERNAME';

export interface PasswordProblem {
  code: PasswordProblemCode;
  /** Chinese first, then English, for API details. */
  message: string;
}

/** Length in Unicode code points (an emoji or a CJK character counts once). */
export const passwordLength = (password: string) => [...password].length;

/** Every way `password` breaks the policy (empty when it meets it). */
export function passwordProblems(
  password: string,
  options: { username?: string | null; isCommon?: (lowercased: string) => boolean } = {},
): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const length = passwordLength(password);
  if (length < PASSWORD_MIN_LENGTH) {
    problems.push({
      code: 'TOO_SHORT',
      message: `密码至少需要 ${PASSWORD_MIN_LENGTH} 个字符（现有 ${length} 个）· at least ${PASSWORD_MIN_LENGTH} characters (has ${length})`,
    });
  }
  if (length > PASSWORD_MAX_LENGTH) {
    problems.push({
      code: 'TOO_LONG',
      message: `密码最多 ${PASSWORD_MAX_LENGTH} 个字符（现有 ${length} 个）· at most ${PASSWORD_MAX_LENGTH} characters (has ${length})`,
    });
  }
  const lowered = password.toLowerCase();
  const username = options.username?.trim().toLowerCase() ?? '';
  if (username.length >= 3 && lowered.includes(username)) {
    problems.push({
      code: 'CONTAINS_USERNAME',
      message: '密码不能包含用户名 · must not contain the username',
    });
  }
  if (length <= PASSWORD_MAX_LENGTH && options.isCommon?.(lowered)) {
    problems.push({
      code: 'COMMON',
      message: '这是常见或已泄露的密码，请换一个 · a common or breached password; choose another',
    });
  }
  return problems;
}
