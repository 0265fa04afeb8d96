/** Category taxonomy (GB/T 30428.2 spirit + 综治 work) and the departments that handle it. */

/** Department kinds present in every county and in the city, with their names. */
export const DEPARTMENT_KINDS: readonly { kind: string; name: string; nameEn: string }[] = [
  { kind: 'CHENGGUAN', name: '综合行政执法局', nameEn: 'Urban Management & Law Enforcement' },
  { kind: 'GONGAN', name: '公安局', nameEn: 'Public Security' },
  { kind: 'SHICHANG', name: '市场监督管理局', nameEn: 'Market Regulation' },
  { kind: 'ZHUJIAN', name: '住房和城乡建设局', nameEn: 'Housing & Construction' },
  { kind: 'HUANBAO', name: '生态环境局', nameEn: 'Ecology & Environment' },
  { kind: 'SHUIWU', name: '水务局', nameEn: 'Water Affairs' },
  { kind: 'YINGJI', name: '应急管理局', nameEn: 'Emergency Management' },
  { kind: 'MINZHENG', name: '民政局', nameEn: 'Civil Affairs' },
  { kind: 'SIFA', name: '司法局', nameEn: 'Justice' },
  { kind: 'JIAOTONG', name: '交通运输局', nameEn: 'Transport' },
];

/** Offices every township has (乡镇/街道 are dispatch targets of their own centre). */
export const TOWNSHIP_OFFICES: readonly { kind: string; name: string }[] = [
  { kind: 'ZHIFA', name: '综合行政执法中队' },
  { kind: 'SHIWU', name: '社会事务办公室' },
];

type CategorySeed = [code: string, name: string, nameEn: string, departmentKind: string, limits?: object];

/** Major classes (2 digits) then sub-classes (4 digits). Urgent classes get shorter limits. */
export const CATEGORIES: readonly CategorySeed[] = [
  ['01', '市容环境', 'City appearance', 'CHENGGUAN'],
  ['0101', '暴露垃圾', 'Exposed rubbish', 'CHENGGUAN'],
  ['0102', '积存垃圾渣土', 'Accumulated waste and muck', 'CHENGGUAN'],
  ['0103', '道路不洁', 'Dirty roads', 'CHENGGUAN'],
  ['0104', '乱张贴小广告', 'Illegal posters', 'CHENGGUAN'],
  ['0105', '违规户外广告', 'Illegal outdoor advertising', 'CHENGGUAN'],
  ['02', '街面秩序', 'Street order', 'CHENGGUAN'],
  ['0201', '占道经营', 'Street vending on the road', 'CHENGGUAN'],
  ['0202', '店外经营', 'Business outside the shop', 'CHENGGUAN'],
  ['0203', '乱堆物料', 'Materials piled up', 'CHENGGUAN'],
  ['0204', '违规停车', 'Illegal parking', 'GONGAN'],
  ['03', '施工管理', 'Construction', 'ZHUJIAN'],
  ['0301', '施工扰民', 'Construction disturbance', 'ZHUJIAN'],
  ['0302', '工地扬尘', 'Construction dust', 'HUANBAO'],
  ['0303', '违法建设', 'Illegal construction', 'CHENGGUAN'],
  [
    '04',
    '突发事件',
    'Emergencies',
    'YINGJI',
    {
      REGISTER: { amount: 10, unit: 'MINUTES' },
      DISPATCH: { amount: 10, unit: 'MINUTES' },
      HANDLE: { amount: 1, unit: 'WORKING_DAYS' },
    },
  ],
  ['0401', '道路塌陷', 'Road collapse', 'ZHUJIAN'],
  ['0402', '供水管道破裂', 'Burst water main', 'SHUIWU'],
  ['0403', '燃气泄漏', 'Gas leak', 'YINGJI'],
  ['0404', '火灾隐患', 'Fire hazard', 'YINGJI'],
  ['05', '矛盾纠纷', 'Disputes', 'SIFA', { HANDLE: { amount: 10, unit: 'WORKING_DAYS' } }],
  ['0501', '邻里纠纷', 'Neighbour dispute', 'SIFA'],
  ['0502', '婚姻家庭纠纷', 'Family dispute', 'SIFA'],
  ['0503', '劳资纠纷', 'Wage dispute', 'SIFA'],
  ['0504', '物业纠纷', 'Property management dispute', 'ZHUJIAN'],
  ['06', '治安隐患', 'Public security hazards', 'GONGAN'],
  ['0601', '可疑人员', 'Suspicious persons', 'GONGAN'],
  ['0602', '治安乱点', 'Disorder hot spot', 'GONGAN'],
  ['0603', '电信诈骗线索', 'Telecom fraud lead', 'GONGAN'],
  ['07', '安全生产', 'Work safety', 'YINGJI'],
  ['0701', '非法储存危化品', 'Illegal hazardous chemicals', 'YINGJI'],
  ['0702', '消防通道堵塞', 'Blocked fire lane', 'YINGJI'],
  ['0703', '三合一场所', 'Shop, store and dwelling in one', 'YINGJI'],
  ['08', '民生服务', 'Public services', 'MINZHENG'],
  ['0801', '困难群众救助', 'Help for people in need', 'MINZHENG'],
  ['0802', '路灯损坏', 'Broken street light', 'ZHUJIAN'],
  ['0803', '井盖缺失', 'Missing manhole cover', 'SHUIWU'],
  ['0804', '供暖问题', 'Heating problem', 'ZHUJIAN'],
  ['09', '生态环境', 'Environment', 'HUANBAO'],
  ['0901', '秸秆焚烧', 'Straw burning', 'HUANBAO'],
  ['0902', '污水直排', 'Sewage discharge', 'HUANBAO'],
  ['0903', '噪声污染', 'Noise', 'HUANBAO'],
  ['10', '市场监管', 'Market regulation', 'SHICHANG'],
  ['1001', '食品安全', 'Food safety', 'SHICHANG'],
  ['1002', '无证经营', 'Unlicensed business', 'SHICHANG'],
];
