import { describe, expect, it } from 'vitest';
import { loadPlaces } from './places.ts';
import { COUNTRY_GRASSROOTS, COUNTRY_MEMBERS, buildTree, type DemoUnit } from './tree.ts';
import { memberTotal } from './members.ts';
import { canPlaceUnder, isGrassroots, type UnitKind } from '../domain/units.ts';
import { isoOf } from './calendar.ts';

const places = loadPlaces();
const tree = buildTree(places, { seed: 2017, scale: 'province' });
const byId = new Map(tree.units.map((u) => [u.id, u]));
const byCode = new Map(tree.units.map((u) => [u.code, u]));
const children = (u: DemoUnit) => tree.units.filter((c) => c.parentId === u.id);

describe('the province tree (Bến Tre, May 2017)', () => {
  it('has the central committee, the province, its 9 districts and the 164 communes of bentre_2017.csv', () => {
    expect(tree.units[0]).toMatchObject({ code: 'TW', name: 'Ban Chấp hành Trung ương', kind: 'central', parentId: null, path: '1', depth: 0 });
    const province = byCode.get('83')!;
    expect(province).toMatchObject({ name: 'Đảng bộ tỉnh Bến Tre', kind: 'province_committee', parentId: 1 });
    const districts = children(province).filter((u) => u.kind === 'district_committee');
    expect(districts.map((d) => d.code)).toEqual(['829', '831', '832', '833', '834', '835', '836', '837', '838']);
    expect(byCode.get('829')!.name).toBe('Đảng bộ thành phố Bến Tre');
    expect(byCode.get('831')!.name).toBe('Đảng bộ huyện Châu Thành');
    const communes = districts.flatMap((d) => children(d).filter((u) => /^\d{5}$/.test(u.code)));
    expect(communes).toHaveLength(164);
    expect(communes.every((c) => c.kind === 'grassroots_committee')).toBe(true);
    expect(children(byCode.get('831')!).filter((u) => /^\d{5}$/.test(u.code))).toHaveLength(22);
    expect(byCode.get('28861')!.name).toBe('Đảng bộ xã Tiên Thủy');
    expect(byCode.get('28759')!.name).toBe('Đảng bộ phường 8');
    expect(byCode.get('28801')!.name).toBe('Đảng bộ thị trấn Châu Thành');
  });

  it('gives every commune 4 to 15 cells coded <commune>.<nn>, with hamlet, school, police and military cells', () => {
    const communes = tree.units.filter((u) => /^\d{5}$/.test(u.code));
    for (const c of communes) {
      const cells = children(c);
      expect(cells.length).toBeGreaterThanOrEqual(4);
      expect(cells.length).toBeLessThanOrEqual(15);
      cells.forEach((cell, i) => {
        expect(cell.kind).toBe('cell');
        expect(cell.code).toBe(`${c.code}.${String(i + 1).padStart(2, '0')}`);
      });
    }
    const names = tree.units.filter((u) => u.kind === 'cell').map((u) => u.name);
    expect(names).toContain('Chi bộ ấp 1');
    expect(names.some((n) => /^Chi bộ ấp [^\d]/.test(n))).toBe(true);
    expect(names.some((n) => n.startsWith('Chi bộ Trường Tiểu học '))).toBe(true);
    expect(names).toContain('Chi bộ Công an xã');
    expect(names).toContain('Chi bộ Quân sự xã');
  });

  it('has agency organizations under the province and districts, and enterprises of the Giao Long and An Hiệp parks under Châu Thành', () => {
    const underProvince = children(byCode.get('83')!).filter((u) => isGrassroots(u.kind as UnitKind));
    expect(underProvince.map((u) => u.name)).toContain('Đảng bộ Sở Giáo dục và Đào tạo');
    const chauThanh = children(byCode.get('831')!).map((u) => u.name);
    expect(chauThanh).toContain('Chi bộ Văn phòng Huyện ủy');
    expect(chauThanh.filter((n) => n.endsWith('(KCN Giao Long)')).length).toBeGreaterThanOrEqual(3);
    expect(chauThanh.filter((n) => n.endsWith('(KCN An Hiệp)')).length).toBeGreaterThanOrEqual(2);
    expect(chauThanh.some((n) => /^Chi bộ Công ty (TNHH|Cổ phần) .+ \(KCN Giao Long\)$/.test(n))).toBe(true);
  });

  it('is a consistent tree: unique codes, paths of ids, depths, allowed parent kinds, children founded after parents', () => {
    // A committee and its first cell are founded the same day; every other unit after its parent.
    expect(new Set(tree.units.map((u) => u.code)).size).toBe(tree.units.length);
    for (const u of tree.units) {
      if (u.parentId === null) continue;
      const parent = byId.get(u.parentId)!;
      expect(u.path).toBe(`${parent.path}.${u.id}`);
      expect(u.depth).toBe(u.path.split('.').length - 1);
      expect(canPlaceUnder(u.kind, parent.kind), `${u.code} under ${parent.code}`).toBe(true);
      expect(u.established).toBeGreaterThanOrEqual(parent.established);
      expect(isoOf(u.established) < '2017-05-01').toBe(true);
    }
  });

  it('holds members in cells and grassroots cells only, 5 to 50 each, about 45,000 in all', () => {
    for (const h of tree.holders) {
      expect(['cell', 'grassroots_cell']).toContain(h.unit.kind);
      expect(h.size).toBeGreaterThanOrEqual(5);
      expect(h.size).toBeLessThanOrEqual(50);
    }
    const total = memberTotal(tree);
    expect(total).toBeGreaterThan(40_000);
    expect(total).toBeLessThan(50_000);
  });

  it('is the same for the same seed and differs for another', () => {
    const again = buildTree(places, { seed: 2017, scale: 'province' });
    expect(again.units).toEqual(tree.units);
    expect(again.holders.map((h) => h.size)).toEqual(tree.holders.map((h) => h.size));
    const other = buildTree(places, { seed: 1, scale: 'province' });
    expect(other.units.map((u) => u.name)).not.toEqual(tree.units.map((u) => u.name));
  });
});

