import { describe, expect, it } from 'vitest';
import { canPlaceUnder, holdsMembers } from './units.ts';

describe('unit placement (domain reference §1)', () => {
  it('puts communes under a district, or under the province after the 2025 reform', () => {
    expect(canPlaceUnder('grassroots_committee', 'district_committee')).toBe(true);
    expect(canPlaceUnder('grassroots_committee', 'province_committee')).toBe(true);
    expect(canPlaceUnder('grassroots_committee', 'grassroots_committee')).toBe(false);
  });
  it('puts cells under grassroots or partial committees only', () => {
    expect(canPlaceUnder('cell', 'grassroots_committee')).toBe(true);
    expect(canPlaceUnder('cell', 'partial_committee')).toBe(true);
    expect(canPlaceUnder('cell', 'district_committee')).toBe(false);
  });
  it('allows only central and provinces as roots', () => {
    expect(canPlaceUnder('central', null)).toBe(true);
    expect(canPlaceUnder('cell', null)).toBe(false);
  });
  it('keeps members in cells and grassroots cells', () => {
    expect(holdsMembers('cell')).toBe(true);
    expect(holdsMembers('grassroots_cell')).toBe(true);
    expect(holdsMembers('grassroots_committee')).toBe(false);
  });
});
