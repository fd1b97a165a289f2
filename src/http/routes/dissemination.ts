// Dissemination sessions of documents (học tập, quán triệt), their coverage report, the plans report, and
// the motto's breakthrough of a committee's year.
import { Type } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import type { App } from '../server.ts';
import { actorOf } from '../server.ts';
import type { RouteDeps } from './deps.ts';
import { DisseminationService, resolveDocumentNumber } from '../../commands/dissemination.ts';
import { disseminationReport } from '../../reports/dissemination.ts';
import { disseminationXlsx } from '../../reports/dissemination-xlsx.ts';
import { plansReport, plansXlsx } from '../../reports/plans.ts';
import { unitDocuments } from '../../reports/unit-documents.ts';
import { BREAKTHROUGHS, SESSION_KINDS } from '../../domain/documents/dissemination.ts';
import { ValidationError } from '../../domain/errors.ts';
import { errorResponses, Id, IdParams, IsoDate, Nullable } from '../schemas.ts';

const lit = <T extends readonly string[]>(values: T) => Type.Union(values.map((v) => Type.Literal(v)));
const Count = Type.Integer({ minimum: 0, maximum: 10_000_000 });
const Session = Type.Object({
  id: Type.Integer(), unitId: Type.Integer(), unitCode: Type.String(), unitName: Type.String(), heldOn: Type.String(), kind: Type.String(),
  title: Type.String(), place: Nullable(Type.String()),
  documents: Type.Array(Type.Object({ id: Type.Integer(), number: Type.String(), title: Type.String() })),
  expectedMembers: Type.Integer(), expectedOthers: Type.Integer(), attendedMembers: Type.Integer(), attendedOthers: Type.Integer(),
  attendanceMode: Type.String(), note: Nullable(Type.String()),
  absences: Type.Array(Type.Object({ memberId: Type.Integer(), fullName: Type.String(), reason: Type.String() })),
});
const Breakthrough = Type.Object({
  unitId: Type.Integer(), unitName: Type.String(), year: Type.Integer(), breakthrough: Type.String(), label: Type.String(),
  measures: Type.Array(Type.String()), documentId: Nullable(Type.Integer()), documentNumber: Nullable(Type.String()),
});
export const ReportSchema = Type.Object({
  document: Type.Object({ id: Type.Integer(), number: Type.String(), title: Type.String(), issuedOn: Type.String(), issuingUnitName: Type.String() }),
  unit: Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() }), asOf: Type.String(),
  sessions: Type.Integer(), attended: Type.Integer(), expected: Type.Integer(),
  units: Type.Array(Type.Object({
    unitId: Type.Integer(), code: Type.String(), name: Type.String(), kind: Type.String(), sessions: Type.Integer(), attended: Type.Integer(),
    expected: Type.Integer(), lastHeldOn: Nullable(Type.String()), held: Type.Boolean(), coveredBy: Nullable(Type.String()),
  })),
  notHeld: Type.Array(Type.String()),
});
// Spelled out (not lit()) so that the handler's return type is checked against the literal unions.
const PlanStateSchema = Type.Union([Type.Literal('adopted'), Type.Literal('adopted_late'), Type.Literal('pending'), Type.Literal('late')]);
const ReportStateSchema = Type.Union([
  Type.Literal('reported'), Type.Literal('reported_late'), Type.Literal('partial'), Type.Literal('pending'), Type.Literal('late'), Type.Literal('no_plan'),
]);
// What plansReport returns (src/reports/plans.ts), field by field: the OpenAPI document is generated from it.
const PlansReportSchema = Type.Object({
  document: Type.Object({
    id: Type.Integer(), number: Type.String(), title: Type.String(), issuedOn: Type.String(), issuingUnitName: Type.String(),
    planDueDate: Nullable(Type.String()), reportDueDays: Type.Integer(),
  }),
  unit: Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() }), asOf: Type.String(),
  periods: Type.Array(Type.String()),
  totals: Type.Object({ units: Type.Integer(), adopted: Type.Integer(), adoptedLate: Type.Integer(), missing: Type.Integer() }),
  units: Type.Array(Type.Object({
    unitId: Type.Integer(), code: Type.String(), name: Type.String(), planNumber: Nullable(Type.String()), planAdoptedOn: Nullable(Type.String()),
    plan: PlanStateSchema, late: Type.Boolean(),
    periods: Type.Record(Type.String(), Type.Object({
      report: ReportStateSchema, reportedTasks: Type.Integer(), tasks: Type.Integer(), lastReportOn: Nullable(Type.String()), late: Type.Boolean(),
    })),
  })),
});
const AttendanceSchema = Type.Object({
  sessionId: Type.Integer(), attendanceMode: Type.Union([Type.Literal('counts'), Type.Literal('list')]), expectedMembers: Type.Integer(), attendedMembers: Type.Integer(),
  members: Type.Array(Type.Object({
    memberId: Type.Integer(), fullName: Type.String(), unitName: Nullable(Type.String()), present: Type.Boolean(), absenceReason: Nullable(Type.String()),
  })),
});
const UnitDocumentsSchema = Type.Object({
  unit: Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String(), kind: Type.String() }), asOf: Type.String(), owesPlans: Type.Boolean(),
  documents: Type.Array(Type.Object({
    document: Type.Object({
      id: Type.Integer(), number: Type.String(), kind: Type.String(), title: Type.String(), issuedOn: Type.String(), issuingUnitId: Type.Integer(),
      issuingUnitName: Type.String(), planDueDate: Type.String(),
    }),
    inForce: Type.Boolean(),
    plan: Nullable(Type.Object({ id: Type.Integer(), number: Type.String(), adoptedOn: Type.String() })),
    planState: PlanStateSchema,
    dissemination: Type.Object({ sessions: Type.Integer(), attended: Type.Integer(), expected: Type.Integer() }),
  })),
});
const Format = Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('xlsx')]));
const DocumentQuery = {
  documentId: Type.Optional(Id), document: Type.Optional(Type.String({ maxLength: 60 })),
  issuerId: Type.Optional(Id), year: Type.Optional(Type.Integer({ minimum: 1930, maximum: 2100 })),
};

