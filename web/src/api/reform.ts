// The reform import (POST /api/restructurings/import[/preview]): the report the server returns.
import { post } from './client.ts';

export interface ReformProblem { line: number | null; column: string | null; code: string; severity: 'error' | 'warning'; message: string }
export interface ReformStepView {
  index: number; kind: string; label: string; code: string; name: string; parentName: string | null;
  sources: Array<{ code: string; name: string; members: number }>; members: number; lines: number[];
}
export interface ReformImportReport {
  encoding: string; encodingLabel: string; effectiveDate: string; decisionNumber: string;
  problems: ReformProblem[];
  skippedProvinces: Array<{ code: string; rows: number }>;
  summary: { rows: number; appliedRows: number; errorLines: number; sourceUnits: number; newUnits: number; members: number };
  steps: ReformStepView[];
  canApply: boolean; applied: boolean; restructuringIds: number[];
}
export interface ReformImportBody { fileBase64: string; effectiveDate: string; decisionNumber?: string | null; applyValid?: boolean }

export const reformApi = {
  preview: (body: ReformImportBody) => post<ReformImportReport>('/restructurings/import/preview', body),
  apply: (body: ReformImportBody) => post<ReformImportReport>('/restructurings/import', body),
};

/** The file's bytes as base64, so the server decodes whatever encoding it is in. */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
