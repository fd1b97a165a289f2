import { Type, type TSchema } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import type { App } from '../server.ts';
import { actorOf } from '../server.ts';
import type { RouteDeps } from './deps.ts';
import { EvaluationService } from '../../commands/evaluation.ts';
import { WeakUnitService } from '../../commands/weak-units.ts';
import { evaluationResults } from '../../reports/evaluation.ts';
import { evaluationXlsx, weakUnitsXlsx } from '../../reports/evaluation-xlsx.ts';
import { errorResponses, Id, IdParams, IsoDate, Nullable } from '../schemas.ts';

const LevelT = Type.Union([Type.Literal('excellent'), Type.Literal('good'), Type.Literal('completed'), Type.Literal('failed')]);
const SubjectT = Type.Union([Type.Literal('member'), Type.Literal('organization')]);
const Year = Type.Integer({ minimum: 2014, maximum: 2100 });
const LevelMap = Type.Object({ excellent: Type.String(), good: Type.String(), completed: Type.String(), failed: Type.String() });
const Dist = Type.Object({ excellent: Type.Integer(), good: Type.Integer(), completed: Type.Integer(), failed: Type.Integer(), total: Type.Integer() });
const Format = Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('xlsx')]));

const CampaignT = Type.Object({
  id: Type.Integer(), year: Type.Integer(), quarter: Nullable(Type.Integer()), rootUnitId: Type.Integer(), rootUnitName: Type.String(),
  ruleSetId: Type.String(), ruleSetName: Type.String(), periodStart: Type.String(), periodEnd: Type.String(), reviewDate: Type.String(),
  capException: Type.Boolean(), scored: Type.Array(SubjectT), title: Type.String(), rated: Type.Integer(), decided: Type.Integer(), locked: Type.Integer(),
  levelLabels: Type.Object({ member: LevelMap, organization: LevelMap }),
});
const Finding = { ruleId: Type.String(), source: Type.String(), message: Type.String(), messageEn: Type.String() };
const Change = Type.Object({ subject: SubjectT, id: Type.Integer(), name: Type.String(), from: Nullable(LevelT), to: Nullable(LevelT), missing: Type.Optional(Type.Boolean()) });
const ReportT = Type.Object({
  ok: Type.Boolean(),
  violations: Type.Array(Type.Object({ ...Finding, subject: SubjectT, group: Type.Optional(Type.String()), changes: Type.Array(Change), candidates: Type.Optional(Type.Array(Type.Integer())), mustChange: Type.Integer() })),
  warnings: Type.Array(Type.Object({ ...Finding, subject: SubjectT, id: Type.Integer(), name: Type.String() })),
  notEvaluated: Type.Array(Type.Object({ ...Finding, subject: SubjectT, id: Type.Integer(), name: Type.String() })),
  corrected: Type.Array(Type.Object({ subject: SubjectT, id: Type.Integer(), level: Nullable(LevelT) })),
});
const RowT = Type.Object({
  subject: SubjectT, id: Type.Integer(), name: Type.String(), unitId: Type.Integer(), unitName: Type.String(), kind: Nullable(Type.String()), status: Nullable(Type.String()),
  selfLevel: Nullable(LevelT), proposedLevel: Nullable(LevelT), decidedLevel: Nullable(LevelT), score: Nullable(Type.Number()),
  selfComment: Nullable(Type.String()), proposalComment: Nullable(Type.String()), decisionComment: Nullable(Type.String()), capGroup: Nullable(Type.String()),
  facts: Type.Record(Type.String(), Type.Unknown()), locked: Type.Boolean(), notEvaluated: Nullable(Type.String()),
  disciplines: Type.Array(Type.Object({ date: Type.String(), form: Type.String(), selfRemedied: Type.Optional(Type.Boolean()) })),
  rowVersion: Nullable(Type.Integer()),
});
const UnitParams = Type.Object({ id: Id, unitId: Id });
const WeakCategoryT = Type.Union([Type.Literal('slow_change'), Type.Literal('declining'), Type.Literal('disunited'), Type.Literal('rated_failed')]);
const PlanResultT = Type.Union([Type.Literal('in_progress'), Type.Literal('consolidated'), Type.Literal('carried_over')]);
export const WeakUnitT = Type.Object({
  id: Type.Integer(), unitId: Type.Integer(), code: Type.String(), name: Type.String(), kind: Type.String(), parentName: Nullable(Type.String()),
  weakKind: Type.String(), year: Type.Integer(), categories: Type.Array(Type.String()), causes: Nullable(Type.String()), measures: Nullable(Type.String()),
  responsible: Nullable(Type.String()), deadline: Nullable(Type.String()), progress: Nullable(Type.String()), result: Type.String(), rowVersion: Type.Integer(),
});
const UnitRef = Type.Object({ code: Type.String(), name: Type.String(), kind: Type.String() });
const text = (max = 4000) => Type.Optional(Nullable(Type.String({ maxLength: max })));

