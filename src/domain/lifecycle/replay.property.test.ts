// Property: random valid event sequences, with extra events that are later voided, replay to contiguous
// periods whose last status is the fold of nextStatus over the events that were not voided.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../dates.ts';
import { EVENT_KINDS, REMOVAL_REASONS, type LifecycleEvent } from './events.ts';
import { replay } from './replay.ts';
import { allowedDisciplineForms, allowedEvents, allowedRemovalReasons, CANDIDATE_STATE, nextStatus, type MemberState } from './state-machine.ts';

type Step = { choice: number; detail: number; gap: number };

/** Builds the event for a choice among those the state allows (null when none is allowed). */
function validEvent(state: MemberState, s: Step, id: string, date: string): LifecycleEvent | null {
  const kinds = allowedEvents(state);
  if (!kinds.length) return null;
  const kind = kinds[s.choice % kinds.length]!;
  const unitId = 1 + (s.detail % 4);
  switch (kind) {
    case 'admission':
    case 'transfer_in':
    case 'reorganized':
      return { id, kind, date, unitId } as LifecycleEvent;
    case 'removal': {
      const reasons = allowedRemovalReasons(state);
      return { id, kind, date, reason: reasons[s.detail % reasons.length]! };
    }
    case 'discipline': {
      const forms = allowedDisciplineForms(state);
      return { id, kind, date, form: forms[s.detail % forms.length]! };
    }
    case 'transfer_out_temporary':
      return { id, kind, date, hostUnitId: 9 };
    default:
      return { id, kind, date } as LifecycleEvent;
  }
}

/** Any event at all, valid or not where it lands: it will be voided. */
function noiseEvent(n: number, id: string, date: string): LifecycleEvent {
  const kinds = EVENT_KINDS.filter((k) => k !== 'void');
  const kind = kinds[n % kinds.length]!;
  if (kind === 'admission' || kind === 'transfer_in' || kind === 'reorganized') return { id, kind, date, unitId: 1 + (n % 3) } as LifecycleEvent;
  if (kind === 'removal') return { id, kind, date, reason: REMOVAL_REASONS[n % REMOVAL_REASONS.length]! };
  if (kind === 'discipline') return { id, kind, date, form: 'dismissal_from_posts' };
  return { id, kind, date } as LifecycleEvent;
}

const steps = fc.array(
  fc.record({ choice: fc.nat(50), detail: fc.nat(50), gap: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 400 })) }),
  { maxLength: 25 },
);
const noise = fc.array(fc.record({ at: fc.nat(30), kind: fc.nat(50) }), { maxLength: 6 });

describe('replay (property)', () => {
  it('gives contiguous periods ending in the status folded by nextStatus', () => {
    fc.assert(
      fc.property(steps, noise, (ss, ns) => {
        // The kept sequence: valid by construction.
        const kept: LifecycleEvent[] = [];
        let state = CANDIDATE_STATE;
        let date = '2014-01-01';
        for (const [i, s] of ss.entries()) {
          date = addDays(date, s.gap);
          const e = validEvent(state, s, `k${i}`, date);
          if (!e) break;
          kept.push(e);
          state = nextStatus(state, e);
        }
        // Insert noise at positions (dated like their neighbour to keep the order) and void it at the end.
        const all: LifecycleEvent[] = [...kept];
        ns.forEach((n, j) => {
          const pos = Math.min(n.at, all.length);
          const d = all[pos]?.date ?? all[pos - 1]?.date ?? '2014-01-01';
          all.splice(pos, 0, noiseEvent(n.kind, `n${j}`, d));
        });
        const lastDate = all.length ? all[all.length - 1]!.date : '2014-01-01';
        ns.forEach((_, j) => all.push({ id: `v${j}`, kind: 'void', date: lastDate, voids: `n${j}` }));

        const r = replay(all);
        expect(r.issues).toEqual([]);
        expect(r.state).toEqual(state);

        // Folding nextStatus over the non-voided events.
        const folded = all.filter((e) => e.kind !== 'void' && !r.voided.includes(e.id)).reduce(nextStatus, CANDIDATE_STATE);
        expect(folded).toEqual(state);

        // Contiguous, non-empty, no two alike in a row, the last open and in the folded status.
        const p = r.periods;
        if (folded.status === 'candidate') expect(p).toEqual([]);
        else {
          expect(p.length).toBeGreaterThan(0);
          expect(p[p.length - 1]!.validTo).toBeNull();
          expect(p[p.length - 1]!.status).toBe(folded.status);
          expect(p[p.length - 1]!.unitId).toBe(folded.unitId);
        }
        for (let i = 0; i + 1 < p.length; i++) {
          expect(p[i]!.validTo).toBe(p[i + 1]!.validFrom);
          expect(p[i]!.validFrom < p[i]!.validTo!).toBe(true);
          const same = p[i]!.status === p[i + 1]!.status && p[i]!.unitId === p[i + 1]!.unitId && p[i]!.grade === p[i + 1]!.grade;
          expect(same).toBe(false);
        }

        // On each event's date the period in force holds the state after that day's events.
        let s2 = CANDIDATE_STATE;
        kept.forEach((e, i) => {
          s2 = nextStatus(s2, e);
          if (kept[i + 1]?.date === e.date || s2.status === 'candidate') return;
          const at = p.find((x) => x.validFrom <= e.date && (x.validTo === null || e.date < x.validTo));
          expect(at && { status: at.status, unitId: at.unitId }).toEqual({ status: s2.status, unitId: s2.unitId });
        });

        // The voided noise leaves no trace.
        expect(replay(kept).periods).toEqual(p);
      }),
      { numRuns: 300 },
    );
  });
});
