import { useI18n } from '../../i18n/i18n';
import type { Locale } from '../../i18n/messages';

/** Strings of 用户管理, 登录审计 and the account page (修改密码, 退出所有设备). */
const ADMIN_MESSAGES = {
  'zh-CN': {
    usersTitle: '用户管理',
    auditTitle: '登录审计',
    accountTitle: '账号安全',
    filterRole: '角色',
    filterUnit: '单位代码',
    search: '搜索',
    any: '全部',
    username: '用户名',
    displayName: '姓名',
    role: '角色',
    unit: '单位',
    department: '部门编号',
    gridCodes: '网格编码（逗号分隔）',
    phone: '电话',
    status: '状态',
    active: '启用',
    disabled: '已停用',
    actions: '操作',
    disable: '停用',
    enable: '启用',
    resetPassword: '重置密码',
    newPassword: '新密码',
    currentPassword: '当前密码',
    create: '新建用户',
    created: '已创建',
    saved: '已保存',
    more: '加载更多',
    at: '时间',
    outcome: '结果',
    ip: '地址',
    userAgent: '客户端',
    changePassword: '修改密码',
    changed: '密码已修改，其他设备上的登录已退出',
    signOutEverywhere: '退出所有设备',
    signOutEverywhereHint: '结束此账号在所有设备上的登录（包括本设备）。',
    confirmDisable: '停用后该用户所有登录立即失效。确定停用？',
    policyHint: '至少 12 个字符，可用空格和中文；不能是常见密码，不能包含用户名。',
    revoked: '已结束的登录：',
  },
  en: {
    usersTitle: 'Users',
    auditTitle: 'Sign-in audit',
    accountTitle: 'Account security',
    filterRole: 'Role',
    filterUnit: 'Unit code',
    search: 'Search',
    any: 'All',
    username: 'Username',
    displayName: 'Name',
    role: 'Role',
    unit: 'Unit',
    department: 'Department id',
    gridCodes: 'Grid cells (comma-separated)',
    phone: 'Phone',
    status: 'Status',
    active: 'Active',
    disabled: 'Disabled',
    actions: 'Actions',
    disable: 'Disable',
    enable: 'Enable',
    resetPassword: 'Reset password',
    newPassword: 'New password',
    currentPassword: 'Current password',
    create: 'New user',
    created: 'Created',
    saved: 'Saved',
    more: 'Load more',
    at: 'Time',
    outcome: 'Outcome',
    ip: 'Address',
    userAgent: 'Client',
    changePassword: 'Change password',
    changed: 'Password changed; your other devices were signed out',
    signOutEverywhere: 'Sign out everywhere',
    signOutEverywhereHint: 'Ends every session of this account on every device (this one too).',
    confirmDisable: 'Disabling ends all of this user’s sessions at once. Disable?',
    policyHint:
      'At least 12 characters; spaces and any script allowed; not a common password, not containing the username.',
    revoked: 'Sessions ended: ',
  },
} as const satisfies Record<Locale, Record<string, string>>;

export type AdminKey = keyof (typeof ADMIN_MESSAGES)['zh-CN'];

/** Names of audit outcomes. */
const OUTCOMES: Record<string, [string, string]> = {
  SUCCESS: ['登录成功', 'Signed in'],
  BAD_CREDENTIALS: ['密码错误', 'Wrong credentials'],
  THROTTLED: ['已限流', 'Throttled'],
  DISABLED: ['账号已停用', 'Account disabled'],
  PASSWORD_CHANGED: ['修改密码', 'Password changed'],
  PASSWORD_RESET: ['重置密码', 'Password reset'],
  USER_CREATED: ['创建用户', 'User created'],
  USER_DISABLED: ['停用用户', 'User disabled'],
  USER_ENABLED: ['启用用户', 'User enabled'],
  SIGNED_OUT_EVERYWHERE: ['退出所有设备', 'Signed out everywhere'],
};
export const OUTCOME_KEYS = Object.keys(OUTCOMES);

/** `at(key)`: an admin/account string in the current language; `outcome(code)` names an audit outcome. */
export function useAdminText() {
  const { locale } = useI18n();
  return {
    locale,
    at: (key: AdminKey) => ADMIN_MESSAGES[locale][key],
    outcome: (code: string) => OUTCOMES[code]?.[locale === 'en' ? 1 : 0] ?? code,
  };
}
