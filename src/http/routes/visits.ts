// Working visits, inspections and supervisions: the delegation, the units visited, the conclusion notice
// (also as DOCX) with its directives, their follow-up, and the directives report.
import { Type } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import type { App } from '../server.ts';
import { actorOf } from '../server.ts';
import type { RouteDeps } from './deps.ts';
import { VisitService, visitNoticeDocx } from '../../commands/visits.ts';
import { directivesReport } from '../../reports/directives.ts';
import { directivesXlsx } from '../../reports/directives-xlsx.ts';
import { DELEGATE_ROLES, DIRECTIVE_STATUSES, VISIT_KINDS, VISIT_STATUSES } from '../../domain/visits/index.ts';
import { errorResponses, Id, IdParams, IsoDate, Nullable } from '../schemas.ts';

const lit = <T extends readonly string[]>(values: T) => Type.Union(values.map((v) => Type.Literal(v)));
const Str = (max: number) => Type.String({ maxLength: max });
const OptNullStr = (max: number) => Type.Optional(Nullable(Str(max)));

const ListItem = Type.Object({
  id: Type.Integer(), title: Type.String(), kind: Type.String(), status: Type.String(), issuingUnitId: Type.Integer(), issuingUnitName: Type.String(),
  startsOn: Type.String(), endsOn: Type.String(), unitNames: Type.Array(Type.String()), noticeNumber: Nullable(Type.String()),
  directives: Type.Integer(), openDirectives: Type.Integer(), overdueDirectives: Type.Integer(),
});
const Progress = Type.Object({ id: Type.Integer(), reportedOn: Type.String(), note: Type.String(), evidence: Type.Array(Type.String()), recordedBy: Type.String() });
const Directive = Type.Object({
  id: Type.Integer(), visitId: Type.Integer(), ordinal: Type.Integer(), text: Type.String(), responsibleUnitId: Type.Integer(),
  responsibleUnitCode: Type.String(), responsibleUnitName: Type.String(), owner: Nullable(Type.String()), deadline: Nullable(Type.String()),
  status: Type.String(), overdue: Type.Boolean(), doneOn: Nullable(Type.String()), evidence: Type.Array(Type.String()), rowVersion: Type.Integer(),
  progress: Type.Array(Progress), editable: Type.Boolean(),
});
const Detail = Type.Object({
  ...ListItem.properties, issuingUnitCode: Type.String(), topics: Type.Array(Type.String()), findings: Nullable(Type.String()), note: Nullable(Type.String()),
  rowVersion: Type.Integer(),
  delegates: Type.Array(Type.Object({ id: Type.Integer(), ordinal: Type.Integer(), fullName: Type.String(), title: Type.String(), homeBody: Type.String(), role: Type.String() })),
  units: Type.Array(Type.Object({ unitId: Type.Integer(), code: Type.String(), name: Type.String(), visitedOn: Type.String() })),
  documents: Type.Array(Type.Object({ id: Type.Integer(), number: Type.String(), title: Type.String(), issuedOn: Type.String() })),
  notice: Nullable(Type.Object({
    id: Type.Integer(), number: Type.String(), kind: Type.String(), issuedOn: Type.String(), place: Type.String(), signerName: Type.String(),
    signerTitle: Type.String(), body: Type.String(), recipients: Type.Array(Type.String()), issuingUnitName: Type.String(),
  })),
  directiveList: Type.Array(Directive), editable: Type.Boolean(),
});
const Delegate = Type.Object({ fullName: Str(200), title: Str(300), homeBody: Str(300), role: lit(DELEGATE_ROLES) });
const VisitedUnit = Type.Object({ unitId: Id, visitedOn: IsoDate });
// The responsible unit is optional in the schema so that its absence gets the service's Vietnamese message.
const NewDirective = Type.Object({ text: Str(3000), responsibleUnitId: Type.Optional(Nullable(Id)), owner: OptNullStr(200), deadline: Type.Optional(Nullable(IsoDate)) });
const VisitFields = {
  title: Str(500), kind: lit(VISIT_KINDS), startsOn: IsoDate, endsOn: IsoDate,
  topics: Type.Optional(Type.Array(Str(500), { maxItems: 50 })), findings: OptNullStr(20000), note: OptNullStr(5000),
  delegates: Type.Optional(Type.Array(Delegate, { maxItems: 50 })), units: Type.Optional(Type.Array(VisitedUnit, { maxItems: 200 })),
  documentIds: Type.Optional(Type.Array(Id, { maxItems: 50 })),
};
export const DirectivesReportSchema = Type.Object({
  unit: Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() }), since: Nullable(Type.String()), until: Nullable(Type.String()),
  asOf: Type.String(), total: Type.Integer(), byStatus: Type.Record(Type.String(), Type.Integer()), overdue: Type.Integer(),
  items: Type.Array(Type.Object({
    id: Type.Integer(),
    visit: Type.Object({ id: Type.Integer(), title: Type.String(), startsOn: Type.String(), issuingUnitName: Type.String(), noticeNumber: Nullable(Type.String()) }),
    ordinal: Type.Integer(), text: Type.String(), responsibleUnit: Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() }),
    owner: Nullable(Type.String()), deadline: Nullable(Type.String()), status: Type.String(), overdue: Type.Boolean(), doneOn: Nullable(Type.String()),
  })),
});

