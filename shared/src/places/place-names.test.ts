import { describe, expect, it } from 'vitest';
import { matchGrade, placeKeys, rankPlaces, stripPlaceSuffix } from './place-names';

describe('place names', () => {
  it('strips one administrative suffix, never down to one character', () => {
    expect(stripPlaceSuffix('古楼街道')).toBe('古楼');
    expect(stripPlaceSuffix('古城社区居委会')).toBe('古城');
    expect(stripPlaceSuffix('东昌府区')).toBe('东昌府');
    expect(stripPlaceSuffix('莘县')).toBe('莘县');
    expect(stripPlaceSuffix(' 光岳楼 ')).toBe('光岳楼');
  });

  it('keys hold the names and aliases with and without the suffix, normalised', () => {
    expect(placeKeys('茌平区', ['茌平县'])).toEqual(['茌平区', '茌平', '茌平县']);
    expect(placeKeys('ＡＢＣ小区')).toEqual(['abc小区']);
  });

  it('grades exact, prefix and contains, also without suffixes', () => {
    expect(matchGrade('古楼', ['古楼街道'])).toBe(0);
    expect(matchGrade('古城社区', ['古城社区居委会'])).toBe(0);
    expect(matchGrade('古', ['古楼街道'])).toBe(1);
    expect(matchGrade('楼街', ['古楼街道'])).toBe(2);
    expect(matchGrade('古城社区', ['古城镇'])).toBe(2);
    expect(matchGrade('古城', ['古城镇'])).toBe(0);
    expect(matchGrade('湖南', ['古楼街道'])).toBeUndefined();
  });

  it('ranks exact > prefix > contains, then the more specific kind, then the shorter name', () => {
    const c = (kind: 'CELL' | 'VILLAGE' | 'TOWNSHIP' | 'LANDMARK', name: string) => ({
      kind,
      name,
      names: [name],
    });
    const ranked = rankPlaces('柳园', [
      c('VILLAGE', '新柳园社区'),
      c('TOWNSHIP', '柳园街道'),
      c('CELL', '柳园街道第一网格'),
      c('LANDMARK', '柳园'),
      c('VILLAGE', '柳园南社区'),
      c('VILLAGE', '东关社区'),
    ]);
    expect(ranked.map((r) => r.name)).toEqual([
      '柳园',
      '柳园街道',
      '柳园街道第一网格',
      '柳园南社区',
      '新柳园社区',
    ]);
  });
});
