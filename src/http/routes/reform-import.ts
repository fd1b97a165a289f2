// The 2025 reform import over HTTP (issue 5 §2): the file travels in the JSON body, as text or as base64
// bytes (so a Windows-1258 or UTF-16 file is decoded here, as the CLI does).
import { Type } from '@fastify/type-provider-typebox';
import type { App } from '../server.ts';
import { actorOf } from '../server.ts';
import type { RouteDeps } from './deps.ts';
import { ReformImportRefused, ReformImportService, type ReformImportInput } from '../../commands/reform-import.ts';
import { ValidationError } from '../../domain/errors.ts';
import { errorResponses, IsoDate, Nullable } from '../schemas.ts';

const ImportBody = Type.Object({
  csv: Type.Optional(Type.String({ maxLength: 5_000_000, description: 'Tệp dạng mapping_2025.csv, dạng văn bản' })),
  fileBase64: Type.Optional(Type.String({ maxLength: 8_000_000, description: 'Hoặc: các byte của tệp (base64), bảng mã tự nhận' })),
  effectiveDate: IsoDate,
  decisionNumber: Type.Optional(Nullable(Type.String({ maxLength: 60 }))),
  decisionDate: Type.Optional(Nullable(IsoDate)),
  applyValid: Type.Optional(Type.Boolean()),
});

const Problem = Type.Object({ line: Nullable(Type.Integer()), column: Nullable(Type.String()), code: Type.String(), severity: Type.String(), message: Type.String() });
const Report = Type.Object({
  encoding: Type.String(), encodingLabel: Type.String(), effectiveDate: Type.String(), decisionNumber: Type.String(),
  problems: Type.Array(Problem),
  skippedProvinces: Type.Array(Type.Object({ code: Type.String(), rows: Type.Integer() })),
  summary: Type.Object({ rows: Type.Integer(), appliedRows: Type.Integer(), errorLines: Type.Integer(), sourceUnits: Type.Integer(), newUnits: Type.Integer(), members: Type.Integer() }),
  steps: Type.Array(Type.Object({
    index: Type.Integer(), kind: Type.String(), label: Type.String(), code: Type.String(), name: Type.String(), parentName: Nullable(Type.String()),
    sources: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), members: Type.Integer() })), members: Type.Integer(), lines: Type.Array(Type.Integer()),
  })),
  canApply: Type.Boolean(), applied: Type.Boolean(), restructuringIds: Type.Array(Type.Integer()),
});

type Body = { csv?: string; fileBase64?: string; effectiveDate: string; decisionNumber?: string | null; decisionDate?: string | null; applyValid?: boolean };
function inputOf(body: Body): ReformImportInput {
  if ((body.csv === undefined) === (body.fileBase64 === undefined)) throw new ValidationError([{ field: 'csv', code: 'required', message: 'Cần đúng một trong csv hoặc fileBase64' }]);
  const bytes = body.fileBase64 !== undefined ? new Uint8Array(Buffer.from(body.fileBase64, 'base64')) : undefined;
  return { ...(bytes ? { bytes } : { text: body.csv! }), effectiveDate: body.effectiveDate, decisionNumber: body.decisionNumber ?? null, decisionDate: body.decisionDate ?? null, applyValid: body.applyValid ?? false };
}

export function reformImportRoutes(app: App, { database }: RouteDeps) {
  const service = (request: Parameters<typeof actorOf>[0]) => new ReformImportService(database.db, actorOf(request));
  const tags = ['restructurings'];
  const bodyLimit = 12 * 1024 * 1024;

  app.post('/restructurings/import/preview', {
    bodyLimit,
    schema: {
      summary: 'Xem trước phương án sắp xếp từ tệp (dạng mapping_2025.csv): lỗi theo dòng, các bước, đơn vị và đảng viên chuyển; chạy thử rồi hủy, không lưu', tags,
      body: ImportBody,
      response: { 200: Report, ...errorResponses },
    },
  }, async (request) => service(request).preview(inputOf(request.body), { rehearse: true }));

  app.post('/restructurings/import', {
    bodyLimit,
    schema: {
      summary: 'Áp dụng phương án sắp xếp từ tệp trong một giao dịch; 422 kèm báo cáo nếu tệp có lỗi (trừ khi applyValid) hoặc một bước bị từ chối', tags,
      body: ImportBody,
      response: { 201: Report, 422: Report, ...errorResponses },
    },
  }, async (request, reply) => {
    try {
      return reply.code(201).send(await service(request).apply(inputOf(request.body)));
    } catch (e) {
      if (e instanceof ReformImportRefused) return reply.code(422).send(e.report);
      throw e;
    }
  });
}
