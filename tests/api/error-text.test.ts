import { ERROR_CODES } from '@wangge/shared/errors';
import { describe, expect, it } from 'vitest';
import { ERROR_TEXT } from '../../client/src/i18n/error-messages';
import { ApiError } from '../../client/src/lib/api-error';
import { describeError, fieldName, inLocale } from '../../client/src/lib/describe-error';

const LATIN_WORD = /[A-Za-z]{3,}/;
const CJK = /[\u4e00-\u9fff]/;

/** The client's wording of API errors (client/src/lib/describe-error.ts): pure, so tested here. */
describe('errors as people read them', () => {
  it('has a sentence in both languages for every code the API may answer with', () => {
    for (const code of [...Object.keys(ERROR_CODES), 'OFFLINE']) {
      const [zh, en] = ERROR_TEXT[code] ?? [];
      expect(zh, code).toMatch(CJK);
      expect(en, code).not.toMatch(CJK);
    }
  });

  it('never shows the server words or field ids in Chinese, and keeps them for the log', () => {
    const e = new ApiError(400, 'VALIDATION_FAILED', 'The request is invalid.', [
      {
        path: 'categoryCode',
        message: 'Invalid input: expected string, received undefined',
        kind: 'required',
      },
      {
        path: 'description',
        message: 'Too small: expected string to have >=2 characters',
        kind: 'too_small.string',
        limit: 2,
      },
      {
        path: 'location.lon',
        message: 'Too big: expected number to be <=180',
        kind: 'too_big.number',
        limit: 180,
      },
      { path: 'query.q', message: 'may not contain % or _', kind: 'invalid_format' },
      { path: 'username', message: '用户名已被使用 · this username is taken' },
      { path: 'leadDepartmentId', message: 'no such department' },
    ]);
    const zh = describeError(e, 'zh-CN');
    expect(zh.details.map((d) => `${d.field}：${d.text}`)).toEqual([
      '事件类别：必填',
      '事件描述：至少 2 个字',
      '经度：不能大于 180',
      '搜索内容：格式不正确',
      '用户名：用户名已被使用',
      '主办部门：不正确，请检查',
    ]);
    for (const line of [zh.headline, ...zh.details.flatMap((d) => [d.field, d.text])])
      expect(line).not.toMatch(LATIN_WORD);
    expect(zh.server).toContain('leadDepartmentId: no such department');
    const en = describeError(e, 'en');
    expect(en.details.map((d) => `${d.field}: ${d.text}`)).toEqual([
      'Category: is required',
      'Description: needs at least 2 characters',
      'Longitude: must be at most 180',
      'Search text: is not in the right format',
      'Username: this username is taken',
      'Lead department: no such department',
    ]);
    for (const line of [en.headline, ...en.details.flatMap((d) => [d.field, d.text])])
      expect(line).not.toMatch(CJK);
  });

  it('says "offline" as a sentence, and a stale action as what happened', () => {
    expect(describeError(new ApiError(0, 'OFFLINE', 'offline'), 'zh-CN').headline).toBe(
      '网络不可用，请联网后重试。',
    );
    expect(describeError(new TypeError('Failed to fetch'), 'en').code).toBe('OFFLINE');
    const stale = new ApiError(409, 'INVALID_STATE', 'REJECT is not possible in state REGISTERED');
    expect(describeError(stale, 'zh-CN').headline).not.toMatch(LATIN_WORD);
    expect(
      describeError(new ApiError(403, 'FORBIDDEN', 'STATION_OPERATOR may not ESCALATE this case'), 'zh-CN')
        .headline,
    ).toMatch(/无权/);
  });

  it('names nested and indexed fields, and keeps one-language messages to their language', () => {
    expect(fieldName('coDepartmentIds.0', 'zh-CN')).toBe('协办部门');
    expect(fieldName('query.month', 'en')).toBe('Month');
    expect(fieldName('something.unknown', 'zh-CN')).toBe('填写内容');
    expect(inLocale('请选择事件类别', 'zh-CN')).toBe('请选择事件类别');
    expect(inLocale('请选择事件类别', 'en')).toBeNull();
    expect(inLocale('Choose a category', 'zh-CN')).toBeNull();
  });
});
