import { describe, expect, it } from 'vitest';
import { suggestWeak, weakKindOf } from './weak-units.ts';

describe('weak units', () => {
  it('counts by the seed\'s kinds', () => {
    expect(weakKindOf('grassroots_committee', 'district_committee')).toBe('grassroots');
    expect(weakKindOf('grassroots_cell', 'district_committee')).toBe('grassroots');
    expect(weakKindOf('cell', 'grassroots_committee')).toBe('cell_of_grassroots_committee');
    expect(weakKindOf('cell', 'partial_committee')).toBe('cell_other');
    expect(weakKindOf('district_committee', 'province_committee')).toBeNull();
  });
  it('suggests units rated failing, fallen two levels, or with many members absent', () => {
    expect(suggestWeak({ unitId: 1, level: 'failed', previousLevel: 'completed', members: 10, membersOftenAbsent: 0 })?.category).toBe('rated_failed');
    expect(suggestWeak({ unitId: 1, level: 'completed', previousLevel: 'excellent', members: 10, membersOftenAbsent: 0 })?.category).toBe('declining');
    expect(suggestWeak({ unitId: 1, level: 'good', previousLevel: 'excellent', members: 10, membersOftenAbsent: 0 })).toBeNull();
    expect(suggestWeak({ unitId: 1, level: 'good', previousLevel: 'good', members: 10, membersOftenAbsent: 2 })?.category).toBe('slow_change');
    expect(suggestWeak({ unitId: 1, level: 'good', previousLevel: 'good', members: 10, membersOftenAbsent: 1 })).toBeNull();
  });
});
