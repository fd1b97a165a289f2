// What the validator knows about each member and organization of a decision set. The service fills these
// from the database (member_event for disciplines and admission, member_period for status); tests by hand.
import type { DisciplineForm } from '../lifecycle/events.ts';
import type { Level, Subject } from './levels.ts';

/** A discipline decided on the member (or a leadership member of a collective) within the period. */
export interface DisciplineFact {
  date: string;
  form: DisciplineForm | 'expulsion';
  /** Self-admitted, self-detected and remedied (QĐ 124 Điều 12; QĐ 366 Điều 11.4.2). */
  selfRemedied?: boolean;
}

/** Tasks of the period, for the conditions of QĐ 366 Điều 11. */
export interface TaskFacts {
  total: number;
  /** Completed (on time or late). */
  completed: number;
  /** Completed or in progress behind schedule. */
  late: number;
  /** Completed above the target. */
  exceeded: number;
}

export interface MemberFacts {
  id: number;
  name: string;
  /** The cell the member belongs to on the review date. */
  unitId: number;
  /** The comparison group of the cap (a grassroots organization, or a group of similar roles). */
  group: string;
  /** Status on the review date. */
  status: string;
  suspended?: boolean;
  /** The admission ceremony and the signed decision, when the member was admitted in the records. */
  admissionDate?: string | null;
  admissionDecisionDate?: string | null;
  disciplines: DisciplineFact[];
  tasks?: TaskFacts | null;
  /** 100 % of the shortcomings named at the previous review remedied (QĐ 366 Điều 11.1.4). */
  remediedPrevious?: boolean | null;
}

export interface OrganizationFacts {
  id: number;
  name: string;
  kind: string;
  group: string;
  /** The organization whose sub-units this one counts among (the 2014 one-third rule), or null. */
  parentId: number | null;
  /** Disciplines of members of its leadership in the period. */
  leadershipDisciplines?: DisciplineFact[];
  /** Subordinate units disciplined in the period, and how many it has. */
  subordinateUnitsDisciplined?: number;
  subordinateUnits?: number;
  /** Concluded by the competent level to be internally disunited. */
  disunityConcluded?: boolean;
  tasks?: TaskFacts | null;
  remediedPrevious?: boolean | null;
  /** The other 2014 Yếu kém faults (Hướng dẫn 27-HD/BTCTW). */
  faults2014?: {
    /** Corruption or degeneration serious enough that a member was disciplined. */
    corruptionDisciplined?: boolean;
    /** The government at the same level rated lowest. */
    governmentLowest?: boolean;
    /** Same-level Fatherland Front and mass organizations rated lowest. */
    massOrganizationsLowest?: number;
  };
}

/** One rating to check: the level decided (or proposed) and the score where the set uses one. */
export interface RatingInput {
  subject: Subject;
  id: number;
  level: Level | null;
  score?: number | null;
  /** The cell's or committee's proposal: used to choose which ratings to lower first. */
  proposed?: Level | null;
}
