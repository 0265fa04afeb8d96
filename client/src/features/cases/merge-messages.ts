import { useTable } from '../../i18n/i18n';

/** Strings of the case detail's 并案 panel: Simplified Chinese first, English available. */
const ZH = {
  mergedInto: '本案件已作为重复件并入主案件',
  mergedIntoHint: '后续进展请在主案件中查看。',
  duplicates: '已并入本案的重复件（{n}）',
  followers: '另有 {n} 位上报人关注本案进展',
  suggestions: '疑似重复的案件',
  suggestionsHint:
    '附近同类未办结案件。确认是同一事件时，将本案合并到该案件：本案结束为“已并案”，上报人、照片和外部编号随之转入。',
  noSuggestions: '附近没有同类未办结案件。',
  mergeInto: '合并到此案件',
  confirmMerge: '确认将本案（{code}）合并到 {master}？',
  confirm: '确认合并',
  cancel: '取消',
  merged: '已合并到 {code}',
  metresAway: '相距约 {m} 米',
  photos: '{n} 张照片',
} as const;
type Key = keyof typeof ZH;

const EN: Record<Key, string> = {
  mergedInto: 'This case was merged as a duplicate into the master case',
  mergedIntoHint: 'Follow its progress there.',
  duplicates: 'Duplicates merged into this case ({n})',
  followers: '{n} more reporter(s) follow this case',
  suggestions: 'Possible duplicates',
  suggestionsHint:
    'Open cases of the same category nearby. If it is the same incident, merge this case into it: this one ends as Merged, its reporters, photos and outside ids move over.',
  noSuggestions: 'No open case of this category nearby.',
  mergeInto: 'Merge into this case',
  confirmMerge: 'Merge this case ({code}) into {master}?',
  confirm: 'Merge',
  cancel: 'Cancel',
  merged: 'Merged into {code}',
  metresAway: 'about {m} m away',
  photos: '{n} photo(s)',
};

export function useMergeText() {
  const { text, ...i18n } = useTable<Key>(ZH, EN);
  return { ...i18n, mt: text };
}
