import { Button, Result } from 'antd';
import { Link } from 'react-router-dom';
import { useT } from '../locales/i18n.tsx';

export default function NotFoundPage() {
  const t = useT();
  return (
    <Result
      status="404"
      title={t('common.notFoundTitle')}
      subTitle={t('common.notFoundText')}
      extra={<Link to="/"><Button type="primary">{t('common.backHome')}</Button></Link>}
    />
  );
}
