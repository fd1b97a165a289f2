// "Doanh nghiệp, KCN": the parks of the user's scope with their counts, the enterprises as a table with filters
// (park, ownership as in Biểu 5, without a party organization) and a dialog to add or edit one, and the list of
// firms with workers but no party organization per park and unit, with the candidates who work there.
import { useState } from 'react';
import { App, Button, Card, Checkbox, Col, Empty, Flex, Form, Input, InputNumber, Modal, Row, Select, Space, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useQueryState } from '../lib/unitParam.ts';
import { ApiError } from '../api/index.ts';
import { OWNERSHIP_KINDS, recruitmentApi, type Enterprise, type EnterpriseInput, type Park } from '../api/recruitment.ts';
import { enumLabel, useT } from '../locales/i18n.tsx';
import type { MessageKey } from '../locales/vi.ts';
import { useAuth } from '../lib/auth.tsx';
import { useAsync } from '../lib/useAsync.ts';
import { applyFieldErrors } from '../lib/formErrors.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { ErrorState } from '../components/ErrorState.tsx';
import { UnitSelect } from '../components/UnitSelect.tsx';
import { DateField } from '../components/DateField.tsx';

const BASE_KINDS = ['grassroots_committee', 'grassroots_cell', 'partial_committee', 'cell'];
const fmt = (n: number) => n.toLocaleString('vi-VN');

function EnterpriseDialog({ enterprise, parks, onClose, onSaved }: { enterprise: Enterprise | null; parks: Park[]; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<EnterpriseInput>();
  const [busy, setBusy] = useState(false);
  const required = [{ required: true, message: t('users.required') }];
  const submit = async () => {
    let values: EnterpriseInput;
    try { values = await form.validateFields(); } catch { return; }
    setBusy(true);
    try {
      const saved = enterprise
        ? await recruitmentApi.updateEnterprise(enterprise.id, { ...values, partyUnitId: values.partyUnitId ?? null, parkId: values.parkId ?? null, rowVersion: enterprise.rowVersion })
        : await recruitmentApi.createEnterprise(values);
      message.success(t('enterprises.saved', { name: saved.name }));
      onSaved();
    } catch (err) {
      const other = err instanceof ApiError && err.fields.length ? applyFieldErrors(form, err, ['name', 'parkId', 'unitId', 'ownership', 'workers', 'partyUnitId']) : [err instanceof Error ? err.message : String(err)];
      if (other.length) message.error(other.join('; '));
    } finally {
      setBusy(false);
    }
  };
  const initial = enterprise
    ? { name: enterprise.name, parkId: enterprise.parkId, unitId: enterprise.unitId, ownership: enterprise.ownership, workers: enterprise.workers, hasTradeUnion: enterprise.hasTradeUnion, partyUnitId: enterprise.partyUnitId, note: enterprise.note }
    : { ownership: 'limited', workers: 0, hasTradeUnion: false, parkId: parks[0]?.id, unitId: parks[0]?.unitId };
  return (
    <Modal open title={enterprise ? enterprise.name : t('enterprises.add')} onCancel={onClose} onOk={() => void submit()} okText={t('common.save')} confirmLoading={busy} width={720} destroyOnHidden data-testid="enterprise-dialog">
      <Form<EnterpriseInput> form={form} layout="vertical" initialValues={initial as never}>
        <Row gutter={16}>
          <Col span={24}><Form.Item name="name" label={t('enterprises.name')} rules={required}><Input maxLength={200} data-testid="enterprise-name" /></Form.Item></Col>
          <Col xs={24} md={12}><Form.Item name="parkId" label={t('enterprises.park')}><Select allowClear options={parks.map((p) => ({ value: p.id, label: p.name }))} placeholder={t('enterprises.noPark')} /></Form.Item></Col>
          <Col xs={24} md={12}><Form.Item name="ownership" label={t('enterprises.ownership')} rules={required}><Select data-testid="enterprise-ownership" options={OWNERSHIP_KINDS.map((o) => ({ value: o, label: t(`ownership.${o}` as MessageKey) }))} /></Form.Item></Col>
          <Col xs={24} md={12}><Form.Item name="unitId" label={t('enterprises.unit')} rules={required}><UnitSelect id="enterprise-unit" initial={enterprise ? { id: enterprise.unitId, name: enterprise.unitName, code: enterprise.unitCode, kind: 'grassroots_committee' } : null} placeholder={t('users.scopePlaceholder')} /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="workers" label={t('enterprises.workers')}><InputNumber min={0} max={1000000} style={{ width: '100%' }} data-testid="enterprise-workers" /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="hasTradeUnion" label={t('enterprises.tradeUnion')} valuePropName="checked"><Switch /></Form.Item></Col>
          <Col span={24}><Form.Item name="partyUnitId" label={t('enterprises.partyUnit')}><UnitSelect id="enterprise-party" kinds={BASE_KINDS} initial={enterprise?.partyUnitId ? { id: enterprise.partyUnitId, name: enterprise.partyUnitName ?? '', code: '', kind: 'cell' } : null} placeholder={t('enterprises.none')} /></Form.Item></Col>
          <Col span={24}><Form.Item name="note" label={t('field.note')}><Input.TextArea maxLength={2000} rows={2} /></Form.Item></Col>
        </Row>
      </Form>
    </Modal>
  );
}

function ParkDialog({ onClose, onSaved }: { onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string; unitId: number; establishedOn?: string | null }>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    let values: { name: string; unitId: number; establishedOn?: string | null };
    try { values = await form.validateFields(); } catch { return; }
    setBusy(true);
    try {
      await recruitmentApi.createPark(values);
      onSaved();
    } catch (err) {
      const other = err instanceof ApiError && err.fields.length ? applyFieldErrors(form, err, ['name', 'unitId']) : [err instanceof Error ? err.message : String(err)];
      if (other.length) message.error(other.join('; '));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('enterprises.addPark')} onCancel={onClose} onOk={() => void submit()} okText={t('common.save')} confirmLoading={busy} destroyOnHidden>
      <Form form={form} layout="vertical">
        <Form.Item name="name" label={t('enterprises.park')} rules={[{ required: true, message: t('users.required') }]}><Input maxLength={200} /></Form.Item>
        <Form.Item name="unitId" label={t('enterprises.unit')} rules={[{ required: true, message: t('users.required') }]}><UnitSelect placeholder={t('users.scopePlaceholder')} /></Form.Item>
        <Form.Item name="establishedOn" label={t('field.effectiveDate')}><DateField disabledFuture /></Form.Item>
      </Form>
    </Modal>
  );
}

