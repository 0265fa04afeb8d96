import type { Locale } from './messages';

export type Pair = readonly [zh: string, en: string];

export const INTERNAL_ERROR: Pair = [
  '服务器出错，请稍后重试；如仍失败请联系管理员。',
  'Server error: try again later, or tell an administrator.',
];

/**
 * What each API error code means for the person in front of the screen, and what to do. The
 * server's own message stays in the log (the notice's title and the console), never in the text.
 */
export const ERROR_TEXT: Record<string, Pair> = {
  OFFLINE: ['网络不可用，请联网后重试。', 'No connection: try again when you are back online.'],
  VALIDATION_FAILED: ['填写有误，请按下列提示修改：', 'Some entries need correcting:'],
  IDEMPOTENCY_KEY_REQUIRED: [
    '请求缺少记录编号，请刷新页面后重试。',
    'The request lacked its record number: reload and try again.',
  ],
  UNAUTHENTICATED: ['登录已失效，请重新登录。', 'Your session has ended: sign in again.'],
  INVALID_CREDENTIALS: ['用户名或密码错误。', 'Wrong username or password.'],
  FORBIDDEN: [
    '您的岗位无权执行此操作。如需办理，请联系上级或管理员。',
    'Your role may not do this. Ask your supervisor or an administrator.',
  ],
  NOT_FOUND: ['未找到，或不在您的管辖范围内。', 'Not found, or outside your jurisdiction.'],
  VERSION_CONFLICT: [
    '案件刚被他人更新，已为您刷新，请确认后再操作。',
    'Someone else just updated the case; it has been reloaded, check it and try again.',
  ],
  INVALID_STATE: [
    '这一步已不能办理：案件状态已变化，已为您刷新。',
    'This step no longer applies: the case has moved on and has been reloaded.',
  ],
  PERSON_EXISTS: [
    '登记簿中已有该身份证号的人员，请查找并更新原记录。',
    'The register already holds a person with this ID number; find and update that record.',
  ],
  THING_CODE_TAKEN: [
    '全市已有部件使用该编码，请核对部件编码。',
    'Another component of the city has this code; check the component code.',
  ],
  RECORD_CHANGED: [
    '该登记记录刚被他人修改，请刷新后再改。',
    'Someone else just changed this register record; reload it and try again.',
  ],
  RECORD_ARCHIVED: [
    '该登记记录已归档，不能再修改。',
    'This register record is archived and can no longer be changed.',
  ],
  IDEMPOTENCY_KEY_REUSED: [
    '该记录编号已用于另一条记录，请重新提交。',
    'This record number was used for another record; send it again.',
  ],
  RULE_VIOLATION: ['不符合业务规则，无法办理。', 'This breaks a business rule and cannot be done.'],
  LOCATION_OUTSIDE_GRID: [
    '该位置不在本市任何网格内，请重新选点。',
    'This point is outside every grid cell of the city: pick another.',
  ],
  LOCATION_UNRESOLVED: [
    '地址未能对应到唯一的已知地点，请补充坐标或更准确的地址。',
    'The address does not name exactly one known place: add a location or a more precise address.',
  ],
  LOCATION_OUTSIDE_JURISDICTION: [
    '该位置不在您的管辖网格内，请重新选点。',
    'This point is outside your cells: pick another.',
  ],
  PAYLOAD_TOO_LARGE: ['文件太大，请压缩后重试。', 'The file is too large: shrink it and try again.'],
  UNSUPPORTED_MEDIA_TYPE: [
    '不支持该文件类型，请上传图片。',
    'This file type is not accepted: upload a photo.',
  ],
  RATE_LIMITED: ['操作过于频繁，请稍候再试。', 'Too many attempts: wait a moment and try again.'],
  SUBMISSION_DECIDED: [
    '这条群众上报已被登记或不予受理，请刷新列表。',
    'This citizen report was already registered or rejected: refresh the list.',
  ],
  SIGNATURE_INVALID: [
    '签名无效或时间戳过期：请核对共享密钥和服务器时间。',
    'Invalid signature or stale timestamp: check the shared secret and the clock.',
  ],
  ORDER_CONFLICT: [
    '该工单号已以不同内容提交过，以首次提交为准。',
    'This order id was sent before with different content; the first one stands.',
  ],
  DELIVERY_NOT_FAILED: [
    '只有投递失败的记录可以重试；列表已刷新。',
    'Only failed deliveries can be retried; the list has been reloaded.',
  ],
  INTERNAL: INTERNAL_ERROR,
};

