// The unit page's "Văn bản phải thực hiện": the documents of the upper committees that ask the unit for an
// implementation plan, with the unit's plan (number, date) or its state, and the sessions its subtree held.
// Everything is the server's (GET /units/:id/documents-to-implement, computed by the follow-up and the
// dissemination report); this only lays it out.
import { useState } from 'react';
import { Alert, Empty, Flex, Form, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { disseminationApi, type UnitDocumentRow } from '../api/dissemination.ts';
import { useT } from '../locales/i18n.tsx';
import { useAsync } from '../lib/useAsync.ts';
import { formatDate, todayIso } from '../lib/dates.ts';
import { docLabel, PLAN_COLORS } from './DocumentForm.tsx';
import { DateField } from './DateField.tsx';
import { ErrorState } from './ErrorState.tsx';

export function UnitDocuments({ unitId }: { unitId: number }) {
  const t = useT();
  const [asOf, setAsOf] = useState(todayIso());
  const data = useAsync(() => disseminationApi.unitDocuments(unitId, asOf), [unitId, asOf]);
  const r = data.data;
  return (
    <Flex vertical gap={12} data-testid="unit-documents">
      <Form layout="inline">
        <Form.Item label={t('dis.todo.asOf')}><DateField id="todo-as-of" value={asOf} onChange={(d) => d && setAsOf(d)} allowClear={false} style={{ width: 160 }} /></Form.Item>
      </Form>
      {data.error ? <ErrorState error={data.error} onRetry={() => void data.reload()} /> : r && !r.owesPlans ? <Alert type="info" showIcon title={t('dis.todo.cell')} /> : (
        <Table<UnitDocumentRow> size="small" rowKey={(x) => x.document.id} dataSource={r?.documents ?? []} loading={data.loading} pagination={false} data-testid="todo-table"
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dis.todo.empty')} /> }}
          columns={[
            {
              title: t('dis.todo.document'), key: 'doc', render: (_: unknown, x) => (
                <div>
                  <Link to={`/documents/${x.document.id}`} className="doc-number">{x.document.number}</Link>
                  <span className="numeric muted"> {formatDate(x.document.issuedOn)}</span>
                  {!x.inForce && <Tag style={{ marginLeft: 8 }}>{t('dis.todo.ended')}</Tag>}
                  <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{x.document.title}</Typography.Text></div>
                </div>
              ),
            },
            { title: t('dis.todo.issuer'), key: 'issuer', width: 200, render: (_: unknown, x) => x.document.issuingUnitName },
            { title: t('dis.todo.planDue'), key: 'due', width: 130, render: (_: unknown, x) => <span className="numeric">{formatDate(x.document.planDueDate)}</span> },
            {
              title: t('dis.todo.plan'), key: 'plan', width: 280, render: (_: unknown, x) => (
                <Flex gap={6} align="center" wrap data-testid="todo-plan">
                  {x.plan ? <>
                    <Link to={`/documents/${x.plan.id}`} className="doc-number">{x.plan.number}</Link>
                    <span className="numeric muted">{formatDate(x.plan.adoptedOn)}</span>
                    <Tag color={PLAN_COLORS[x.planState]}>{docLabel(t, 'docPlan', x.planState)}</Tag>
                  </> : <>
                    <Tag>{t('dis.todo.noPlan')}</Tag>
                    {x.planState === 'late' && <Tag color="red">{t('dis.todo.overdue')}</Tag>}
                  </>}
                </Flex>
              ),
            },
            {
              title: t('dis.todo.sessions'), key: 'dis', width: 250, render: (_: unknown, x) => (
                <Flex gap={6} align="center" wrap data-testid="todo-sessions">
                  {x.dissemination.sessions > 0 ? <Tag color="green">{t('dis.heldOwn')}</Tag> : <Tag color="red">{t('dis.notHeld')}</Tag>}
                  {x.dissemination.sessions > 0 && <span className="numeric muted">{t('dis.todo.sessionsHeld', x.dissemination)}</span>}
                </Flex>
              ),
            },
          ]} />
      )}
    </Flex>
  );
}
