// What a screen shows when its data could not be loaded.
import { Button, Result } from 'antd';
import { Link } from 'react-router-dom';
import { ApiError } from '../api/index.ts';
import { useT } from '../locales/i18n.tsx';

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  if (error instanceof ApiError && (error.status === 404 || error.status === 403)) {
    return (
      <Result
        status={error.status === 404 ? '404' : '403'}
        title={error.status === 404 ? t('common.notFoundTitle') : t('common.forbidden')}
        subTitle={error.status === 404 ? t('common.notFoundText') : error.message}
        extra={<Link to="/"><Button type="primary">{t('common.backHome')}</Button></Link>}
      />
    );
  }
  const message = error instanceof ApiError ? error.message : error instanceof Error ? error.message : String(error);
  return (
    <Result
      status="warning"
      title={t('common.errorTitle')}
      subTitle={message}
      extra={onRetry ? <Button onClick={onRetry}>{t('common.retry')}</Button> : undefined}
    />
  );
}
