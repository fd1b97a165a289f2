// The submit of a dialog's form: validate, call the server, say it is saved, or keep the server's message
// (its field messages joined) on screen.
import { useState } from 'react';
import { App, Form, type FormInstance } from 'antd';
import { ApiError } from '../api/index.ts';

export function errorText(err: unknown): string {
  return err instanceof ApiError ? err.fields.map((f) => f.message).join('; ') || err.message : String(err);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function useFormSubmit(save: (values: any) => Promise<unknown>, savedMessage: string): { form: FormInstance; error: string | null; submit: () => Promise<void> } {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const values = await form.validateFields();
    setError(null);
    try {
      await save(values);
      message.success(savedMessage);
    } catch (err) {
      setError(errorText(err));
    }
  };
  return { form, error, submit };
}
