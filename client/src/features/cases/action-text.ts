import { useTable } from '../../i18n/i18n';

/** Strings of the case page and its action forms: Simplified Chinese first, English available. */
const ZH = {
  confirmQuestion: '确认{action}？',
  confirmButton: '确认{action}',
  irreversible: '此操作会记入案件过程，不能撤销。',
  done: '已{action}。案件现为「{state}」。',
  stale: '案件已刷新，请确认当前状态后再操作。',
  lead: '主办部门',
  coHandlers: '协办部门',
  whistleDepartments: '吹哨部门',
  suggested: '推荐',
  suggestWhy: '「{category}」由{kind}办理；{where}。',
  whereOwn: '该部门属于本级（{unit}）',
  whereOffice: '本级没有同类部门，由本级的{office}承办',
  whereAbove: '本级没有同类部门，该部门在上级',
  ownDepartments: '本级部门（{unit}）',
  otherLevels: '其他层级的部门',
  outsideWarning:
    '所选主办部门不属于本级（{unit}）。派往其他层级的案件，对方可能不会及时处理；确需派往，请再次点击“仍然派遣”。',
  dispatchAnyway: '仍然派遣',
  reasonCode: '退回原因',
  workingDays: '延期工作日',
  reason: '理由',
  note: '说明',
  photos: '照片',
  noSuggestion: '该类别没有对应的部门，请人工选择。',
};
type Key = keyof typeof ZH;
const EN: Record<Key, string> = {
  confirmQuestion: '{action}?',
  confirmButton: 'Yes: {action}',
  irreversible: 'This is recorded in the case history and cannot be undone.',
  done: 'Done: {action}. The case is now "{state}".',
  stale: 'The case has been reloaded: check its current state before acting.',
  lead: 'Lead department',
  coHandlers: 'Co-handlers',
  whistleDepartments: 'Departments to call',
  suggested: 'Suggested',
  suggestWhy: '"{category}" is handled by {kind}; {where}.',
  whereOwn: 'this department belongs to this level ({unit})',
  whereOffice: 'this level has no such department, so its {office} takes it',
  whereAbove: 'this level has no such department; this one is at a higher level',
  ownDepartments: 'Departments of this level ({unit})',
  otherLevels: 'Departments of other levels',
  outsideWarning:
    'The lead department is not one of this level’s ({unit}). Cases sent to another level may sit unattended; if this is right, press “Dispatch anyway”.',
  dispatchAnyway: 'Dispatch anyway',
  reasonCode: 'Reason code',
  workingDays: 'Working days',
  reason: 'Reason',
  note: 'Note',
  photos: 'Photos',
  noSuggestion: 'No department matches this category: choose one.',
};

export function useActionText() {
  const { text, ...i18n } = useTable<Key>(ZH, EN);
  return { ...i18n, at: text };
}