export default function EnterprisesPage() {
  const t = useT();
  const { can } = useAuth();
  const { params, set: setQuery } = useQueryState();
  const parkId = Number(params.get('park')) || undefined;
  const ownership = params.get('ownership') ?? undefined;
  const withoutParty = params.get('withoutParty') === '1';
  const [editing, setEditing] = useState<Enterprise | 'new' | 'park' | null>(null);
  const parks = useAsync(() => recruitmentApi.parks(), []);
  const list = useAsync(() => recruitmentApi.enterprises({ parkId, ownership, withoutParty: withoutParty || undefined }), [parkId, ownership, withoutParty]);
  const without = useAsync(() => recruitmentApi.withoutParty(), []);
  const set = (k: string, v: string | null) => setQuery({ [k]: v });
  const reload = () => { setEditing(null); void parks.reload(); void list.reload(); void without.reload(); };
  const writable = can('unit.write');

  const columns: TableColumnsType<Enterprise> = [
    { title: t('enterprises.name'), dataIndex: 'name', key: 'name', render: (n: string, e) => <span data-testid="enterprise-row-name">{n}<br /><span className="muted">{e.parkName ?? t('enterprises.noPark')} · {e.unitName}</span></span> },
    { title: t('enterprises.ownership'), dataIndex: 'ownership', key: 'ownership', width: 200, render: (o: string) => t(`ownership.${o}` as MessageKey) },
    { title: t('enterprises.workers'), dataIndex: 'workers', key: 'workers', width: 100, align: 'right', render: (n: number) => <span className="numeric">{fmt(n)}</span> },
    { title: t('enterprises.tradeUnion'), dataIndex: 'hasTradeUnion', key: 'union', width: 110, render: (v: boolean) => (v ? <Tag color="blue">{t('enterprises.tradeUnion')}</Tag> : <span className="muted">—</span>) },
    { title: t('enterprises.partyUnit'), key: 'party', width: 260, render: (_: unknown, e) => (e.partyUnitId ? <Link to={`/units/${e.partyUnitId}`}>{e.partyUnitName}</Link> : <Tag color="gold" data-testid="enterprise-no-party">{t('enterprises.none')}</Tag>) },
    { title: t('enterprises.candidates'), dataIndex: 'candidates', key: 'candidates', width: 100, align: 'right', render: (n: number) => <span className="numeric">{n || ''}</span> },
    ...(writable ? [{ title: '', key: 'edit', width: 80, render: (_: unknown, e: Enterprise) => <Button size="small" onClick={() => setEditing(e)} data-testid="enterprise-edit">{t('enterprises.edit')}</Button> }] : []),
  ];

  const w = without.data;
  return (
    <>
      <PageHeader
        crumbs={[{ title: t('nav.enterprises') }]}
        title={t('enterprises.title')}
        subtitle={t('enterprises.subtitle')}
        extra={writable && (
          <Space>
            <Button onClick={() => setEditing('park')}>{t('enterprises.addPark')}</Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="enterprise-add">{t('enterprises.add')}</Button>
          </Space>
        )}
      />
      {parks.error || list.error ? <ErrorState error={parks.error ?? list.error} onRetry={reload} /> : (
        <>
          <Card variant="borderless" title={t('enterprises.parks')} style={{ marginBottom: 16 }} loading={!parks.data}>
            <Flex wrap gap={12} data-testid="parks">
              {(parks.data ?? []).map((p) => (
                <Card key={p.id} size="small" className="stat-card" hoverable onClick={() => set('park', parkId === p.id ? null : String(p.id))} style={{ minWidth: 260, borderColor: parkId === p.id ? '#a8151f' : undefined }} data-testid="park-card">
                  <Typography.Text strong>{p.name}</Typography.Text> <span className="muted">({p.unitName})</span>
                  <div className="muted">{t('enterprises.parkStats', { enterprises: fmt(p.enterprises), workers: fmt(p.workers), withoutParty: fmt(p.withoutParty) })}</div>
                </Card>
              ))}
              {parks.data?.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
            </Flex>
          </Card>
          <Card variant="borderless" title={t('enterprises.list')} style={{ marginBottom: 16 }}>
            <Flex wrap gap={16} style={{ marginBottom: 12 }}>
              <Select style={{ width: 220 }} value={parkId ?? 0} onChange={(v) => set('park', v ? String(v) : null)} data-testid="filter-park"
                options={[{ value: 0, label: `${t('enterprises.park')}: ${t('enterprises.allParks')}` }, ...(parks.data ?? []).map((p) => ({ value: p.id, label: p.name }))]} />
              <Select style={{ width: 280 }} allowClear placeholder={t('enterprises.ownership')} value={ownership} onChange={(v?: string) => set('ownership', v ?? null)} data-testid="filter-ownership"
                options={OWNERSHIP_KINDS.map((o) => ({ value: o, label: t(`ownership.${o}` as MessageKey) }))} />
              <Checkbox checked={withoutParty} onChange={(e) => set('withoutParty', e.target.checked ? '1' : null)} data-testid="filter-without-party">{t('enterprises.withoutParty')}</Checkbox>
            </Flex>
            <Table<Enterprise> rowKey="id" size="middle" columns={columns} dataSource={list.data ?? []} loading={list.loading} scroll={{ x: 1000 }}
              pagination={(list.data?.length ?? 0) > 50 ? { pageSize: 50, showSizeChanger: false } : false} data-testid="enterprise-list" />
          </Card>
          <Card variant="borderless" title={t('enterprises.withoutPartyTitle')} loading={!w} data-testid="without-party">
            {w && (
              <>
                <Typography.Paragraph type="secondary" data-testid="without-party-summary">{t('enterprises.withoutPartySummary', { total: fmt(w.total), workers: fmt(w.workers), candidates: fmt(w.candidates) })}</Typography.Paragraph>
                {w.groups.map((g) => (
                  <div key={`${g.parkId}-${g.unitId}`} style={{ marginBottom: 12 }}>
                    <Typography.Text strong>{g.parkName ?? t('enterprises.noPark')}</Typography.Text> <span className="muted">— {g.unitName}</span>
                    <ul className="plain-list">
                      {g.enterprises.map((e) => (
                        <li key={e.id}>
                          {e.name} · <span className="numeric">{fmt(e.workers)}</span> {t('enterprises.workers').toLowerCase()} · {t(`ownership.${e.ownership}` as MessageKey)}
                          {e.candidates.length > 0 && <> · {e.candidates.map((c) => <Link key={c.id} to={`/candidates/${c.id}`} style={{ marginLeft: 6 }}>{c.fullName} <Tag>{enumLabel(t, 'candidateStage', c.stage)}</Tag></Link>)}</>}
                        </li>
                      ))}
                    </ul>
                  </div>
                ))}
              </>
            )}
          </Card>
        </>
      )}
      {(editing === 'new' || (editing && typeof editing === 'object')) && <EnterpriseDialog enterprise={editing === 'new' ? null : editing} parks={parks.data ?? []} onClose={() => setEditing(null)} onSaved={reload} />}
      {editing === 'park' && <ParkDialog onClose={() => setEditing(null)} onSaved={reload} />}
    </>
  );
}
