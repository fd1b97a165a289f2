// /units/code/:code?date=YYYY-MM-DD: a code names a unit only with a date (codes are reused), so a link by
// code is resolved as of its date (today when none) and replaced by the unit's stable address.
import { Card, Skeleton } from 'antd';
import { Navigate, useParams, useSearchParams } from 'react-router-dom';
import { api } from '../api/index.ts';
import { useAsync } from '../lib/useAsync.ts';
import { ErrorState } from '../components/ErrorState.tsx';

export default function UnitByCodePage() {
  const code = useParams().code ?? '';
  const [params] = useSearchParams();
  const date = params.get('date') ?? undefined;
  const resolved = useAsync(() => api.resolveUnitCode(code, date), [code, date]);
  if (resolved.error) return <ErrorState error={resolved.error} onRetry={() => void resolved.reload()} />;
  if (!resolved.data) return <Card variant="borderless"><Skeleton active /></Card>;
  return <Navigate to={`/units/${resolved.data.id}`} replace />;
}
