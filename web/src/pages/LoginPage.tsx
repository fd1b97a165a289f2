import { useState } from 'react';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError } from '../api/index.ts';
import { useAuth } from '../lib/auth.tsx';
import { useT } from '../locales/i18n.tsx';
import { LanguageSwitch, Logo } from '../components/AppLayout.tsx';

export default function LoginPage() {
  const t = useT();
  const { me, login } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const next = params.get('next');
  const target = next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
  if (me) return <Navigate to={target} replace />;

  const submit = async (values: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      await login(values.username.trim(), values.password);
      navigate(target, { replace: true });
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('common.networkError'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="login-page">
      <div className="login-side">
        <Flex align="center" gap={12}><Logo size={44} /><span style={{ fontSize: 22, fontWeight: 700 }}>{t('app.name')}</span></Flex>
        <div>
          <h1>{t('app.name')}</h1>
          <p>{t('login.subtitle')}</p>
        </div>
        <span style={{ color: 'rgba(255,255,255,0.7)' }}>{t('login.footer')}</span>
      </div>
      <div className="login-main">
        <Card className="login-card" variant="borderless" styles={{ body: { padding: 32 } }}>
          <Flex justify="space-between" align="center" style={{ marginBottom: 24 }}>
            <Typography.Title level={3} style={{ margin: 0 }}>{t('login.title')}</Typography.Title>
            <LanguageSwitch />
          </Flex>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
          <Form layout="vertical" onFinish={submit} requiredMark={false} size="large" disabled={busy}>
            <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('login.usernameRequired') }]}>
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy} style={{ marginTop: 8 }}>{t('login.submit')}</Button>
          </Form>
        </Card>
      </div>
    </div>
  );
}
