// A rating table driven by the keyboard, for a cell secretary with a list of members and for the committee
// deciding: one row per member (then the organizations), one column per step the user may fill. A level
// is typed (1–4, or the initial of its name) and saved for that row at once; the caller reloads the rule
// checks after each save, so a breach appears (and clears) as the ratings are typed.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Tag, Tooltip, Typography } from 'antd';
import { CheckOutlined, LoadingOutlined, LockOutlined, WarningOutlined } from '@ant-design/icons';
import { ApiError, EVALUATION_LEVELS, type EvaluationLevel, type EvaluationRow } from '../api/index.ts';
import { useT } from '../locales/i18n.tsx';
import { errorText } from '../lib/useFormSubmit.ts';

export type GridField = 'selfLevel' | 'proposedLevel' | 'decidedLevel';
type Labels = Record<EvaluationLevel, string>;

/** 1–4 in the order of the levels; X(uất sắc), T(ốt), H(oàn thành), K(hông hoàn thành). */
const LEVEL_KEYS: Record<string, EvaluationLevel> = { 1: 'excellent', 2: 'good', 3: 'completed', 4: 'failed', x: 'excellent', t: 'good', h: 'completed', k: 'failed' };
const COLORS: Record<EvaluationLevel, string> = { excellent: 'green', good: 'blue', completed: 'gold', failed: 'red' };
const keyOf = (r: { subject: string; id: number }) => `${r.subject}:${r.id}`;

export function levelOfKey(key: string): EvaluationLevel | null | undefined {
  if (key === 'Delete' || key === 'Backspace' || key === '0') return null;
  return LEVEL_KEYS[key.toLowerCase()];
}

export interface RatingGridProps {
  rows: EvaluationRow[];
  fields: Array<{ field: GridField; title: string }>;
  labels: (subject: 'member' | 'organization') => Labels | undefined;
  /** Rows the rule checks ask to change. */
  flagged: ReadonlySet<string>;
  /** Saves one rating of one row; resolves once the rows and checks are reloaded. */
  onSave: (row: EvaluationRow, field: GridField, level: EvaluationLevel | null) => Promise<void>;
}

type RowState = { state: 'saving' } | { state: 'saved' } | { state: 'error'; message: string };

export function RatingGrid({ rows, fields, labels, flagged, onSave }: RatingGridProps) {
  const t = useT();
  const [active, setActive] = useState({ row: 0, col: 0 });
  const [pending, setPending] = useState<Record<string, EvaluationLevel | null>>({});
  const [status, setStatus] = useState<Record<string, RowState>>({});
  const grid = useRef<HTMLDivElement>(null);
  const row = Math.min(active.row, Math.max(rows.length - 1, 0));
  const col = Math.min(active.col, Math.max(fields.length - 1, 0));

  useEffect(() => {
    grid.current?.querySelector(`[data-row="${row}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [row]);

  const move = (dRow: number, dCol = 0) => setActive({
    row: Math.max(0, Math.min(rows.length - 1, row + dRow)), col: Math.max(0, Math.min(fields.length - 1, col + dCol)),
  });
  const valueOf = (r: EvaluationRow, f: GridField) => {
    const p = pending[`${keyOf(r)}:${f}`];
    return p !== undefined ? p : r[f];
  };

  const rate = async (r: EvaluationRow, f: GridField, level: EvaluationLevel | null) => {
    const k = keyOf(r);
    if (r.locked || r.notEvaluated) {
      setStatus((s) => ({ ...s, [k]: { state: 'error', message: r.locked ? t('grid.locked') : r.notEvaluated ?? t('grid.notEvaluated') } }));
      return;
    }
    setPending((p) => ({ ...p, [`${k}:${f}`]: level }));
    setStatus((s) => ({ ...s, [k]: { state: 'saving' } }));
    try {
      await onSave(r, f, level);
      setStatus((s) => ({ ...s, [k]: { state: 'saved' } }));
    } catch (err) {
      setStatus((s) => ({ ...s, [k]: { state: 'error', message: err instanceof ApiError ? errorText(err) : String(err) } }));
    } finally {
      setPending((p) => { const n = { ...p }; delete n[`${k}:${f}`]; return n; });
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey || !rows.length) return;
    const r = rows[row]!;
    const f = fields[col]!.field;
    const level = levelOfKey(e.key);
    if (level !== undefined) {
      e.preventDefault();
      void rate(r, f, level);
      if (level !== null) move(1);
      return;
    }
    const moves: Record<string, [number, number]> = { ArrowDown: [1, 0], ArrowUp: [-1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1], Enter: [e.shiftKey ? -1 : 1, 0] };
    const m = moves[e.key];
    if (m) {
      e.preventDefault();
      move(m[0], m[1]);
    }
  };

  const badge = (k: string) => {
    const s = status[k];
    if (!s) return null;
    if (s.state === 'saving') return <LoadingOutlined aria-label={t('grid.saving')} />;
    if (s.state === 'saved') return <Tooltip title={t('grid.saved')}><CheckOutlined style={{ color: '#389e0d' }} aria-label={t('grid.saved')} /></Tooltip>;
    return <Typography.Text type="danger" style={{ fontSize: 12 }}><WarningOutlined /> {s.message}</Typography.Text>;
  };

  return (
    <div>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>{t('grid.help')}</Typography.Paragraph>
      <div ref={grid} tabIndex={0} onKeyDown={onKeyDown} className="rating-grid" role="grid" aria-rowcount={rows.length} data-testid="rating-grid">
        <table>
          <thead>
            <tr>
              <th style={{ width: 36 }}>#</th>
              <th style={{ minWidth: 240 }}>{t('evaluation.member')}</th>
              {fields.map((f) => <th key={f.field} style={{ width: 230 }}>{f.title}</th>)}
              <th style={{ width: 260 }} />
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => {
              const names = labels(r.subject);
              return (
                <tr key={keyOf(r)} data-row={i} data-testid={`grid-row-${r.subject}-${r.id}`} className={flagged.has(keyOf(r)) ? 'row-violation' : undefined} aria-selected={i === row}>
                  <td className="muted numeric">{i + 1}</td>
                  <td>
                    {r.locked && <LockOutlined className="muted" style={{ marginRight: 4 }} aria-label={t('grid.locked')} />}
                    {r.name}
                    {r.subject === 'organization' && <span className="muted"> · {t('evaluation.organization')}</span>}
                    {r.notEvaluated && <div className="muted" style={{ fontSize: 12 }}>{r.notEvaluated}</div>}
                  </td>
                  {fields.map((f, j) => {
                    const l = valueOf(r, f.field);
                    const current = i === row && j === col;
                    return (
                      <td key={f.field} role="gridcell" aria-selected={current} className={current ? 'rating-grid-active' : undefined}
                        onClick={() => { setActive({ row: i, col: j }); grid.current?.focus(); }} data-testid={`grid-cell-${r.subject}-${r.id}-${f.field}`} data-level={l ?? ''}>
                        {l ? <Tag color={COLORS[l]}>{EVALUATION_LEVELS.indexOf(l) + 1} · {names?.[l] ?? l}</Tag> : <span className="muted">—</span>}
                      </td>
                    );
                  })}
                  <td data-testid={`grid-status-${r.subject}-${r.id}`}>{badge(keyOf(r))}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
