// "Nhập phương án sắp xếp": choose a mapping file, see its preview (problems by line, the steps, the units
// and members that move), then apply it in one transaction. The preview is a rehearsal on the server.
import { useState } from 'react';
import { Alert, App, Button, Checkbox, Form, Input, Modal, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { ApiError } from '../api/index.ts';
import { fileToBase64, reformApi, type ReformImportBody, type ReformImportReport, type ReformProblem, type ReformStepView } from '../api/reform.ts';
import { useT } from '../locales/i18n.tsx';
import { formatDate } from '../lib/dates.ts';
import { DateField } from './DateField.tsx';

interface Values { effectiveDate: string; decisionNumber?: string; applyValid?: boolean }

export function ReformImportDialog({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [preview, setPreview] = useState<{ body: ReformImportBody; report: ReformImportReport } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const runPreview = async (v: Values) => {
    if (!file) { setFileError(t('reform.fileRequired')); return; }
    setBusy(true);
    setError(null);
    try {
      const body: ReformImportBody = { fileBase64: await fileToBase64(file), effectiveDate: v.effectiveDate, decisionNumber: v.decisionNumber?.trim() || null, applyValid: !!v.applyValid };
      setPreview({ body, report: await reformApi.preview(body) });
    } catch (err) {
      setError(err instanceof ApiError ? [err.message, ...err.fields.map((f) => f.message)].join('; ') : String(err));
    } finally {
      setBusy(false);
    }
  };
  const apply = async () => {
    if (!preview) return;
    setBusy(true);
    try {
      const report = await reformApi.apply(preview.body);
      message.success(t('reform.done', { n: report.restructuringIds.length }));
      onDone();
    } catch (err) {
      // Refused (422): the state changed since the preview; show the fresh report.
      setError(err instanceof Error ? err.message : String(err));
      if (err instanceof ApiError && err.status === 422) setPreview({ body: preview.body, report: await reformApi.preview(preview.body).catch(() => preview.report) });
    } finally {
      setBusy(false);
    }
  };

  const r = preview?.report;
  const errors = r?.problems.filter((p) => p.severity === 'error') ?? [];
  const problemColumns: TableColumnsType<ReformProblem> = [
    { title: t('reform.col.line'), dataIndex: 'line', key: 'line', width: 70, render: (l: number | null) => (l === null ? t('reform.database') : <span className="numeric">{l}</span>) },
    { title: '', dataIndex: 'severity', key: 'severity', width: 70, render: (s: 'error' | 'warning') => <Tag color={s === 'error' ? 'red' : 'gold'}>{t(`reform.severity.${s}`)}</Tag> },
    { title: t('reform.col.column'), dataIndex: 'column', key: 'column', width: 140, render: (c: string | null) => c ?? '' },
    { title: t('reform.col.problem'), dataIndex: 'message', key: 'message' },
  ];
  const stepColumns: TableColumnsType<ReformStepView> = [
    { title: t('reform.col.step'), key: 'step', width: 190, render: (_: unknown, s) => <>{s.index + 1}. {s.label}</> },
    { title: t('reform.col.unit'), key: 'unit', render: (_: unknown, s) => <>{s.name} <span className="muted">({s.code})</span></> },
    { title: t('reform.col.into'), dataIndex: 'parentName', key: 'into', width: 170, render: (p: string | null) => p ?? '' },
    {
      title: t('reform.col.sources'), key: 'sources',
      render: (_: unknown, s) => (s.kind === 'dissolve_district'
        ? (s.sources.length ? t('reform.carried', { n: s.sources.length }) : '')
        : s.sources.map((x) => `${x.name} (${x.code}): ${x.members}`).join('; ')),
    },
    { title: t('reform.col.members'), dataIndex: 'members', key: 'members', width: 90, align: 'right' },
    { title: t('reform.col.line'), key: 'lines', width: 90, render: (_: unknown, s) => s.lines.join(', ') },
  ];
  return (
    <Modal
      open title={t('reform.title')} onCancel={onClose} width={1000} destroyOnHidden
      footer={r ? [
        <Button key="back" onClick={() => setPreview(null)} data-testid="reform-back">{t('reform.back')}</Button>,
        <Button key="ok" type="primary" danger disabled={!r.canApply} loading={busy} onClick={() => void apply()} data-testid="reform-apply">{t('reform.apply')}</Button>,
      ] : [
        <Button key="cancel" onClick={onClose}>{t('common.cancel')}</Button>,
        <Button key="preview" type="primary" loading={busy} onClick={() => form.submit()} data-testid="reform-preview">{t('reform.preview')}</Button>,
      ]}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="reform-error" />}
      <div style={{ display: r ? 'none' : undefined }}>
        <Typography.Paragraph type="secondary">{t('reform.help')}</Typography.Paragraph>
        <Form<Values> form={form} layout="vertical" onFinish={(v) => void runPreview(v)} initialValues={{ effectiveDate: '2025-07-01', applyValid: false }}>
          <Form.Item label={t('reform.file')} validateStatus={fileError ? 'error' : undefined} help={fileError ?? undefined} required>
            <input type="file" accept=".csv,text/csv,text/plain" data-testid="reform-file" onChange={(e) => { setFile(e.target.files?.[0] ?? null); setFileError(null); }} />
          </Form.Item>
          <Space.Compact block>
            <Form.Item name="effectiveDate" label={t('unit.effectiveDate')} rules={[{ required: true, message: t('users.required') }]} style={{ flex: 1 }}>
              <DateField allowClear={false} disabledFuture />
            </Form.Item>
            <Form.Item name="decisionNumber" label={t('restructure.decisionNumber')} style={{ flex: 1 }}>
              <Input maxLength={60} placeholder={t('reform.decisionPlaceholder')} data-testid="reform-decision" />
            </Form.Item>
          </Space.Compact>
          <Form.Item name="applyValid" valuePropName="checked"><Checkbox data-testid="reform-apply-valid">{t('reform.applyValid')}</Checkbox></Form.Item>
        </Form>
      </div>
      {r && (
        <div data-testid="reform-preview-result">
          <Typography.Paragraph>
            {t('reform.summary', { encoding: r.encodingLabel, rows: r.summary.rows, sources: r.summary.sourceUnits, units: r.summary.newUnits, members: r.summary.members, date: formatDate(r.effectiveDate), decision: r.decisionNumber })}
          </Typography.Paragraph>
          {r.skippedProvinces.length > 0 && (
            <Typography.Paragraph type="secondary">
              {t('reform.skipped', { rows: r.skippedProvinces.reduce((n, p) => n + p.rows, 0), n: r.skippedProvinces.length, codes: r.skippedProvinces.map((p) => p.code).join(', ') })}
            </Typography.Paragraph>
          )}
          <Alert
            type={errors.length ? (r.canApply ? 'warning' : 'error') : 'success'} showIcon style={{ marginBottom: 12 }} data-testid="reform-status"
            title={errors.length ? t('reform.errors', { n: errors.length, lines: r.summary.errorLines }) : t('reform.noErrors')}
          />
          {r.problems.length > 0 && (
            <>
              <Typography.Title level={5}>{t('reform.problems')}</Typography.Title>
              <Table<ReformProblem> rowKey={(p) => `${p.line}-${p.code}-${p.message}`} size="small" columns={problemColumns} dataSource={r.problems} pagination={{ pageSize: 10, hideOnSinglePage: true }} data-testid="reform-problems" />
            </>
          )}
          <Typography.Title level={5}>{t('reform.steps')}</Typography.Title>
          <Table<ReformStepView> rowKey="index" size="small" columns={stepColumns} dataSource={r.steps} pagination={{ pageSize: 15, hideOnSinglePage: true }} data-testid="reform-steps" />
        </div>
      )}
    </Modal>
  );
}
