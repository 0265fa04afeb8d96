/** Strings of 开放接口 (Open311 api_keys), Chinese first. */
export const OPEN311_ZH = {
  title: '开放接口',
  intro:
    '其他系统（如 {fixmystreet}、城市服务 App）通过 {standard} 接口向本平台上报问题、查询进度。接口地址 {url}，{jurisdictionField} 为 {jurisdiction}。每个接入方使用自己的密钥，可随时吊销。',
  issueTitle: '签发密钥',
  name: '接入方名称',
  issue: '签发',
  issuedOnce: '“{name}”的密钥如下，只显示这一次，请立即复制并安全转交接入方：',
  keysTitle: '已签发的密钥',
  prefix: '密钥开头',
  createdAt: '签发时间',
  lastUsedAt: '最近使用',
  status: '状态',
  active: '有效',
  revoked: '已吊销 {at}',
  never: '从未使用',
  actions: '操作',
  revoke: '吊销',
  confirmRevoke: '吊销“{name}”的密钥？该接入方将无法再上报。',
  none: '尚未签发密钥',
};

export const OPEN311_EN: Record<keyof typeof OPEN311_ZH, string> = {
  title: 'Open interface (Open311)',
  intro:
    'Other systems ({fixmystreet}, a city app) report problems to this platform and follow them through the {standard} interface at {url}, {jurisdictionField} {jurisdiction}. Each client has its own key, which can be revoked at any time.',
  issueTitle: 'Issue a key',
  name: 'Client name',
  issue: 'Issue',
  issuedOnce: 'The key for “{name}” is shown this once: copy it now and pass it to the client safely:',
  keysTitle: 'Keys issued',
  prefix: 'Key begins',
  createdAt: 'Issued',
  lastUsedAt: 'Last used',
  status: 'Status',
  active: 'Active',
  revoked: 'Revoked {at}',
  never: 'Never',
  actions: 'Actions',
  revoke: 'Revoke',
  confirmRevoke: 'Revoke the key of “{name}”? That client can no longer report.',
  none: 'No keys issued yet',
};