export const EvaluationResultsSchema = Type.Object({
  unit: UnitRef, year: Type.Integer(), ruleSet: Type.Object({ id: Type.String(), name: Type.String() }), labels: Type.Object({ member: LevelMap, organization: LevelMap }),
  members: Dist, organizations: Dist,
  byUnit: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), kind: Type.String(), members: Dist, organizations: Dist })),
  years: Type.Array(Type.Object({ year: Type.Integer(), ruleSetId: Type.String(), members: Dist, organizations: Dist })),
  failing: Type.Object({
    members: Type.Array(Type.Object({ memberId: Type.Integer(), fullName: Type.String(), unitCode: Type.String(), unitName: Type.String(), comment: Nullable(Type.String()), previousYearFailed: Type.Boolean() })),
    organizations: Type.Array(Type.Object({ unitId: Type.Integer(), code: Type.String(), name: Type.String(), kind: Type.String(), comment: Nullable(Type.String()) })),
  }),
});

export const WeakUnitsReportSchema = Type.Object({
  unit: UnitRef, year: Type.Integer(), total: Type.Integer(),
  byKind: Type.Record(Type.String(), Type.Integer()), byCategory: Type.Record(Type.String(), Type.Integer()), units: Type.Array(WeakUnitT),
});

export function sendXlsx(reply: unknown, name: string, body: Buffer) {
  // A file, not the JSON of the response schema: send it past the typed serializer.
  const raw = reply as FastifyReply;
  return raw.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="${name}"`).serializer((b: unknown) => b as string).send(body);
}

export function evaluationRoutes(app: App, { database }: RouteDeps) {
  const svc = (request: Parameters<typeof actorOf>[0]) => new EvaluationService(database.db, actorOf(request));
  const weak = (request: Parameters<typeof actorOf>[0]) => new WeakUnitService(database.db, actorOf(request));
  const tags = ['evaluation'];
  const ok = <T extends TSchema>(t: T) => ({ 200: t, ...errorResponses });

  app.get('/evaluation/campaigns', {
    schema: { summary: 'Các đợt đánh giá, xếp loại chất lượng trong phạm vi người dùng', tags, querystring: Type.Object({ year: Type.Optional(Year) }), response: ok(Type.Array(CampaignT)) },
  }, async (request) => svc(request).listCampaigns(request.query));

  app.post('/evaluation/campaigns', {
    schema: {
      summary: 'Mở đợt đánh giá, xếp loại cho một năm (hoặc một quý nếu bộ quy định cho phép) trên một đơn vị và các đơn vị trực thuộc', tags,
      body: Type.Object({ year: Year, quarter: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 4 }))), rootUnitId: Id, reviewDate: Type.Optional(Nullable(IsoDate)), capException: Type.Optional(Type.Boolean()), title: text(300) }),
      response: { 201: CampaignT, ...errorResponses },
    },
  }, async (request, reply) => reply.code(201).send(await svc(request).createCampaign(request.body)));

  app.get('/evaluation/campaigns/:id', {
    schema: { summary: 'Một đợt đánh giá: bộ quy định, kỳ, ngày xét, số đã xếp loại', tags, params: IdParams, response: ok(CampaignT) },
  }, async (request) => svc(request).getCampaign(request.params.id));

  app.get('/evaluation/campaigns/:id/units/:unitId', {
    schema: {
      summary: 'Danh sách đảng viên và tổ chức đảng của một đơn vị trong đợt, với tự nhận, đề xuất, quyết định và kết quả kiểm tra theo quy định', tags, params: UnitParams,
      querystring: Type.Object({ check: Type.Optional(Type.Union([Type.Literal('decided'), Type.Literal('proposed')])) }),
      response: ok(Type.Object({ campaign: CampaignT, unit: Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String(), kind: Type.String() }), rows: Type.Array(RowT), report: ReportT })),
    },
  }, async (request) => {
    const { roster, report } = await svc(request).check(request.params.id, request.params.unitId, request.query.check ?? 'decided');
    return { campaign: roster.campaign, unit: { id: roster.unit.id, code: roster.unit.code, name: roster.unit.name, kind: roster.unit.kind }, rows: roster.rows, report };
  });

  app.put('/evaluation/campaigns/:id/units/:unitId/ratings', {
    schema: {
      summary: 'Ghi tự nhận, đề xuất của chi bộ, quyết định của cấp ủy, điểm, nhận xét (một giao dịch; xếp loại đã quyết định thì bị từ chối)', tags, params: UnitParams,
      body: Type.Object({
        ratings: Type.Array(Type.Object({
          subject: SubjectT, id: Id, selfLevel: Type.Optional(Nullable(LevelT)), proposedLevel: Type.Optional(Nullable(LevelT)), decidedLevel: Type.Optional(Nullable(LevelT)),
          score: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 100 }))), selfComment: text(), proposalComment: text(), decisionComment: text(), capGroup: text(200),
          facts: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
        }), { maxItems: 2000 }),
      }),
      response: ok(Type.Object({ saved: Type.Integer() })),
    },
  }, async (request) => svc(request).saveRatings(request.params.id, request.params.unitId, request.body.ratings));

  app.post('/evaluation/campaigns/:id/units/:unitId/decide', {
    schema: {
      summary: 'Cấp ủy có thẩm quyền quyết định và khóa xếp loại của đơn vị; bị từ chối (400) với danh sách xếp loại phải sửa nếu vi phạm quy định', tags, params: UnitParams,
      response: ok(Type.Object({ locked: Type.Integer(), report: ReportT })),
    },
  }, async (request) => svc(request).decide(request.params.id, request.params.unitId));

  app.post('/evaluation/campaigns/:id/units/:unitId/reopen', {
    schema: {
      summary: 'Mở lại xếp loại đã quyết định (phải có lý do; được ghi nhật ký)', tags, params: UnitParams,
      body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 2000 }), memberIds: Type.Optional(Type.Array(Id, { maxItems: 2000 })) }),
      response: ok(Type.Object({ reopened: Type.Integer() })),
    },
  }, async (request) => svc(request).reopen(request.params.id, request.params.unitId, request.body.reason, request.body.memberIds));

  app.get('/evaluation/campaigns/:id/actions', {
    schema: {
      summary: 'Các lần quyết định và mở lại trong đợt', tags, params: IdParams,
      response: ok(Type.Array(Type.Object({ action: Type.String(), unitId: Type.Integer(), unitName: Type.String(), reason: Nullable(Type.String()), ratings: Type.Integer(), at: Type.String(), by: Nullable(Type.String()) }))),
    },
  }, async (request) => svc(request).actions(request.params.id));

  app.get('/reports/evaluation', {
    schema: {
      summary: 'Kết quả xếp loại: phân bố theo đơn vị và toàn đảng bộ, qua các năm, danh sách không hoàn thành nhiệm vụ', tags: ['reports'],
      querystring: Type.Object({ unitId: Id, year: Year, format: Format }),
      response: ok(EvaluationResultsSchema),
    },
  }, async (request, reply) => {
    const r = await evaluationResults(database.db, actorOf(request), request.query.unitId, request.query.year);
    if (request.query.format === 'xlsx') return sendXlsx(reply, `evaluation-${r.unit.code}-${r.year}.xlsx`, await evaluationXlsx(r));
    return r;
  });

  app.get('/weak-units', {
    schema: { summary: 'Tổ chức đảng yếu kém của một năm với kế hoạch củng cố', tags, querystring: Type.Object({ unitId: Id, year: Year }), response: ok(Type.Array(WeakUnitT)) },
  }, async (request) => weak(request).list(request.query.unitId, request.query.year));

  app.put('/weak-units', {
    schema: {
      summary: 'Đánh giá một tổ chức cơ sở đảng hoặc chi bộ là yếu kém trong năm, với kế hoạch củng cố (nguyên nhân, biện pháp, người phụ trách, thời hạn, tiến độ, kết quả)', tags,
      body: Type.Object({
        unitId: Id, year: Year, categories: Type.Array(WeakCategoryT, { minItems: 1, maxItems: 4 }), causes: text(), measures: text(), responsible: text(300),
        deadline: Type.Optional(Nullable(IsoDate)), progress: text(), result: Type.Optional(PlanResultT), rowVersion: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
      }),
      response: ok(WeakUnitT),
    },
  }, async (request) => weak(request).save(request.body));

  app.get('/weak-units/suggestions', {
    schema: {
      summary: 'Gợi ý tổ chức đảng yếu kém từ dữ liệu: xếp loại không hoàn thành nhiệm vụ, giảm hai mức, nhiều đảng viên bỏ sinh hoạt', tags,
      querystring: Type.Object({ unitId: Id, year: Year }),
      response: ok(Type.Array(Type.Object({
        unitId: Type.Integer(), code: Type.String(), name: Type.String(), kind: Type.String(), category: Type.String(), level: Nullable(LevelT), previousLevel: Nullable(LevelT),
        reasons: Type.Array(Type.Object({ code: Type.String(), vi: Type.String(), en: Type.String() })),
      }))),
    },
  }, async (request) => weak(request).suggestions(request.query.unitId, request.query.year));

  app.get('/reports/weak-units', {
    schema: {
      summary: 'Số tổ chức đảng yếu kém theo loại đơn vị (tổ chức cơ sở đảng, chi bộ trực thuộc đảng bộ cơ sở, chi bộ trực thuộc khác) và danh sách', tags: ['reports'],
      querystring: Type.Object({ unitId: Id, year: Year, format: Format }),
      response: ok(WeakUnitsReportSchema),
    },
  }, async (request, reply) => {
    const r = await weak(request).report(request.query.unitId, request.query.year);
    if (request.query.format === 'xlsx') return sendXlsx(reply, `weak-units-${r.unit.code}-${r.year}.xlsx`, await weakUnitsXlsx(r));
    return r;
  });
}
