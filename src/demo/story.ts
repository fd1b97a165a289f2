// The seed's story, as far as member histories go: between 01/01/2016 and 05/05/2017 the Châu Thành
// district committee (Huyện ủy Châu Thành, code 831) settled exactly 53 cases of members who abandoned
// party activities (removal, reason abandoned_activities) or asked to leave (leave_on_request), spread
// over its communes. The cases are planned here from the tree alone, so that every pass of the member
// generator gives them to the same members; the generator keeps every other removal for abandoned
// activities (or for a transfer file never submitted, "tự ý bỏ sinh hoạt đảng") and every leaving that
// Huyện ủy Châu Thành would decide out of the window, so that the count is exact.
import { dayOf } from './calendar.ts';
import { Rng, hash32, hashString } from './random.ts';
import type { DemoTree, Holder } from './tree.ts';

export const STORY = {
  provinceCode: '83',
  districtCode: '831',
  /** First and last day of the window, inclusive (the last is moved before "today" if need be). */
  from: '2016-01-01',
  to: '2017-05-05',
  cases: 53,
  /** Share of the cases that are removals for abandoned activities; the others are leavings on request. */
  removalShare: 0.72,
} as const;

export interface StoryCase {
  status: 'removed' | 'left';
  /** The decision's day (and its effective day). */
  day: number;
}

export class DemoStory {
  /** The window, as day numbers, inclusive. */
  readonly from: number;
  readonly to: number;
  private readonly byUnit = new Map<number, Map<number, StoryCase>>();
  /** Cases planned: STORY.cases when the tree holds Châu Thành, else 0. */
  readonly size: number;
  /** Cases per commune code. */
  readonly perCommune = new Map<string, number>();

  constructor(tree: DemoTree, seed: number, today: number) {
    this.from = dayOf(STORY.from);
    this.to = Math.min(dayOf(STORY.to), today - 1);
    const rng = new Rng(hash32(seed, hashString(`story:${STORY.provinceCode}:${STORY.districtCode}`)));
    // Hamlet and street-block cells of the district's communes, by commune (in tree order).
    const byCommune = new Map<string, Holder[]>();
    for (const h of tree.holders) {
      if (!this.guards(h) || !h.commune || h.profile !== 'residential' || h.size < 2) continue;
      let list = byCommune.get(h.commune.code);
      if (!list) byCommune.set(h.commune.code, (list = []));
      list.push(h);
    }
    const communes = [...byCommune.keys()];
    if (!communes.length || this.to < this.from) {
      this.size = 0;
      return;
    }
    // One case in every commune, the rest by the communes' sizes.
    const members = communes.map((c) => byCommune.get(c)!.reduce((s, h) => s + h.size - 1, 0));
    const total = members.reduce((s, n) => s + n, 0);
    const counts = communes.map(() => 1);
    for (let k = communes.length; k < STORY.cases; k++) {
      let u = rng.float() * total;
      let i = 0;
      while (u >= members[i]! && i < communes.length - 1) u -= members[i++]!;
      counts[i]!++;
    }
    let planned = 0;
    communes.forEach((code, ci) => {
      const cells = byCommune.get(code)!;
      const capacity = cells.reduce((s, h) => s + h.size - 1, 0);
      const n = Math.min(counts[ci]!, capacity);
      for (let k = 0; k < n; k++) {
        // A member other than the first of the cell (the demo's pinned member may be there).
        for (;;) {
          let u = rng.int(0, capacity - 1);
          let h = cells[0]!;
          for (const c of cells) {
            if (u < c.size - 1) {
              h = c;
              break;
            }
            u -= c.size - 1;
          }
          const index = 1 + u;
          let cases = this.byUnit.get(h.unit.id);
          if (!cases) this.byUnit.set(h.unit.id, (cases = new Map()));
          if (cases.has(index)) continue;
          cases.set(index, { status: rng.chance(STORY.removalShare) ? 'removed' : 'left', day: rng.int(this.from, this.to) });
          break;
        }
      }
      this.perCommune.set(code, n);
      planned += n;
    });
    this.size = planned;
  }

  /** Whether Huyện ủy Châu Thành decides the removals and leavings of this cell's members. */
  guards(h: Holder): boolean {
    return h.district !== null && h.district.code === STORY.districtCode && h.province.code === STORY.provinceCode;
  }

  /** The story's case of the member at `index` in the cell, if any. */
  caseOf(h: Holder, index: number): StoryCase | undefined {
    return this.byUnit.get(h.unit.id)?.get(index);
  }

  inWindow(day: number): boolean {
    return day >= this.from && day <= this.to;
  }
}