describe('the country tree', { timeout: 30_000 }, () => {
  const country = buildTree(places, { seed: 2017, scale: 'country' });

  it('has the 63 provinces with Bến Tre of 2017, ~52,000 grassroots organizations and ~5.6 million members', () => {
    const provinces = country.units.filter((u) => u.kind === 'province_committee');
    expect(provinces).toHaveLength(63);
    expect(country.units.filter((u) => u.kind === 'district_committee')).toHaveLength(696);
    expect(country.units.filter((u) => /^\d{5}$/.test(u.code))).toHaveLength(10_035 - 148 + 164);
    const grassroots = country.units.filter((u) => isGrassroots(u.kind)).length;
    expect(Math.abs(grassroots - COUNTRY_GRASSROOTS) / COUNTRY_GRASSROOTS).toBeLessThan(0.02);
    const members = memberTotal(country);
    expect(Math.abs(members - COUNTRY_MEMBERS) / COUNTRY_MEMBERS).toBeLessThan(0.03);
    const cells = country.holders.length;
    expect(cells).toBeGreaterThan(200_000);
    expect(cells).toBeLessThan(400_000);
  });

  it('makes Hà Nội and Ho Chi Minh City the largest provinces', () => {
    const sizes = country.provinces
      .map((p) => ({ code: p.province.code, members: p.holders.reduce((s, h) => s + h.size, 0) }))
      .sort((a, b) => b.members - a.members);
    expect(sizes.slice(0, 2).map((s) => s.code).sort()).toEqual(['01', '79']);
  });

  it('builds only the provinces asked for, each as large as in the whole country (bench/restructure.ts)', () => {
    const part = buildTree(places, { seed: 2017, scale: 'country', provinces: ['30', '31'] });
    const size = (t: typeof part, code: string) => t.provinces.find((p) => p.province.code === code)!.holders.reduce((s, h) => s + h.size, 0);
    expect(part.provinces.map((p) => p.province.code)).toEqual(['30', '31']);
    expect(part.units.filter((u) => u.kind === 'province_committee')).toHaveLength(2);
    for (const code of ['30', '31']) {
      expect(size(part, code)).toBe(size(country, code));
      expect(size(part, code)).toBeGreaterThan(100_000);
    }
  });
});
