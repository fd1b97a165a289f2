// Shared result types of the lifecycle rules: a check returns messages that name the rule, cite its
// source and, for a refusal, say what would make the action valid.

/** One finding of a rule, in Vietnamese (for users) and English (for logs and tests). */
export interface RuleMessage {
  /** Stable id of the rule, e.g. 'recognition.earliest' (see RULES in rules.ts). */
  ruleId: string;
  /** The text the rule comes from, as the rule set in force on the action's date cites it. */
  source: string;
  /** Vietnamese, starting with the source; dates written dd/mm/yyyy. */
  message: string;
  messageEn: string;
  /** The input field concerned, when there is one. */
  field?: string;
  /** The first date on which the refused action would be valid, when the rule gives one. */
  validFrom?: string;
}

export type CheckResult =
  | { ok: true; warnings: RuleMessage[] }
  | { ok: false; errors: RuleMessage[]; warnings: RuleMessage[] };

/** A value of a rule set with the text that gives it. `confirmed: false` marks rules.md's **unconfirmed**. */
export interface Cited<T> {
  value: T;
  source: string;
  confirmed: boolean;
  note?: string;
}

/** A time limit in working days, with the longest extension the text allows (null: none, or unknown). */
export interface Deadline {
  workingDays: number;
  extensionWorkingDays: number | null;
}

/** Collects errors and warnings while a check runs, then builds the result. */
export class Findings {
  readonly errors: RuleMessage[] = [];
  readonly warnings: RuleMessage[] = [];

  error(m: RuleMessage): this {
    this.errors.push(m);
    return this;
  }

  warn(m: RuleMessage): this {
    this.warnings.push(m);
    return this;
  }

  add(result: CheckResult): this {
    if (!result.ok) this.errors.push(...result.errors);
    this.warnings.push(...result.warnings);
    return this;
  }

  result(): CheckResult {
    return this.errors.length
      ? { ok: false, errors: [...this.errors], warnings: [...this.warnings] }
      : { ok: true, warnings: [...this.warnings] };
  }
}

/** Merges several results: refused if any is refused. */
export function combineResults(...results: CheckResult[]): CheckResult {
  const f = new Findings();
  for (const r of results) f.add(r);
  return f.result();
}

export const OK: CheckResult = Object.freeze({ ok: true, warnings: [] }) as CheckResult;

/** Builds a message whose Vietnamese text starts with the source, as documents cite rules. */
export function ruleMessage(
  ruleId: string,
  source: string,
  vi: string,
  en: string,
  extra: { field?: string; validFrom?: string } = {},
): RuleMessage {
  const m: RuleMessage = { ruleId, source, message: `${source}: ${vi}`, messageEn: `${source}: ${en}` };
  if (extra.field !== undefined) m.field = extra.field;
  if (extra.validFrom !== undefined) m.validFrom = extra.validFrom;
  return m;
}
