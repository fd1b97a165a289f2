// Puts the API's field errors beside the form fields; returns the messages that have no field in the form.
import type { FormInstance } from 'antd';
import { ApiError } from '../api/index.ts';

export function applyFieldErrors(form: FormInstance, err: unknown, formFields: readonly string[]): string[] {
  if (!(err instanceof ApiError) || err.fields.length === 0) return [];
  const byField = new Map<string, string[]>();
  const other: string[] = [];
  for (const f of err.fields) {
    const name = f.field.split('.')[0] ?? f.field;
    if (formFields.includes(name)) byField.set(name, [...(byField.get(name) ?? []), f.message]);
    else other.push(f.message);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return other;
}
