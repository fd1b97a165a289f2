import { Type } from '@fastify/type-provider-typebox';
import type { App } from '../server.ts';
import { actorOf } from '../server.ts';
import type { RouteDeps } from './deps.ts';
import { ResignationService } from '../../commands/resignations.ts';
import { resignationReport } from '../../reports/resignations.ts';
import { resignationsXlsx } from '../../reports/recruitment-xlsx.ts';
import { RESIGNATION_LEVELS, RESIGNATION_OUTCOMES, RESIGNATION_REASONS } from '../../domain/recruitment/resignations.ts';
import { errorResponses, Id, IdParams, IsoDate, Nullable } from '../schemas.ts';
import { sendFile, XLSX_TYPE } from './reports.ts';

const lit = <T extends readonly string[]>(values: T) => Type.Union(values.map((v) => Type.Literal(v)));
const NStr = Nullable(Type.String());
const Str = (max: number) => Type.Optional(Nullable(Type.String({ maxLength: max })));
const Counts = Type.Record(Type.String(), Type.Integer());

const Fields = {
  fullName: Type.String({ minLength: 1, maxLength: 100 }),
  memberId: Type.Optional(Nullable(Id)),
  agency: Type.String({ minLength: 1, maxLength: 200 }),
  position: Type.String({ minLength: 1, maxLength: 200 }),
  level: lit(RESIGNATION_LEVELS),
  unitId: Id,
  // Dates are checked by the service, so that a bad one is named in Vietnamese with the field.
  requestedOn: Type.String({ maxLength: 10, description: 'YYYY-MM-DD' }),
  reason: lit(RESIGNATION_REASONS),
  reasonNote: Str(2000),
  outcome: Type.Optional(Nullable(lit(RESIGNATION_OUTCOMES))),
  outcomeOn: Type.Optional(Nullable(Type.String({ maxLength: 10, description: 'YYYY-MM-DD' }))),
  outcomeNote: Str(2000),
};

const Meeting = Type.Object({ id: Type.Integer(), metOn: Type.String(), metBy: Type.String(), outcomeNote: Type.String() });
const ResignationSchema = Type.Object({
  id: Type.Integer(), fullName: Type.String(), memberId: Nullable(Type.Integer()), agency: Type.String(), position: Type.String(), level: Type.String(),
  unitId: Type.Integer(), unitCode: Type.String(), unitName: Type.String(), requestedOn: Type.String(), reason: Type.String(), reasonNote: NStr,
  outcome: NStr, outcomeOn: NStr, outcomeNote: NStr, rowVersion: Type.Integer(), counselling: Type.Array(Meeting),
});

export const ResignationReportSchema = Type.Object({
  unit: Type.Object({ code: Type.String(), name: Type.String(), kind: Type.String() }), since: Type.String(), until: Type.String(),
  total: Type.Integer(), byReason: Counts, byOutcome: Counts, byLevel: Counts, members: Type.Integer(), counselled: Type.Integer(),
  people: Type.Array(Type.Object({
    id: Type.Integer(), fullName: Type.String(), memberId: Nullable(Type.Integer()), agency: Type.String(), position: Type.String(), level: Type.String(),
    unitCode: Type.String(), unitName: Type.String(), requestedOn: Type.String(), reason: Type.String(), outcome: Type.String(), outcomeOn: NStr,
    counselling: Type.Array(Type.Object({ metOn: Type.String(), metBy: Type.String(), outcomeNote: Type.String() })),
  })),
});

export function resignationRoutes(app: App, { database }: RouteDeps) {
  const svc = (request: Parameters<typeof actorOf>[0]) => new ResignationService(database.db, actorOf(request));
  const tags = ['resignations'];

  app.get('/resignations', {
    schema: {
      summary: 'Sổ theo dõi cán bộ, công chức, viên chức xin nghỉ việc của một đơn vị và cấp dưới', tags,
      querystring: Type.Object({
        unitId: Type.Optional(Id), since: Type.Optional(IsoDate), until: Type.Optional(IsoDate), reason: Type.Optional(lit(RESIGNATION_REASONS)),
        outcome: Type.Optional(lit([...RESIGNATION_OUTCOMES, 'pending'] as const)), q: Type.Optional(Type.String({ maxLength: 100 })),
        page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })), pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
      }),
      response: { 200: Type.Object({ total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(), items: Type.Array(ResignationSchema) }), ...errorResponses },
    },
  }, async (request) => svc(request).list(request.query));

  app.get('/resignations/:id', {
    schema: { summary: 'Một đơn xin nghỉ việc với các lần gặp gỡ, động viên', tags, params: IdParams, response: { 200: ResignationSchema, ...errorResponses } },
  }, async (request) => svc(request).get(request.params.id));

  app.post('/resignations', {
    schema: { summary: 'Ghi một đơn xin nghỉ việc', tags, body: Type.Object(Fields), response: { 201: ResignationSchema, ...errorResponses } },
  }, async (request, reply) => reply.code(201).send(await svc(request).create(request.body)));

  app.patch('/resignations/:id', {
    schema: {
      summary: 'Sửa đơn hoặc ghi kết quả (ở lại, nghỉ việc, chuyển công tác) kèm rowVersion đã đọc', tags, params: IdParams,
      body: Type.Object({ ...Type.Partial(Type.Object(Fields)).properties, rowVersion: Type.Integer({ minimum: 1 }) }),
      response: { 200: ResignationSchema, ...errorResponses },
    },
  }, async (request) => {
    const { rowVersion, ...patch } = request.body;
    return svc(request).update(request.params.id, patch, rowVersion);
  });

  app.post('/resignations/:id/counselling', {
    schema: {
      summary: 'Ghi một lần gặp gỡ, động viên người xin nghỉ việc', tags, params: IdParams,
      body: Type.Object({ metOn: Type.String({ maxLength: 10, description: 'YYYY-MM-DD' }), metBy: Type.String({ maxLength: 200 }), outcomeNote: Type.String({ maxLength: 2000 }) }),
      response: { 201: ResignationSchema, ...errorResponses },
    },
  }, async (request, reply) => reply.code(201).send(await svc(request).addCounselling(request.params.id, request.body)));

  app.get('/reports/resignations', {
    schema: {
      summary: 'Cán bộ, công chức, viên chức xin nghỉ việc trong một kỳ: tổng, theo lý do, theo kết quả, danh sách', tags: ['reports'],
      querystring: Type.Object({ unitId: Id, since: IsoDate, until: Type.Optional(IsoDate), format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('xlsx')])) }),
      response: {
        200: ResignationReportSchema,
        ...errorResponses,
      },
    },
  }, async (request, reply) => {
    const { unitId, since, until, format } = request.query;
    const report = await resignationReport(database.db, actorOf(request), unitId, since, until);
    if (format === 'xlsx') return sendFile(reply, await resignationsXlsx(report), XLSX_TYPE, `resignations-${report.unit.code}-${since}.xlsx`);
    return report;
  });
}