function sendFile(reply: unknown, body: Buffer, filename: string) {
  return (reply as FastifyReply).type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="${encodeURIComponent(filename)}"`).serializer((b: unknown) => b as string).send(body);
}

export function disseminationRoutes(app: App, { database }: RouteDeps) {
  const service = (request: Parameters<typeof actorOf>[0]) => new DisseminationService(database.db, actorOf(request));
  const tags = ['dissemination'];
  /** The document by id, or by its number (latest year unless ambiguous). */
  const documentOf = async (request: Parameters<typeof actorOf>[0], q: { documentId?: number; document?: string; issuerId?: number; year?: number }) => {
    if (q.documentId) return q.documentId;
    if (!q.document) throw new ValidationError([{ field: 'document', code: 'required', message: 'Cần văn bản (documentId hoặc số hiệu)' }]);
    return resolveDocumentNumber(database.db, actorOf(request), q.document, { issuingUnitId: q.issuerId, year: q.year });
  };

  app.get('/documents/:id/dissemination', {
    schema: { summary: 'Các hội nghị học tập, quán triệt văn bản (trong phạm vi và cấp trên của phạm vi)', tags, params: IdParams, response: { 200: Type.Array(Session), ...errorResponses } },
  }, async (request) => service(request).sessions({ documentId: request.params.id }));

  app.post('/dissemination-sessions', {
    schema: {
      summary: 'Ghi một hội nghị học tập, quán triệt: đơn vị tổ chức, ngày, văn bản; số phải dự tính từ danh sách đảng viên ngày đó của đơn vị và cấp dưới; dự theo số lượng hoặc danh sách (lý do vắng)', tags,
      body: Type.Object({
        unitId: Id, heldOn: IsoDate, kind: Type.Optional(lit(SESSION_KINDS)), title: Type.String({ maxLength: 500 }), place: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
        documentIds: Type.Array(Id, { maxItems: 20 }), expectedOthers: Type.Optional(Count),
        attendedMembers: Type.Optional(Nullable(Count)), attendedOthers: Type.Optional(Nullable(Count)),
        attendance: Type.Optional(Nullable(Type.Array(Type.Object({ memberId: Id, present: Type.Boolean(), absenceReason: Type.Optional(Nullable(Type.String({ maxLength: 500 }))) }), { maxItems: 100_000 }))),
        note: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))),
      }),
      response: { 201: Session, ...errorResponses },
    },
  }, async (request, reply) => reply.code(201).send(await service(request).record(request.body)));

  app.get('/dissemination-sessions/:id/attendance', {
    schema: {
      summary: 'Danh sách dự một hội nghị ghi theo danh sách: đảng viên có mặt, vắng mặt và lý do (rỗng nếu ghi theo số lượng)', tags,
      params: IdParams, response: { 200: AttendanceSchema, ...errorResponses },
    },
  }, async (request) => service(request).attendance(request.params.id));

  app.get('/units/:id/documents-to-implement', {
    schema: {
      summary: 'Văn bản cấp trên yêu cầu đơn vị xây dựng kế hoạch thực hiện: kế hoạch của đơn vị (số, ngày) hoặc tình trạng, và hội nghị học tập, quán triệt đã tổ chức', tags,
      params: IdParams, querystring: Type.Object({ asOf: Type.Optional(IsoDate) }),
      response: { 200: UnitDocumentsSchema, ...errorResponses },
    },
  }, async (request) => unitDocuments(database.db, actorOf(request), request.params.id, { asOf: request.query.asOf }));

  app.get('/dissemination-roll', {
    schema: {
      summary: 'Đảng viên phải dự một hội nghị của đơn vị vào ngày: danh sách đảng viên của đơn vị và cấp dưới ngày đó', tags,
      querystring: Type.Object({ unitId: Id, date: IsoDate }),
      response: { 200: Type.Array(Type.Object({ memberId: Type.Integer(), fullName: Type.String(), unitId: Type.Integer(), unitName: Type.String(), status: Type.String() })), ...errorResponses },
    },
  }, async (request) => service(request).roll(request.query.unitId, request.query.date));

  app.get('/reports/dissemination', {
    schema: {
      summary: 'Học tập, quán triệt một văn bản: số hội nghị, lượt dự / phải dự của đơn vị; từng đơn vị trực thuộc và đã tổ chức chưa', tags,
      querystring: Type.Object({ unitId: Id, ...DocumentQuery, asOf: Type.Optional(IsoDate), format: Format }),
      response: { 200: ReportSchema, ...errorResponses },
    },
  }, async (request, reply) => {
    const q = request.query;
    const result = await disseminationReport(database.db, actorOf(request), await documentOf(request, q), q.unitId, { asOf: q.asOf });
    if (q.format === 'xlsx') return sendFile(reply, await disseminationXlsx(result), `dissemination-${result.unit.code}.xlsx`);
    return result;
  });

  app.get('/reports/plans', {
    schema: {
      summary: 'Kế hoạch thực hiện văn bản của từng đơn vị trực thuộc (số, ngày, chậm hoặc chưa có) và báo cáo từng kỳ', tags,
      querystring: Type.Object({ unitId: Id, ...DocumentQuery, asOf: Type.Optional(IsoDate), format: Format }),
      response: { 200: PlansReportSchema, ...errorResponses },
    },
  }, async (request, reply) => {
    const q = request.query;
    const result = await plansReport(database.db, actorOf(request), await documentOf(request, q), q.unitId, { asOf: q.asOf });
    if (q.format === 'xlsx') return sendFile(reply, await plansXlsx(result), `plans-${result.unit.code}.xlsx`);
    return result;
  });

  app.get('/units/:id/breakthroughs', {
    schema: { summary: 'Khâu đột phá của phương châm hành động mà cấp ủy chọn theo từng năm, với giải pháp', tags, params: IdParams, response: { 200: Type.Array(Breakthrough), ...errorResponses } },
  }, async (request) => service(request).breakthroughs({ unitId: request.params.id }));

  app.put('/units/:id/breakthroughs/:year', {
    schema: {
      summary: 'Ghi khâu đột phá của năm (dân chủ, kỷ cương, đoàn kết, năng động, đổi mới) và giải pháp; gắn với kế hoạch nếu có', tags,
      params: Type.Object({ id: Id, year: Type.Integer({ minimum: 1930, maximum: 2100 }) }),
      body: Type.Object({ breakthrough: Type.String({ maxLength: 20, description: BREAKTHROUGHS.join(', ') }), measures: Type.Array(Type.String({ maxLength: 2000 }), { maxItems: 30 }), documentId: Type.Optional(Nullable(Id)) }),
      response: { 200: Breakthrough, ...errorResponses },
    },
  }, async (request) => service(request).setBreakthrough(request.params.id, { ...request.body, year: request.params.year }));
}
