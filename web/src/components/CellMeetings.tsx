// "Sinh hoạt chi bộ" on a cell's page: the months of a year with who attended, who was absent and who has not
// paid dues; a month opens the roll of the cell that month, to record (PUT) with the keyboard.
import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Checkbox, DatePicker, Empty, Flex, Form, Input, Select, Skeleton, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { CheckSquareOutlined, ReloadOutlined, SaveOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router-dom';
import dayjs from 'dayjs';
import { api, ApiError, type AttendanceRow, type Meeting, type MeetingSummary } from '../api/index.ts';
import { useT } from '../locales/i18n.tsx';
import { useAsync } from '../lib/useAsync.ts';
import { DATE_FORMAT, formatDate, fromIso, toIso, todayIso } from '../lib/dates.ts';
import { ErrorState } from './ErrorState.tsx';
import { StatusTag } from './tags.tsx';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const pad = (n: number) => String(n).padStart(2, '0');

/** The month selector and the roll of the month chosen (kept in the URL: ?tab=meetings&year=…&month=YYYY-MM). */
export function CellMeetings({ unitId, canWrite }: { unitId: number; canWrite: boolean }) {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const today = todayIso();
  const thisYear = Number(today.slice(0, 4));
  const thisMonth = today.slice(0, 7);
  const monthParam = params.get('month');
  const month = monthParam && MONTH.test(monthParam) && monthParam <= thisMonth ? monthParam : null;
  const yearParam = Number(params.get('year'));
  const year = month ? Number(month.slice(0, 4)) : yearParam >= 1930 && yearParam <= thisYear ? yearParam : thisYear;
  const summaries = useAsync(() => api.meetings(unitId, year), [unitId, year]);
  const byMonth = useMemo(() => new Map((summaries.data ?? []).map((s) => [s.month, s])), [summaries.data]);

  const set = (changes: Record<string, string | null>) => setParams((prev) => {
    const next = new URLSearchParams(prev);
    for (const [k, v] of Object.entries(changes)) if (v === null) next.delete(k); else next.set(k, v);
    return next;
  });
  const years = Array.from({ length: 8 }, (_, i) => thisYear - i);

  return (
    <div data-testid="cell-meetings">
      <Flex align="center" gap={12} wrap style={{ marginBottom: 12 }}>
        <Typography.Text strong>{t('meetings.year')}</Typography.Text>
        <Select<number>
          id="meeting-year"
          value={year}
          onChange={(y) => set({ year: String(y), month: null })}
          options={years.map((y) => ({ value: y, label: String(y) }))}
          style={{ width: 110 }}
          data-testid="meeting-year"
        />
        <Typography.Text type="secondary">{t('meetings.hint')}</Typography.Text>
      </Flex>
      {summaries.error ? <ErrorState error={summaries.error} onRetry={() => void summaries.reload()} /> : (
        <div className="meeting-months" role="listbox" aria-label={t('meetings.months')}>
          {Array.from({ length: 12 }, (_, i) => `${year}-${pad(i + 1)}`).map((m) => {
            const s = byMonth.get(m);
            const future = m > thisMonth;
            return (
              <button
                type="button"
                key={m}
                role="option"
                aria-selected={m === month}
                disabled={future}
                className={['meeting-month', s ? 'held' : '', m === month ? 'selected' : '', future ? 'future' : ''].join(' ')}
                onClick={() => set({ month: m, year: null })}
                data-testid={`meeting-month-${m}`}
                data-held={s ? 'true' : 'false'}
              >
                <div className="meeting-month-title">{t('meetings.monthLabel', { month: `${pad(Number(m.slice(5)))}/${year}` })}</div>
                <MonthCounts summary={s} loading={summaries.loading && !summaries.data} future={future} />
              </button>
            );
          })}
        </div>
      )}
      {month
        ? <MeetingEditor key={`${unitId}-${month}`} unitId={unitId} month={month} canWrite={canWrite} onSaved={() => void summaries.reload()} />
        : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('meetings.pickMonth')} />}
    </div>
  );
}

function MonthCounts({ summary, loading, future }: { summary: MeetingSummary | undefined; loading: boolean; future: boolean }) {
  const t = useT();
  if (loading) return <div className="meeting-month-counts">…</div>;
  if (!summary) return <div className="meeting-month-counts">{future ? '' : t('meetings.notHeld')}</div>;
  return (
    <div className="meeting-month-counts numeric" data-testid="meeting-month-counts">
      <div>{t('meetings.heldOnShort', { date: formatDate(summary.heldOn).slice(0, 5) })}</div>
      <div>{t('meetings.counts', { present: summary.present, absent: summary.absent })}</div>
      {summary.unpaid > 0 && <div style={{ color: '#cf1322' }}>{t('meetings.unpaidCount', { count: summary.unpaid })}</div>}
    </div>
  );
}

interface EditRow extends AttendanceRow { index: number }

