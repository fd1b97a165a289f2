import { Card } from 'antd';
import { useT } from '../locales/i18n.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { MemberList } from '../components/MemberList.tsx';

export default function MembersPage() {
  const t = useT();
  return (
    <>
      <PageHeader crumbs={[{ title: t('nav.members') }]} title={t('members.title')} />
      <Card variant="borderless">
        <MemberList />
      </Card>
    </>
  );
}
