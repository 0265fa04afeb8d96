import { useTable } from '../../i18n/i18n';

const zh = {
  title: '群众上报待登记',
  intro: '群众通过公众页面反映的问题，经本村（社区）登记后成为案件。',
  PENDING: '待登记',
  REGISTERED: '已登记',
  REJECTED: '不予受理',
  empty: '暂无记录',
  contact: '联系人',
  noContact: '未留联系方式',
  cell: '网格',
  code: '查询码',
  register: '登记立案',
  reject: '不予受理',
  rejectReason: '不予受理原因',
  confirmReject: '确认不予受理',
  registered: '已登记为案件 {code}',
  rejected: '已标记为不予受理',
  openCase: '查看案件',
  more: '加载更多',
  photo: '现场照片',
  DUPLICATE: '重复反映',
  NOT_OUR_REMIT: '不属于受理范围',
  INSUFFICIENT_INFO: '信息不足',
  NOT_FOUND_ON_SITE: '现场未发现',
  INAPPROPRIATE: '内容不当',
};
type Key = keyof typeof zh;

const en: Record<Key, string> = {
  title: 'Citizen reports to register',
  intro: 'Problems citizens sent from the public page; they become cases once this village registers them.',
  PENDING: 'To register',
  REGISTERED: 'Registered',
  REJECTED: 'Not accepted',
  empty: 'Nothing here',
  contact: 'Contact',
  noContact: 'No contact given',
  cell: 'Cell',
  code: 'Tracking code',
  register: 'Register as a case',
  reject: 'Do not accept',
  rejectReason: 'Reason',
  confirmReject: 'Confirm: not accepted',
  registered: 'Registered as case {code}',
  rejected: 'Marked as not accepted',
  openCase: 'Open the case',
  more: 'Load more',
  photo: 'Photo',
  DUPLICATE: 'Duplicate',
  NOT_OUR_REMIT: 'Not our remit',
  INSUFFICIENT_INFO: 'Too little information',
  NOT_FOUND_ON_SITE: 'Not found on site',
  INAPPROPRIATE: 'Inappropriate',
};

/** The desk's 群众上报待登记 strings. */
export const useDeskText = () => {
  const { text, ...rest } = useTable(zh, en);
  return { dt: text, ...rest };
};
