// Consolidation plans (issue 4 §5): a weak unit's plan with its tasks, adding and updating tasks, the
// plan's committee, responsible member and result; the province overview by sub-unit and year.
import { Type, type TSchema } from '@fastify/type-provider-typebox';
import type { App } from '../server.ts';
import { actorOf } from '../server.ts';
import type { RouteDeps } from './deps.ts';
import { ConsolidationService } from '../../commands/consolidation.ts';
import { consolidationOverview } from '../../reports/consolidation.ts';
import { consolidationXlsx } from '../../reports/consolidation-xlsx.ts';
import { errorResponses, Id, IdParams, IsoDate, Nullable } from '../schemas.ts';
import { sendXlsx, WeakUnitT } from './evaluation.ts';

const StatusT = Type.Union([Type.Literal('not_started'), Type.Literal('in_progress'), Type.Literal('done'), Type.Literal('cancelled')]);
const PlanResultT = Type.Union([Type.Literal('in_progress'), Type.Literal('consolidated'), Type.Literal('carried_over')]);
const TaskT = Type.Object({
  id: Type.Integer(), weakUnitId: Type.Integer(), ordinal: Type.Integer(), measure: Type.String(),
  ownerMemberId: Nullable(Type.Integer()), ownerMemberName: Nullable(Type.String()), ownerUnitId: Nullable(Type.Integer()), ownerUnitName: Nullable(Type.String()),
  deadline: Type.String(), status: StatusT, progressNotes: Type.Array(Type.Object({ on: Type.String(), text: Type.String(), by: Type.String() })),
  evidence: Type.Array(Type.String()), doneOn: Nullable(Type.String()), overdueDays: Type.Integer(), rowVersion: Type.Integer(),
});
const PlanT = Type.Object({
  ...WeakUnitT.properties,
  issuerUnitId: Nullable(Type.Integer()), issuerUnitName: Nullable(Type.String()), responsibleMemberId: Nullable(Type.Integer()), responsibleMemberName: Nullable(Type.String()),
  resultOn: Nullable(Type.String()), tasks: Type.Array(TaskT),
});
// Owner and deadline may be left out here so the domain check, not the schema, names what is missing.
const TaskFields = {
  measure: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))), ownerMemberId: Type.Optional(Nullable(Id)), ownerUnitId: Type.Optional(Nullable(Id)),
  deadline: Type.Optional(Nullable(Type.String({ maxLength: 10 }))), status: Type.Optional(StatusT), doneOn: Type.Optional(Nullable(Type.String({ maxLength: 10 }))),
  evidence: Type.Optional(Type.Array(Type.String({ maxLength: 500 }), { maxItems: 50 })), note: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
};
const Counts = {
  flagged: Type.Integer(), plans: Type.Integer(), tasks: Type.Integer(), tasksDone: Type.Integer(), tasksOverdue: Type.Integer(),
  consolidated: Type.Integer(), carriedOver: Type.Integer(), inProgress: Type.Integer(),
};
const OverviewT = Type.Object({
  unit: Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String(), kind: Type.String() }), year: Type.Integer(), asOf: Type.String(),
  total: Type.Object(Counts),
  byUnit: Type.Array(Type.Object({ unitId: Type.Integer(), code: Type.String(), name: Type.String(), kind: Type.String(), ...Counts })),
  years: Type.Array(Type.Object({ year: Type.Integer(), ...Counts })),
  plans: Type.Array(Type.Object({
    id: Type.Integer(), unitId: Type.Integer(), code: Type.String(), name: Type.String(), year: Type.Integer(), categories: Type.Array(Type.String()), result: Type.String(),
    responsible: Nullable(Type.String()), tasks: Type.Integer(), tasksDone: Type.Integer(), tasksOverdue: Type.Integer(), nextDeadline: Nullable(Type.String()),
  })),
});

export function consolidationRoutes(app: App, { database }: RouteDeps) {
  const svc = (request: Parameters<typeof actorOf>[0]) => new ConsolidationService(database.db, actorOf(request));
  const tags = ['evaluation'];
  const ok = <T extends TSchema>(t: T) => ({ 200: t, ...errorResponses });

  app.get('/weak-units/:id', {
    schema: { summary: 'Kế hoạch củng cố một tổ chức đảng yếu kém, với các nhiệm vụ (người thực hiện, thời hạn, tiến độ, minh chứng)', tags, params: IdParams, response: ok(PlanT) },
  }, async (request) => svc(request).plan(request.params.id));

  app.patch('/weak-units/:id/plan', {
    schema: {
      summary: 'Cấp ủy ban hành kế hoạch, ủy viên phụ trách và kết quả củng cố (đã củng cố xong chỉ khi mọi nhiệm vụ đã hoàn thành hoặc hủy bỏ)', tags, params: IdParams,
      body: Type.Object({
        issuerUnitId: Type.Optional(Nullable(Id)), responsibleMemberId: Type.Optional(Nullable(Id)), result: Type.Optional(PlanResultT),
        resultOn: Type.Optional(Nullable(IsoDate)), rowVersion: Type.Integer({ minimum: 1 }),
      }),
      response: ok(PlanT),
    },
  }, async (request) => svc(request).updatePlan(request.params.id, request.body));

  app.post('/weak-units/:id/tasks', {
    schema: {
      summary: 'Thêm một nhiệm vụ (biện pháp) vào kế hoạch củng cố; phải có người hoặc đơn vị thực hiện và thời hạn', tags, params: IdParams,
      body: Type.Object(TaskFields), response: { 201: TaskT, ...errorResponses },
    },
  }, async (request, reply) => reply.code(201).send(await svc(request).addTask(request.params.id, request.body)));

  app.patch('/consolidation-tasks/:id', {
    schema: {
      summary: 'Cập nhật nhiệm vụ củng cố: trạng thái, tiến độ (ghi thêm), minh chứng; nội dung, người thực hiện, thời hạn (cán bộ cấp ủy)', tags, params: IdParams,
      body: Type.Object({ ...TaskFields, rowVersion: Type.Optional(Type.Integer({ minimum: 1 })) }), response: ok(TaskT),
    },
  }, async (request) => svc(request).updateTask(request.params.id, request.body));

  app.get('/reports/consolidation', {
    schema: {
      summary: 'Củng cố tổ chức đảng yếu kém theo đơn vị trực thuộc và theo năm: số yếu kém, kế hoạch, nhiệm vụ hoàn thành, quá hạn, đã củng cố xong', tags: ['reports'],
      querystring: Type.Object({
        unitId: Id, year: Type.Integer({ minimum: 2000, maximum: 2100 }), asOf: Type.Optional(IsoDate),
        format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('xlsx')])),
      }),
      response: ok(OverviewT),
    },
  }, async (request, reply) => {
    const r = await consolidationOverview(database.db, actorOf(request), request.query.unitId, request.query.year, request.query.asOf);
    if (request.query.format === 'xlsx') return sendXlsx(reply, `consolidation-${r.unit.code}-${r.year}.xlsx`, await consolidationXlsx(r));
    return r;
  });
}
