// After login: the user's scope unit with its totals by status, and quick links.
import { Card, Col, Flex, Row, Skeleton, Typography } from 'antd';
import { ApartmentOutlined, SafetyCertificateOutlined, TeamOutlined, BankOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import type { ReactNode } from 'react';
import { api } from '../api/index.ts';
import { useMe, useAuth } from '../lib/auth.tsx';
import { useAsync } from '../lib/useAsync.ts';
import { enumLabel, useT } from '../locales/i18n.tsx';
import { formatDate } from '../lib/dates.ts';
import { KindTag } from '../components/tags.tsx';
import { StatusStats } from '../components/StatusStats.tsx';
import { ErrorState } from '../components/ErrorState.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { WorkQueues } from '../components/WorkQueues.tsx';

function QuickLink({ to, icon, title, text, testId }: { to: string; icon: ReactNode; title: string; text: string; testId?: string }) {
  return (
    <Link to={to} data-testid={testId}>
      <Card hoverable className="quick-link" variant="borderless">
        <span className="quick-link-icon">{icon}</span>
        <div>
          <Typography.Text strong style={{ fontSize: 15 }}>{title}</Typography.Text>
          <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>{text}</Typography.Paragraph>
        </div>
      </Card>
    </Link>
  );
}

export default function HomePage() {
  const t = useT();
  const me = useMe();
  const { can } = useAuth();
  const unit = useAsync(() => api.unit(me.scopeUnitId), [me.scopeUnitId]);
  const u = unit.data;
  return (
    <>
      <PageHeader title={t('home.greeting', { name: me.fullName })} subtitle={enumLabel(t, 'role', me.role)} />
      <Card
        variant="borderless"
        title={<Flex align="center" gap={8}><BankOutlined /> {t('home.scope')}</Flex>}
        style={{ marginBottom: 16 }}
      >
        {unit.error ? <ErrorState error={unit.error} onRetry={() => void unit.reload()} /> : !u ? <Skeleton active /> : (
          <>
            <Flex align="center" gap={10} wrap style={{ marginBottom: 16 }}>
              <Link to={`/units/${u.id}`} style={{ fontSize: 20, fontWeight: 600 }} data-testid="scope-unit">{u.name}</Link>
              <KindTag kind={u.kind} />
              <Typography.Text type="secondary">{t('unit.code')}: {u.code}</Typography.Text>
              <Typography.Text type="secondary">· {t('unit.established')}: {formatDate(u.establishedOn)}</Typography.Text>
              <Typography.Text type="secondary">· {t('home.subUnits')}: {u.childCount}</Typography.Text>
            </Flex>
            <StatusStats byStatus={u.byStatus} membersLink={(statuses) => `/members?${statuses.map((s) => `status=${s}`).join('&')}`} />
          </>
        )}
      </Card>
      <WorkQueues />
      <Typography.Title level={5} style={{ marginTop: 8 }}>{t('home.quickLinks')}</Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={12} xl={6}><QuickLink to="/tree" icon={<ApartmentOutlined />} title={t('home.openTree')} text={t('home.openTreeText')} testId="link-tree" /></Col>
        <Col xs={24} md={12} xl={6}><QuickLink to="/members" icon={<TeamOutlined />} title={t('home.openMembers')} text={t('home.openMembersText')} testId="link-members" /></Col>
        {u && <Col xs={24} md={12} xl={6}><QuickLink to={`/units/${u.id}`} icon={<BankOutlined />} title={t('home.openUnit')} text={t('home.openUnitText', { name: u.name })} /></Col>}
        {can('user.read') && <Col xs={24} md={12} xl={6}><QuickLink to="/users" icon={<SafetyCertificateOutlined />} title={t('home.openUsers')} text={t('home.openUsersText')} /></Col>}
      </Row>
    </>
  );
}
