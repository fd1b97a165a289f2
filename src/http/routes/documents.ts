// Party documents, implementation plans, progress reports, indicators, the follow-up table and review drafts.
import { Type } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import type { App } from '../server.ts';
import { actorOf } from '../server.ts';
import type { RouteDeps } from './deps.ts';
import { DocumentRepository } from '../../db/repos/documents.ts';
import { followUp, generateReviewDraft, listReviewDrafts } from '../../reports/implementation.ts';
import { followUpXlsx } from '../../reports/implementation-xlsx.ts';
import { DOCUMENT_KINDS } from '../../domain/documents/numbers.ts';
import { PLAN_TASK_STATUSES } from '../../domain/documents/follow-up.ts';
import { MEASUREMENTS } from '../../reports/indicator-sources.ts';
import { errorResponses, Id, IdParams, IsoDate, Nullable } from '../schemas.ts';

const lit = <T extends readonly string[]>(values: T) => Type.Union(values.map((v) => Type.Literal(v)));
const Str = (max: number) => Type.String({ maxLength: max });
const OptNullStr = (max: number) => Type.Optional(Nullable(Str(max)));
const PeriodCode = Type.String({ pattern: '^[0-9]{4}(-([Qq][1-4]|[Hh][12]))?$', description: '2017-Q1, 2017-H1 hoặc 2017' });
const Year = Type.Integer({ minimum: 1930, maximum: 2100 });

const Ref = Type.Object({
  id: Type.Integer(), number: Type.String(), kind: Type.String(), title: Type.String(), issuedOn: Type.String(),
  issuingUnitId: Type.Integer(), issuingUnitName: Type.String(),
});
const ListItem = Type.Object({
  ...Ref.properties, issuingUnitCode: Type.String(), coversFrom: Nullable(Type.String()), coversTo: Nullable(Type.String()),
  tasks: Type.Integer(), implementedBy: Type.Integer(),
});
const Indicator = Type.Object({ id: Type.Integer(), position: Type.Integer(), name: Type.String(), unitOfMeasure: Type.String(), measurement: Type.String() });
const Task = Type.Object({
  id: Type.Integer(), position: Type.Integer(), title: Type.String(), description: Nullable(Type.String()),
  parentTaskId: Nullable(Type.Integer()), parentTaskTitle: Nullable(Type.String()), parentTaskPosition: Nullable(Type.Integer()),
  owner: Nullable(Type.String()), deadline: Nullable(Type.String()), status: Type.String(), state: Type.String(), rowVersion: Type.Integer(),
  indicators: Type.Array(Indicator),
});
const Detail = Type.Object({
  ...ListItem.properties, issuerCode: Type.String(), issuingUnitPath: Type.String(), attachments: Type.Array(Type.String()),
  planDueDate: Nullable(Type.String()), reportDueDays: Type.Integer(), note: Nullable(Type.String()), rowVersion: Type.Integer(),
  implements: Type.Array(Ref), replaces: Type.Array(Ref), replacedBy: Type.Array(Ref), plans: Type.Array(Ref),
  taskList: Type.Array(Task), editable: Type.Boolean(),
});
const NewTask = Type.Object({
  title: Str(1000), description: OptNullStr(5000), parentTaskId: Type.Optional(Nullable(Id)), owner: OptNullStr(200),
  deadline: Type.Optional(Nullable(IsoDate)), status: Type.Optional(lit(PLAN_TASK_STATUSES)),
  indicators: Type.Optional(Type.Array(Type.Object({ name: Str(500), unitOfMeasure: Str(50), measurement: lit(MEASUREMENTS) }), { maxItems: 20 })),
});
const Report = Type.Object({
  id: Type.Integer(), taskId: Type.Integer(), taskPosition: Type.Integer(), taskTitle: Type.String(), period: Type.String(),
  body: Type.String(), evidence: Type.Array(Type.String()), submittedOn: Type.String(), submittedBy: Type.String(),
});
const FollowUpSchema = Type.Object({
  document: Type.Object({
    id: Type.Integer(), number: Type.String(), title: Type.String(), issuedOn: Type.String(), issuingUnitName: Type.String(),
    planDueDate: Nullable(Type.String()), reportDueDays: Type.Integer(),
  }),
  period: Type.Object({ code: Type.String(), kind: Type.String(), year: Type.Integer(), start: Type.String(), end: Type.String() }),
  reportDueDate: Type.String(), asOf: Type.String(), depth: Type.Integer(),
  totals: Type.Object({ units: Type.Integer(), adopted: Type.Integer(), reported: Type.Integer(), late: Type.Integer() }),
  rows: Type.Array(Type.Object({
    unitId: Type.Integer(), code: Type.String(), name: Type.String(), kind: Type.String(), level: Type.Integer(), parentName: Nullable(Type.String()),
    planId: Nullable(Type.Integer()), planNumber: Nullable(Type.String()), planAdoptedOn: Nullable(Type.String()), plan: Type.String(),
    tasks: Type.Integer(), reportedTasks: Type.Integer(), lastReportOn: Nullable(Type.String()), report: Type.String(), late: Type.Boolean(),
  })),
});
const Review = Type.Object({
  id: Type.Integer(), documentId: Type.Integer(), unitId: Type.Integer(), unitName: Type.String(), kind: Type.String(),
  from: Type.String(), to: Type.String(), reports: Type.Integer(), body: Type.String(), createdAt: Type.String(),
});
const IndicatorResult = Type.Object({
  ...Indicator.properties, taskId: Type.Integer(), taskPosition: Type.Integer(), unitId: Type.Integer(), year: Type.Integer(),
  target: Nullable(Type.Number()), actual: Nullable(Type.Number()), origin: Type.String(), note: Nullable(Type.String()),
});