/** A file, not the JSON of the response schema: sent past the typed serializer. */
function sendFile(reply: unknown, body: Buffer, type: string, filename: string) {
  return (reply as FastifyReply).type(type).header('content-disposition', `attachment; filename="${encodeURIComponent(filename)}"`)
    .serializer((b: unknown) => b as string).send(body);
}

export function visitRoutes(app: App, { database }: RouteDeps) {
  const service = (request: Parameters<typeof actorOf>[0]) => new VisitService(database.db, actorOf(request));
  const tags = ['visits'];

  app.get('/visits', {
    schema: {
      summary: 'Đoàn công tác, kiểm tra, giám sát liên quan đến phạm vi: do cấp ủy trong phạm vi tổ chức, làm việc với đơn vị hoặc giao ý kiến chỉ đạo cho đơn vị trong phạm vi', tags,
      querystring: Type.Object({ unitId: Type.Optional(Id), status: Type.Optional(lit(VISIT_STATUSES)), year: Type.Optional(Type.Integer({ minimum: 1930, maximum: 2100 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })) }),
      response: { 200: Type.Array(ListItem), ...errorResponses },
    },
  }, async (request) => service(request).list(request.query));

  app.post('/visits', {
    schema: {
      summary: 'Chuẩn bị một đợt công tác: tên, loại, cấp ủy tổ chức, thời gian, thành viên đoàn (có thể ngoài hệ thống tổ chức), đơn vị làm việc, nội dung, văn bản xem xét', tags,
      body: Type.Object({ ...VisitFields, issuingUnitId: Id }),
      response: { 201: Detail, ...errorResponses },
    },
  }, async (request, reply) => reply.code(201).send(await service(request).create(request.body)));

  app.get('/visits/:id', {
    schema: { summary: 'Một đợt công tác: đoàn, đơn vị làm việc, kết quả, thông báo kết luận, ý kiến chỉ đạo (trong phạm vi) và tiến độ', tags, params: IdParams, response: { 200: Detail, ...errorResponses } },
  }, async (request) => service(request).get(request.params.id));

  app.patch('/visits/:id', {
    schema: {
      summary: 'Cập nhật đợt công tác (cấp ủy tổ chức đoàn): chuẩn bị, kết quả làm việc, chuyển sang "đã làm việc"', tags, params: IdParams,
      body: Type.Object({
        title: Type.Optional(VisitFields.title), kind: Type.Optional(VisitFields.kind), startsOn: Type.Optional(IsoDate), endsOn: Type.Optional(IsoDate),
        topics: VisitFields.topics, findings: VisitFields.findings, note: VisitFields.note, delegates: VisitFields.delegates, units: VisitFields.units,
        documentIds: VisitFields.documentIds, status: Type.Optional(Type.Union([Type.Literal('preparation'), Type.Literal('visited')])), rowVersion: Type.Integer({ minimum: 1 }),
      }),
      response: { 200: Detail, ...errorResponses },
    },
  }, async (request) => service(request).update(request.params.id, request.body));

  app.post('/visits/:id/conclusion', {
    schema: {
      summary: 'Ghi thông báo kết luận (số dạng 15-TB/TU, ngày, người ký) cùng các ý kiến chỉ đạo (đơn vị thực hiện, người phụ trách, thời hạn): tất cả hoặc không', tags, params: IdParams,
      body: Type.Object({
        rowVersion: Type.Integer({ minimum: 1 }),
        notice: Type.Object({ number: Str(60), issuedOn: IsoDate, place: Str(100), signerName: Str(200), signerTitle: Str(200), body: Str(50000), recipients: Type.Optional(Type.Array(Str(300), { maxItems: 50 })) }),
        directives: Type.Array(NewDirective, { maxItems: 100 }),
      }),
      response: { 200: Detail, ...errorResponses },
    },
  }, async (request) => service(request).conclude(request.params.id, request.body));

  app.get('/visits/:id/notice.docx', {
    schema: { summary: 'Thông báo kết luận dạng Word theo thể thức văn bản của Đảng', tags, params: IdParams, response: { ...errorResponses } },
  }, async (request, reply) => {
    const file = await visitNoticeDocx(service(request), database.db, request.params.id);
    return sendFile(reply, file.body, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', file.fileName);
  });

  app.post('/visits/:id/directives', {
    schema: {
      summary: 'Thêm ý kiến chỉ đạo cho đợt công tác đã có thông báo kết luận', tags, params: IdParams,
      body: Type.Object({ directives: Type.Array(NewDirective, { minItems: 1, maxItems: 100 }) }),
      response: { 200: Type.Array(Directive), ...errorResponses },
    },
  }, async (request) => service(request).addDirectives(request.params.id, request.body.directives));

  app.post('/directives/:id/follow-up', {
    schema: {
      summary: 'Theo dõi một ý kiến chỉ đạo: ghi tiến độ và minh chứng, đổi trạng thái (hoàn thành cần minh chứng và ngày), người phụ trách; thời hạn và hủy bỏ chỉ cấp ủy ra ý kiến', tags, params: IdParams,
      body: Type.Object({
        rowVersion: Type.Integer({ minimum: 1 }), note: OptNullStr(5000), evidence: Type.Optional(Type.Array(Str(500), { maxItems: 20 })),
        status: Type.Optional(lit(DIRECTIVE_STATUSES)), doneOn: Type.Optional(Nullable(IsoDate)), owner: OptNullStr(200), deadline: Type.Optional(Nullable(IsoDate)),
        reportedOn: Type.Optional(IsoDate),
      }),
      response: { 200: Directive, ...errorResponses },
    },
  }, async (request) => service(request).followUp(request.params.id, request.body));

  app.get('/reports/directives', {
    schema: {
      summary: 'Ý kiến chỉ đạo mà đơn vị (và cấp dưới) thực hiện hoặc đã giao: tổng, theo trạng thái, quá hạn, danh sách; lọc theo ngày của đợt công tác', tags,
      querystring: Type.Object({ unitId: Id, since: Type.Optional(IsoDate), until: Type.Optional(IsoDate), format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('xlsx')])) }),
      response: { 200: DirectivesReportSchema, ...errorResponses },
    },
  }, async (request, reply) => {
    const { unitId, since, until, format } = request.query;
    const result = await directivesReport(database.db, actorOf(request), unitId, { since, until });
    if (format === 'xlsx') return sendFile(reply, await directivesXlsx(result), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', `directives-${result.unit.code}.xlsx`);
    return result;
  });
}