/** Display names of the request fields the API names in validation details. */
export const FIELD_TEXT: Record<string, Pair> = {
  '(root)': ['请求', 'Request'],
  '(body)': ['请求内容', 'Request body'],
  action: ['操作', 'Action'],
  active: ['启用', 'Active'],
  address: ['地址', 'Address'],
  attachmentIds: ['照片', 'Photos'],
  category: ['类别', 'Category'],
  categoryCode: ['事件类别', 'Category'],
  coDepartmentIds: ['协办部门', 'Co-handlers'],
  code: ['编码', 'Code'],
  currentPassword: ['当前密码', 'Current password'],
  days: ['工作日数', 'Working days'],
  departmentId: ['部门', 'Department'],
  departmentIds: ['部门', 'Departments'],
  description: ['事件描述', 'Description'],
  displayName: ['姓名', 'Name'],
  file: ['文件', 'File'],
  from: ['开始日期', 'From'],
  grid: ['网格', 'Grid cell'],
  idNumber: ['身份证号', 'ID number'],
  person: ['人员记录', 'Person record'],
  purpose: ['查看用途', 'Purpose'],
  residence: ['居住类型', 'Residence'],
  tags: ['管理类别', 'Classes'],
  user: ['用户', 'User'],
  gridCode: ['网格', 'Grid cell'],
  gridCodes: ['负责网格', 'Grid cells'],
  'headers.idempotency-key': ['记录编号', 'Record number'],
  kind: ['类型', 'Kind'],
  lat: ['纬度', 'Latitude'],
  leadDepartmentId: ['主办部门', 'Lead department'],
  limit: ['条数', 'Limit'],
  location: ['位置', 'Position'],
  lon: ['经度', 'Longitude'],
  month: ['月份', 'Month'],
  newPassword: ['新密码', 'New password'],
  note: ['说明', 'Note'],
  outcome: ['结果', 'Outcome'],
  password: ['密码', 'Password'],
  phone: ['电话', 'Phone'],
  priority: ['紧急程度', 'Priority'],
  q: ['搜索内容', 'Search text'],
  reason: ['理由', 'Reason'],
  reasonCode: ['退回原因', 'Reason code'],
  role: ['岗位', 'Role'],
  source: ['来源', 'Source'],
  state: ['状态', 'State'],
  title: ['标题', 'Title'],
  to: ['结束日期', 'To'],
  unit: ['单位', 'Unit'],
  unitCode: ['所属单位', 'Unit'],
  username: ['用户名', 'Username'],
  version: ['案件版本', 'Case version'],
};

/** Each failed rule (ErrorDetail.kind) as a phrase; `{n}` is its limit. */
export const OTHER_RULE: Pair = ['不正确，请检查', 'is not valid: check it'];

export const RULE_TEXT: Record<string, Pair> = {
  required: ['必填', 'is required'],
  'too_small.string': ['至少 {n} 个字', 'needs at least {n} characters'],
  'too_big.string': ['最多 {n} 个字', 'allows at most {n} characters'],
  'too_small.number': ['不能小于 {n}', 'must be at least {n}'],
  'too_big.number': ['不能大于 {n}', 'must be at most {n}'],
  'too_small.array': ['至少选择 {n} 项', 'needs at least {n} items'],
  'too_big.array': ['最多 {n} 项', 'allows at most {n} items'],
  'too_small.int': ['不能小于 {n}', 'must be at least {n}'],
  'too_big.int': ['不能大于 {n}', 'must be at most {n}'],
  'too_big.days': ['最多跨 {n} 天', 'spans at most {n} days'],
  invalid_type: ['类型不正确', 'has the wrong type'],
  invalid_format: ['格式不正确', 'is not in the right format'],
  invalid_value: ['不是可选的值', 'is not one of the allowed values'],
  invalid_union: ['内容不正确', 'is not valid'],
  unrecognized_keys: ['包含无法识别的内容', 'contains unknown entries'],
};

export const pick = (pair: Pair, locale: Locale) => pair[locale === 'en' ? 1 : 0];
