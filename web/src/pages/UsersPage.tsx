// Administrators: the users in scope, and creating one with a role and a scope unit.
import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Form, Input, Modal, Select, Table, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined, UserOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { api, ApiError, ROLES, type NewUser, type UserView } from '../api/index.ts';
import { enumLabel, useT } from '../locales/i18n.tsx';
import { useAuth } from '../lib/auth.tsx';
import { useAsync } from '../lib/useAsync.ts';
import { applyFieldErrors } from '../lib/formErrors.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { ErrorState } from '../components/ErrorState.tsx';
import { UnitSelect } from '../components/UnitSelect.tsx';

const USER_FIELDS = ['username', 'fullName', 'password', 'role', 'scopeUnitId'];

function CreateUserModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<NewUser>();
  const [busy, setBusy] = useState(false);
  const [other, setOther] = useState<string[]>([]);
  const submit = async (v: NewUser) => {
    setBusy(true);
    setOther([]);
    try {
      const user = await api.createUser({ ...v, username: v.username.trim(), fullName: v.fullName.trim() });
      message.success(t('users.created', { name: user.username }));
      form.resetFields();
      onDone();
    } catch (err) {
      const rest = applyFieldErrors(form, err, USER_FIELDS);
      setOther(rest.length ? rest : err instanceof ApiError && err.fields.length === 0 ? [err.message] : []);
    } finally {
      setBusy(false);
    }
  };
  const required = [{ required: true, message: t('users.required') }];
  return (
    <Modal open={open} title={t('users.add')} onCancel={onClose} onOk={() => form.submit()} okText={t('common.create')} cancelText={t('common.cancel')} confirmLoading={busy} destroyOnHidden>
      {other.length > 0 && <Alert type="error" showIcon title={other.join('; ')} style={{ marginBottom: 12 }} />}
      <Form<NewUser> form={form} layout="vertical" onFinish={submit} initialValues={{ role: 'read_only' }}>
        <Form.Item name="username" label={t('users.username')} rules={required}><Input maxLength={40} autoComplete="off" /></Form.Item>
        <Form.Item name="fullName" label={t('users.fullName')} rules={required}><Input maxLength={100} /></Form.Item>
        <Form.Item name="password" label={t('users.password')} rules={[...required, { min: 8, message: t('users.passwordHint') }]} extra={t('users.passwordHint')}>
          <Input.Password maxLength={200} autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="role" label={t('users.role')} rules={required}>
          <Select options={ROLES.map((r) => ({ value: r, label: enumLabel(t, 'role', r) }))} />
        </Form.Item>
        <Form.Item name="scopeUnitId" label={t('users.scope')} rules={required}>
          <UnitSelect placeholder={t('users.scopePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function UsersPage() {
  const t = useT();
  const { can } = useAuth();
  const users = useAsync(() => api.users(), []);
  const [open, setOpen] = useState(false);
  const columns: TableColumnsType<UserView> = [
    { title: t('users.username'), dataIndex: 'username', key: 'username', render: (u: string) => <><UserOutlined className="muted" /> <strong>{u}</strong></> },
    { title: t('users.fullName'), dataIndex: 'fullName', key: 'fullName' },
    { title: t('users.role'), dataIndex: 'role', key: 'role', render: (r: string) => <Tag color={r === 'admin' ? 'red' : r === 'org_staff' ? 'blue' : 'default'}>{enumLabel(t, 'role', r)}</Tag> },
    { title: t('users.scope'), dataIndex: 'scopeUnitName', key: 'scope', render: (n: string, u) => <Link to={`/units/${u.scopeUnitId}`}>{n}</Link> },
    { title: '', dataIndex: 'active', key: 'active', width: 120, render: (a: boolean) => (a ? <Tag color="green">{t('users.active')}</Tag> : <Tag>{t('users.inactive')}</Tag>) },
  ];
  return (
    <>
      <PageHeader
        crumbs={[{ title: t('nav.users') }]}
        title={t('users.title')}
        extra={can('user.write') ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="user-add">{t('users.add')}</Button> : undefined}
      />
      <Card variant="borderless">
        {users.error ? <ErrorState error={users.error} onRetry={() => void users.reload()} /> : (
          <Table<UserView>
            rowKey="id" size="middle" columns={columns} dataSource={users.data ?? []} loading={users.loading}
            pagination={(users.data?.length ?? 0) > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('users.empty')} /> }}
          />
        )}
      </Card>
      {open && <CreateUserModal open onClose={() => setOpen(false)} onDone={() => { setOpen(false); void users.reload(); }} />}
    </>
  );
}