function MeetingEditor({ unitId, month, canWrite, onSaved }: { unitId: number; month: string; canWrite: boolean; onSaved: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const meeting = useAsync(() => api.meeting(unitId, month), [unitId, month]);
  const [rows, setRows] = useState<AttendanceRow[]>([]);
  const [heldOn, setHeldOn] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [rowVersion, setRowVersion] = useState<number | null>(null);
  const [rowErrors, setRowErrors] = useState<Record<number, string[]>>({});
  const [heldOnError, setHeldOnError] = useState<string | null>(null);
  const [other, setOther] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);
  const [busy, setBusy] = useState(false);

  const fill = (m: Meeting) => {
    setRows(m.rows);
    setHeldOn(m.heldOn);
    setNote(m.note ?? '');
    setRowVersion(m.rowVersion);
    setRowErrors({});
    setHeldOnError(null);
    setOther([]);
    setConflict(false);
  };
  useEffect(() => { if (meeting.data) fill(meeting.data); }, [meeting.data]);

  if (meeting.error) return <ErrorState error={meeting.error} onRetry={() => void meeting.reload()} />;
  if (!meeting.data) return <Skeleton active />;

  const first = dayjs(`${month}-01`);
  const label = `${month.slice(5)}/${month.slice(0, 4)}`;
  const update = (i: number, change: Partial<AttendanceRow>) => {
    setRows((prev) => prev.map((r, j) => {
      if (j !== i) return r;
      const next = { ...r, ...change };
      if (next.attended) { next.absenceReason = null; next.reasonAccepted = false; }
      return next;
    }));
    setRowErrors((prev) => { const { [i]: _, ...rest } = prev; return rest; });
  };
  const allPresent = () => {
    setRows((prev) => prev.map((r) => ({ ...r, attended: true, absenceReason: null, reasonAccepted: false })));
    setRowErrors({});
  };

  const save = async () => {
    const missing: Record<number, string[]> = {};
    rows.forEach((r, i) => { if (r.attended === null) missing[i] = [t('meetings.notRecorded')]; });
    const noDate = !heldOn;
    setHeldOnError(noDate ? t('users.required') : null);
    setRowErrors(missing);
    if (noDate || Object.keys(missing).length) { setOther([t('common.fixErrors')]); return; }
    setBusy(true);
    setOther([]);
    setConflict(false);
    try {
      const saved = await api.saveMeeting(unitId, month, {
        heldOn: heldOn!, note: note.trim() || null, rowVersion,
        attendance: rows.map((r) => ({ memberId: r.memberId, attended: !!r.attended, absenceReason: r.attended ? null : r.absenceReason?.trim() || null, reasonAccepted: !r.attended && r.reasonAccepted, duesPaid: r.duesPaid })),
      });
      meeting.setData(saved);
      message.success(t('meetings.saved', { month: label }));
      onSaved();
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        setConflict(true);
      } else if (err instanceof ApiError && err.fields.length) {
        const byRow: Record<number, string[]> = {};
        const rest: string[] = [];
        for (const f of err.fields) {
          const m = /^attendance\.(\d+)\./.exec(f.field);
          if (m) byRow[Number(m[1])] = [...(byRow[Number(m[1])] ?? []), f.message];
          else if (f.field === 'heldOn') setHeldOnError(f.message);
          else rest.push(f.message);
        }
        setRowErrors(byRow);
        setOther([t('common.fixErrors'), ...rest]);
      } else {
        setOther([err instanceof Error ? err.message : String(err)]);
      }
    } finally {
      setBusy(false);
    }
  };

  const data: EditRow[] = rows.map((r, index) => ({ ...r, index }));
  const ro = !canWrite || busy;
  const columns: TableColumnsType<EditRow> = [
    { title: '#', key: 'n', width: 48, render: (_: unknown, r) => <span className="numeric">{r.index + 1}</span> },
    {
      title: t('meetings.member'), key: 'name', render: (_: unknown, r) => (
        <Flex vertical gap={2}>
          <Flex gap={8} align="center" wrap>
            <Link to={`/members/${r.memberId}`} className="member-name-link" tabIndex={-1}>{r.fullName}</Link>
            {r.status !== 'official' && <StatusTag status={r.status} />}
          </Flex>
          {rowErrors[r.index]?.map((e) => <Typography.Text key={e} type="danger" style={{ fontSize: 12 }} data-testid="row-error">{e}</Typography.Text>)}
        </Flex>
      ),
    },
    {
      title: t('meetings.present'), key: 'attended', width: 100, align: 'center', render: (_: unknown, r) => (
        <Checkbox
          checked={r.attended === true}
          indeterminate={r.attended === null}
          disabled={ro}
          onChange={(e) => update(r.index, { attended: e.target.checked })}
          aria-label={`${t('meetings.present')}: ${r.fullName}`}
          data-testid="att-present"
        />
      ),
    },
    {
      title: t('meetings.reason'), key: 'reason', render: (_: unknown, r) => (
        <Input
          size="small"
          value={r.absenceReason ?? ''}
          disabled={ro || r.attended !== false}
          status={rowErrors[r.index] ? 'error' : undefined}
          maxLength={500}
          placeholder={r.attended === false ? t('meetings.reasonPlaceholder') : ''}
          onChange={(e) => update(r.index, { absenceReason: e.target.value })}
          aria-label={`${t('meetings.reason')}: ${r.fullName}`}
          data-testid="att-reason"
        />
      ),
    },
    {
      title: t('meetings.reasonAccepted'), key: 'accepted', width: 140, align: 'center', render: (_: unknown, r) => (
        <Checkbox
          checked={r.reasonAccepted}
          disabled={ro || r.attended !== false}
          onChange={(e) => update(r.index, { reasonAccepted: e.target.checked })}
          aria-label={`${t('meetings.reasonAccepted')}: ${r.fullName}`}
          data-testid="att-accepted"
        />
      ),
    },
    {
      title: t('meetings.duesPaid'), key: 'dues', width: 140, align: 'center', render: (_: unknown, r) => (
        <Checkbox
          checked={r.duesPaid}
          disabled={ro}
          onChange={(e) => update(r.index, { duesPaid: e.target.checked })}
          aria-label={`${t('meetings.duesPaid')}: ${r.fullName}`}
          data-testid="att-dues"
        />
      ),
    },
  ];
  const present = rows.filter((r) => r.attended === true).length;
  const absent = rows.filter((r) => r.attended === false).length;
  const unpaid = rows.filter((r) => !r.duesPaid).length;

  return (
    <div data-testid="meeting-editor" data-month={month}>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Flex align="center" gap={8}>
          <Typography.Title level={5} style={{ margin: 0 }}>{t('meetings.title', { month: label })}</Typography.Title>
          {meeting.data.rowVersion === null ? <Tag>{t('meetings.notHeld')}</Tag> : <Tag color="green" data-testid="meeting-recorded">{t('meetings.recorded')}</Tag>}
        </Flex>
        <Typography.Text type="secondary" className="numeric" data-testid="meeting-totals">
          {t('meetings.counts', { present, absent })} · {t('meetings.unpaidCount', { count: unpaid })}
        </Typography.Text>
      </Flex>
      {conflict && (
        <Alert
          type="warning" showIcon title={t('meetings.conflict')} style={{ marginBottom: 12 }} data-testid="meeting-conflict"
          action={<Button size="small" icon={<ReloadOutlined />} onClick={() => void meeting.reload()}>{t('common.reload')}</Button>}
        />
      )}
      {other.length > 0 && <Alert type="error" showIcon title={other[0]} description={other.length > 1 ? other.slice(1).join('; ') : undefined} style={{ marginBottom: 12 }} data-testid="meeting-error" />}
      <Form layout="vertical" component="div">
        <Flex gap={16} wrap align="flex-start">
          <Form.Item label={t('meetings.heldOn')} required validateStatus={heldOnError ? 'error' : undefined} help={heldOnError ?? undefined} style={{ width: 200 }}>
            <DatePicker
              id="meeting-heldOn"
              value={fromIso(heldOn)}
              onChange={(d) => { setHeldOn(toIso(d)); setHeldOnError(null); }}
              format={DATE_FORMAT}
              placeholder="dd/mm/yyyy"
              disabled={ro}
              defaultPickerValue={first}
              disabledDate={(d) => d.format('YYYY-MM') !== month || d.isAfter(dayjs(), 'day')}
              style={{ width: '100%' }}
            />
          </Form.Item>
          <Form.Item label={t('meetings.note')} style={{ flex: 1, minWidth: 260 }}>
            <Input.TextArea id="meeting-note" value={note} onChange={(e) => setNote(e.target.value)} rows={1} autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} disabled={ro} />
          </Form.Item>
        </Flex>
      </Form>
      <Table<EditRow>
        rowKey="memberId"
        size="small"
        className="meeting-table"
        columns={columns}
        dataSource={data}
        pagination={false}
        rowClassName={(r) => (r.attended === false ? 'row-absent' : '')}
        scroll={{ x: 800 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('meetings.noRoll')} /> }}
        data-testid="meeting-table"
      />
      {canWrite && (
        <Flex gap={8} justify="flex-end" className="form-actions" style={{ marginTop: 12 }}>
          <Button icon={<CheckSquareOutlined />} onClick={allPresent} disabled={busy || rows.length === 0} data-testid="meeting-all-present">{t('meetings.allPresent')}</Button>
          <Button type="primary" icon={<SaveOutlined />} onClick={() => void save()} loading={busy} disabled={rows.length === 0} data-testid="meeting-save">{t('common.save')}</Button>
        </Flex>
      )}
    </div>
  );
}
