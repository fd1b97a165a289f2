import { describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR } from '../calendar.ts';
import { withSettings } from '../settings.ts';
import type { CheckResult } from '../types.ts';
import {
  checkOfficialTransferStart,
  checkRemovalForTransferFile,
  checkTemporaryTransfer,
  checkTransferIn,
  officialTransferStartDeadline,
  transferLetterDeadline,
  transferRemovalEarliestDate,
} from './transfer.ts';

const ids = (r: CheckResult) => (r.ok ? [] : r.errors.map((e) => e.ruleId));
const warns = (r: CheckResult) => r.warnings.map((w) => w.ruleId);

describe('transfers (rules.md §3)', () => {
  it('the letter is due 30 working days after issue (boundary 1)', () => {
    expect(transferLetterDeadline('2017-12-04')).toBe('2018-01-15');
    expect(transferLetterDeadline('2017-12-04', withSettings({ calendar: { ...DEFAULT_CALENDAR, holidays: ['2018-01-01'] } }))).toBe('2018-01-16');
  });
  it('presenting late is a warning to report reasons, not a refusal', () => {
    expect(checkTransferIn({ letterIssueDate: '2017-12-04', presentedDate: '2018-01-15' })).toEqual({ ok: true, warnings: [] });
    const late = checkTransferIn({ letterIssueDate: '2017-12-04', presentedDate: '2018-01-17' });
    expect(late.ok).toBe(true);
    expect(warns(late)).toEqual(['transfer.letter_deadline']);
    expect(late.warnings[0]!.source).toBe('Quy định 29-QĐ/TW, §6.3.1.c');
    expect(late.warnings[0]!.message).toContain('báo cáo lý do cụ thể');
    expect(ids(checkTransferIn({ letterIssueDate: '2017-12-04', presentedDate: '2017-12-01' }))).toEqual(['transfer.letter_deadline']);
  });
  it('the official transfer starts within 60 working days of the move (boundary 3)', () => {
    // rules.md gives 26/12/2016; under its own conventions the 60th working day is 23/12/2016 (see calendar.test.ts).
    expect(officialTransferStartDeadline('2016-10-01')).toBe('2016-12-23');
    expect(checkOfficialTransferStart({ triggerDate: '2016-10-01', letterIssueDate: '2016-12-23' }).warnings).toEqual([]);
    expect(warns(checkOfficialTransferStart({ triggerDate: '2016-10-01', letterIssueDate: '2016-12-26' }))).toEqual(['transfer.official_start']);
  });
  it('a temporary transfer is 3 to under 12 months; study up to 24 (boundary 4)', () => {
    expect(checkTemporaryTransfer({ startDate: '2018-01-01', endDate: '2018-12-01' }).ok).toBe(true);
    expect(ids(checkTemporaryTransfer({ startDate: '2018-01-01', endDate: '2019-01-01' }))).toEqual(['transfer.temporary_duration']);
    expect(ids(checkTemporaryTransfer({ startDate: '2018-01-01', endDate: '2018-03-31' }))).toEqual(['transfer.temporary_duration']);
    expect(checkTemporaryTransfer({ startDate: '2018-01-01', endDate: '2020-01-01', purpose: 'study' }).ok).toBe(true);
    expect(ids(checkTemporaryTransfer({ startDate: '2018-01-01', endDate: '2020-02-01', purpose: 'study' }))).toEqual(['transfer.temporary_duration']);
    expect(checkTemporaryTransfer({ startDate: '2018-01-01', endDate: '2020-02-01', purpose: 'study' }, withSettings({ temporaryStudyMaxMonths: 25 })).ok).toBe(true);
  });
  it('removal for the transfer file only after more than 3 months (boundary 2)', () => {
    expect(transferRemovalEarliestDate({ slipReceivedDate: '2017-12-05' })).toBe('2018-03-06');
    expect(checkRemovalForTransferFile({ slipReceivedDate: '2017-12-05', decisionDate: '2018-03-06' }).ok).toBe(true);
    const early = checkRemovalForTransferFile({ slipReceivedDate: '2017-12-05', decisionDate: '2018-03-05' });
    expect(ids(early)).toEqual(['removal.transfer_file']);
    if (!early.ok) expect(early.errors[0]!.validFrom).toBe('2018-03-06');
    expect(ids(checkRemovalForTransferFile({ slipReceivedDate: '2017-12-05', decisionDate: '2018-04-01', goodReason: true }))).toEqual(['removal.transfer_file']);
  });
  it('starts the 3 months at the earlier of slip and dossier by default', () => {
    const dates = { slipReceivedDate: '2017-12-05', dossierReceivedDate: '2017-11-20' };
    expect(transferRemovalEarliestDate(dates)).toBe('2018-02-21');
    expect(transferRemovalEarliestDate(dates, withSettings({ transferRemovalClock: 'slip' }))).toBe('2018-03-06');
  });
  it('cites the casework guidance of the decision date', () => {
    const r2012 = checkRemovalForTransferFile({ slipReceivedDate: '2016-12-05', decisionDate: '2017-04-01' });
    expect(r2012.ok).toBe(true);
    const r2026 = checkRemovalForTransferFile({ slipReceivedDate: '2025-10-01', decisionDate: '2025-12-01' });
    expect(!r2026.ok && r2026.errors[0]!.source).toBe('Hướng dẫn 38-HD/BTCTW, §II.4.3.1.d');
    const r2020 = checkRemovalForTransferFile({ slipReceivedDate: '2019-10-01', decisionDate: '2020-03-01' });
    expect(r2020.ok).toBe(true);
    expect(r2020.warnings[0]!.source).toBe('Hướng dẫn 09-HD/BTCTW (5/6/2017)');
  });
});
