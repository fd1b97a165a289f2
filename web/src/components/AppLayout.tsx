// The frame of every screen after login: header (product, user, language, logout), left navigation, content.
import { Suspense, useState } from 'react';
import { Avatar, Button, Flex, Layout, Menu, Segmented, Spin, Tooltip, Typography } from 'antd';
import { ApartmentOutlined, AlertOutlined, AuditOutlined, BarChartOutlined, FileTextOutlined, FileProtectOutlined, HomeOutlined, LogoutOutlined, MenuFoldOutlined, MenuUnfoldOutlined, TeamOutlined, UserOutlined, SafetyCertificateOutlined, UserDeleteOutlined, UserAddOutlined, RiseOutlined, ShopOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { enumLabel, useI18n, type Lang } from '../locales/i18n.tsx';
import { useAuth } from '../lib/auth.tsx';

function selectedKey(pathname: string): string {
  if (pathname.startsWith('/tree') || pathname.startsWith('/units')) return 'tree';
  if (pathname.startsWith('/members')) return 'members';
  if (pathname.startsWith('/users')) return 'users';
  if (pathname.startsWith('/candidates')) return 'candidates';
  if (pathname.startsWith('/reports/attrition')) return 'attrition';
  if (pathname.startsWith('/reports/brief')) return 'brief';
  if (pathname.startsWith('/statistics')) return 'statistics';
  if (pathname.startsWith('/evaluation')) return 'evaluation';
  if (pathname.startsWith('/reports/evaluation')) return 'results';
  if (pathname.startsWith('/reports/weak-units') || pathname.startsWith('/weak-units')) return 'weak';
  if (pathname.startsWith('/reports/consolidation')) return 'consolidation';
  if (pathname.startsWith('/documents')) return 'documents';
  if (pathname.startsWith('/visits')) return 'visits';
  if (pathname.startsWith('/resignations')) return 'resignations';
  if (pathname.startsWith('/enterprises')) return 'enterprises';
  if (pathname.startsWith('/reports/recruitment')) return 'recruitment';
  return 'home';
}

export function Logo({ size = 32 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true">
      <rect width="32" height="32" rx="7" fill="#ffd54f" />
      <path d="M16 6l2.6 6.6 7 .4-5.4 4.5 1.8 6.9L16 20.5l-6 3.9 1.8-6.9-5.4-4.5 7-.4z" fill="#a8151f" />
    </svg>
  );
}

export function LanguageSwitch({ dark = false }: { dark?: boolean }) {
  const { lang, setLang, t } = useI18n();
  return (
    <Tooltip title={t('header.language')}>
      <Segmented<Lang>
        size="small"
        className={dark ? 'lang-switch lang-switch-dark' : 'lang-switch'}
        value={lang}
        onChange={(v) => setLang(v)}
        options={[{ label: 'VI', value: 'vi' }, { label: 'EN', value: 'en' }]}
        data-testid="lang-switch"
      />
    </Tooltip>
  );
}

export function AppLayout() {
  const { t } = useI18n();
  const { me, logout, can } = useAuth();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(() => window.innerWidth < 900);
  const items = [
    { key: 'home', icon: <HomeOutlined />, label: <Link to="/">{t('nav.home')}</Link> },
    { key: 'tree', icon: <ApartmentOutlined />, label: <Link to="/tree">{t('nav.tree')}</Link> },
    { key: 'members', icon: <TeamOutlined />, label: <Link to="/members">{t('nav.members')}</Link> },
    { key: 'statistics', icon: <BarChartOutlined />, label: <Link to="/statistics" data-testid="nav-statistics">{t('nav.statistics')}</Link> },
    { key: 'candidates', icon: <UserAddOutlined />, label: <Link to="/candidates" data-testid="nav-candidates">{t('nav.candidates')}</Link> },
    { key: 'recruitment', icon: <RiseOutlined />, label: <Link to="/reports/recruitment" data-testid="nav-recruitment">{t('nav.recruitment')}</Link> },
    { key: 'enterprises', icon: <ShopOutlined />, label: <Link to="/enterprises" data-testid="nav-enterprises">{t('nav.enterprises')}</Link> },
    { key: 'resignations', icon: <UserSwitchOutlined />, label: <Link to="/resignations" data-testid="nav-resignations">{t('nav.resignations')}</Link> },
    { key: 'brief', icon: <FileProtectOutlined />, label: <Link to="/reports/brief" data-testid="nav-brief">{t('nav.brief')}</Link> },
    { key: 'documents', icon: <FileTextOutlined />, label: <Link to="/documents" data-testid="nav-documents">{t('nav.documents')}</Link> },
    { key: 'visits', icon: <SafetyCertificateOutlined />, label: <Link to="/visits" data-testid="nav-visits">{t('nav.visits')}</Link> },
    { key: 'attrition', icon: <UserDeleteOutlined />, label: <Link to="/reports/attrition" data-testid="nav-attrition">{t('nav.attrition')}</Link> },
    { key: 'evaluation', icon: <AuditOutlined />, label: <Link to="/evaluation" data-testid="nav-evaluation">{t('nav.evaluation')}</Link> },
    { key: 'results', icon: <BarChartOutlined />, label: <Link to="/reports/evaluation" data-testid="nav-results">{t('nav.results')}</Link> },
    { key: 'weak', icon: <AlertOutlined />, label: <Link to="/reports/weak-units" data-testid="nav-weak">{t('nav.weak')}</Link> },
    { key: 'consolidation', icon: <AlertOutlined />, label: <Link to="/reports/consolidation" data-testid="nav-consolidation">{t('nav.consolidation')}</Link> },
    ...(can('user.read') ? [{ key: 'users', icon: <SafetyCertificateOutlined />, label: <Link to="/users">{t('nav.users')}</Link> }] : []),
  ];
  return (
    <Layout className="app-layout">
      <Layout.Header className="app-header">
        <Flex align="center" gap={12} style={{ minWidth: 0 }}>
          <Button
            type="text"
            className="header-icon-button"
            icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
            onClick={() => setCollapsed((c) => !c)}
            aria-label="menu"
          />
          <Link to="/" className="brand">
            <Logo size={30} />
            <span className="brand-name">{t('app.name')}</span>
            <span className="brand-tagline">{t('app.tagline')}</span>
          </Link>
        </Flex>
        <Flex align="center" gap={16}>
          <LanguageSwitch dark />
          {me && (
            <Flex align="center" gap={10} className="header-user" data-testid="header-user">
              <Avatar size={32} icon={<UserOutlined />} style={{ background: 'rgba(255,255,255,0.2)' }} />
              <div className="header-user-text">
                <Typography.Text className="header-user-name">{me.fullName}</Typography.Text>
                <Typography.Text className="header-user-role">{enumLabel(t, 'role', me.role)}</Typography.Text>
              </div>
            </Flex>
          )}
          <Tooltip title={t('header.logout')}>
            <Button type="text" className="header-icon-button" icon={<LogoutOutlined />} onClick={() => void logout()} aria-label={t('header.logout')}>
              <span className="logout-label">{t('header.logout')}</span>
            </Button>
          </Tooltip>
        </Flex>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={220} collapsedWidth={64} collapsed={collapsed} className="app-sider" theme="light">
          <Menu mode="inline" selectedKeys={[selectedKey(location.pathname)]} items={items} style={{ borderInlineEnd: 0, paddingTop: 8 }} />
        </Layout.Sider>
        <Layout.Content className="app-content">
          <Suspense fallback={<div className="page-spinner"><Spin size="large" /></div>}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