export function documentRoutes(app: App, { database }: RouteDeps) {
  const repo = (request: Parameters<typeof actorOf>[0]) => new DocumentRepository(database.db, actorOf(request));
  const tags = ['documents'];

  app.get('/documents', {
    schema: {
      summary: 'Văn bản của Đảng trong phạm vi (và của các cấp ủy cấp trên): tìm theo số hiệu, trích yếu, loại, năm', tags,
      querystring: Type.Object({
        q: Type.Optional(Str(200)), kind: Type.Optional(lit(DOCUMENT_KINDS)), unitId: Type.Optional(Id), year: Type.Optional(Year),
        implementsId: Type.Optional(Id), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
      }),
      response: { 200: Type.Array(ListItem), ...errorResponses },
    },
  }, async (request) => repo(request).list(request.query));

  app.post('/documents', {
    schema: {
      summary: 'Ban hành (nhập) một văn bản: số hiệu số-LOẠI/CƠ QUAN, cấp ủy, ngày, trích yếu, nhiệm vụ và chỉ tiêu; kế hoạch thực hiện ghi implementsIds', tags,
      body: Type.Object({
        number: Str(60), issuingUnitId: Id, issuedOn: IsoDate, title: Str(2000),
        coversFrom: Type.Optional(Nullable(IsoDate)), coversTo: Type.Optional(Nullable(IsoDate)),
        attachments: Type.Optional(Type.Array(Str(300), { maxItems: 50 })),
        implementsIds: Type.Optional(Type.Array(Id, { maxItems: 10 })), replacesIds: Type.Optional(Type.Array(Id, { maxItems: 10 })),
        planDueDate: Type.Optional(Nullable(IsoDate)), reportDueDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 366 })),
        note: OptNullStr(5000), tasks: Type.Optional(Type.Array(NewTask, { maxItems: 100 })),
      }),
      response: { 201: Detail, ...errorResponses },
    },
  }, async (request, reply) => reply.code(201).send(await repo(request).create(request.body)));

  app.get('/documents/:id', {
    schema: { summary: 'Một văn bản: nhiệm vụ, giải pháp với chỉ tiêu; văn bản thực hiện, thay thế; kế hoạch của cấp dưới', tags, params: IdParams, response: { 200: Detail, ...errorResponses } },
  }, async (request) => repo(request).get(request.params.id));

  app.post('/documents/:id/tasks', {
    schema: {
      summary: 'Thêm nhiệm vụ vào văn bản (kế hoạch): liên kết nhiệm vụ cấp trên, người phụ trách, thời hạn, chỉ tiêu', tags, params: IdParams,
      body: Type.Object({ tasks: Type.Array(NewTask, { minItems: 1, maxItems: 100 }) }),
      response: { 200: Type.Array(Task), ...errorResponses },
    },
  }, async (request) => repo(request).addTasks(request.params.id, request.body.tasks));

  app.patch('/documents/:id/tasks/:taskId', {
    schema: {
      summary: 'Cập nhật nhiệm vụ của kế hoạch: trạng thái, người phụ trách, thời hạn', tags,
      params: Type.Object({ id: Id, taskId: Id }),
      body: Type.Object({ status: Type.Optional(lit(PLAN_TASK_STATUSES)), owner: OptNullStr(200), deadline: Type.Optional(Nullable(IsoDate)), rowVersion: Type.Integer({ minimum: 1 }) }),
      response: { 200: Task, ...errorResponses },
    },
  }, async (request) => repo(request).updateTask(request.params.id, request.params.taskId, request.body));

  app.get('/documents/:id/reports', {
    schema: {
      summary: 'Báo cáo tiến độ các nhiệm vụ của kế hoạch, theo kỳ', tags, params: IdParams,
      querystring: Type.Object({ period: Type.Optional(PeriodCode) }),
      response: { 200: Type.Array(Report), ...errorResponses },
    },
  }, async (request) => repo(request).reports(request.params.id, request.query.period));

  app.put('/documents/:id/tasks/:taskId/reports/:period', {
    schema: {
      summary: 'Báo cáo tiến độ một nhiệm vụ trong một kỳ (quý, 6 tháng, năm): kết quả và minh chứng; ghi ngày nhận là hôm nay', tags,
      params: Type.Object({ id: Id, taskId: Id, period: PeriodCode }),
      body: Type.Object({ body: Str(10000), evidence: Type.Optional(Type.Array(Str(300), { maxItems: 50 })) }),
      response: { 200: Report, ...errorResponses },
    },
  }, async (request) => repo(request).saveReport(request.params.id, request.params.taskId, request.params.period, request.body));

  app.get('/documents/:id/follow-up', {
    schema: {
      summary: 'Theo dõi thực hiện: từng đơn vị cấp dưới đã ban hành kế hoạch (ngày), đã báo cáo kỳ, chậm', tags, params: IdParams,
      querystring: Type.Object({
        period: PeriodCode, depth: Type.Optional(Type.Integer({ minimum: 1, maximum: 6 })), unitId: Type.Optional(Id), asOf: Type.Optional(IsoDate),
        format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('xlsx')])),
      }),
      response: { 200: FollowUpSchema, ...errorResponses },
    },
  }, async (request, reply) => {
    const { format, ...options } = request.query;
    const result = await followUp(database.db, actorOf(request), request.params.id, options);
    if (format === 'xlsx') {
      const raw = reply as unknown as FastifyReply;
      return raw.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="follow-up-${result.document.id}-${result.period.code}.xlsx"`)
        .serializer((b: unknown) => b as string).send(await followUpXlsx(result));
    }
    return result;
  });

  app.get('/documents/:id/indicators', {
    schema: {
      summary: 'Chỉ tiêu của văn bản cho một đơn vị và năm: chỉ tiêu giao, kết quả (tính từ dữ liệu hoặc đơn vị báo cáo)', tags, params: IdParams,
      querystring: Type.Object({ unitId: Id, year: Year }),
      response: { 200: Type.Array(IndicatorResult), ...errorResponses },
    },
  }, async (request) => repo(request).indicatorResults(request.params.id, request.query.unitId, request.query.year));

  app.put('/indicators/:id/targets', {
    schema: {
      summary: 'Giao chỉ tiêu cho một đơn vị trong một năm (cấp ủy ban hành văn bản)', tags, params: IdParams,
      body: Type.Object({ unitId: Id, year: Year, target: Type.Number({ minimum: 0 }) }),
      response: { 200: Type.Object({ ok: Type.Boolean() }), ...errorResponses },
    },
  }, async (request) => {
    await repo(request).setTarget(request.params.id, request.body.unitId, request.body.year, request.body.target);
    return { ok: true };
  });

  app.put('/indicators/:id/values', {
    schema: {
      summary: 'Đơn vị báo cáo kết quả một chỉ tiêu do đơn vị báo cáo (chỉ tiêu tính từ dữ liệu thì không nhập tay)', tags, params: IdParams,
      body: Type.Object({ unitId: Id, year: Year, value: Type.Number({ minimum: 0 }), note: OptNullStr(2000) }),
      response: { 200: Type.Object({ ok: Type.Boolean() }), ...errorResponses },
    },
  }, async (request) => {
    await repo(request).reportValue(request.params.id, request.body.unitId, request.body.year, request.body.value, request.body.note);
    return { ok: true };
  });

  app.get('/documents/:id/reviews', {
    schema: { summary: 'Các dự thảo sơ kết, tổng kết của văn bản', tags, params: IdParams, response: { 200: Type.Array(Review), ...errorResponses } },
  }, async (request) => listReviewDrafts(database.db, actorOf(request), request.params.id));

  app.post('/documents/:id/reviews', {
    schema: {
      summary: 'Tạo dự thảo sơ kết / tổng kết: tổng hợp báo cáo tiến độ trong khoảng thời gian theo từng nhiệm vụ', tags, params: IdParams,
      body: Type.Object({ kind: Type.Union([Type.Literal('so_ket'), Type.Literal('tong_ket')]), from: IsoDate, to: IsoDate, unitId: Type.Optional(Id) }),
      response: { 201: Review, ...errorResponses },
    },
  }, async (request, reply) => reply.code(201).send(await generateReviewDraft(database.db, actorOf(request), request.params.id, request.body)));
}
