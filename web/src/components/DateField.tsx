// A date input for forms whose value is the API's YYYY-MM-DD string, shown dd/mm/yyyy.
import { DatePicker } from 'antd';
import type { Dayjs } from 'dayjs';
import { DATE_FORMAT, fromIso, toIso, todayIso } from '../lib/dates.ts';

export interface DateFieldProps {
  value?: string | null;
  onChange?: (value: string | null) => void;
  id?: string;
  placeholder?: string;
  allowClear?: boolean;
  disabledFuture?: boolean;
  status?: '' | 'error' | 'warning';
  style?: React.CSSProperties;
}

export function DateField({ value, onChange, id, placeholder, allowClear = true, disabledFuture = false, status, style }: DateFieldProps) {
  return (
    <DatePicker
      id={id}
      value={fromIso(value)}
      onChange={(d: Dayjs | null) => onChange?.(toIso(d))}
      format={DATE_FORMAT}
      placeholder={placeholder ?? 'dd/mm/yyyy'}
      allowClear={allowClear}
      status={status}
      style={{ width: '100%', ...style }}
      disabledDate={disabledFuture ? (d) => d.format('YYYY-MM-DD') > todayIso() : undefined}
    />
  );
}
