import { Type } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import type { App } from '../server.ts';
import { actorOf } from '../server.ts';
import type { RouteDeps } from './deps.ts';
import { attritionReport } from '../../reports/attrition.ts';
import { attritionXlsx } from '../../reports/attrition-xlsx.ts';
import { CounsellingRepository } from '../../db/repos/counselling.ts';
import { memberCounts } from '../../reports/member-counts.ts';
import { movementsReport } from '../../reports/movements.ts';
import { movementsCsv, movementsXlsx } from '../../reports/movements-export.ts';
import { memberCountsCsv, memberCountsXlsx } from '../../reports/member-counts-export.ts';
import { MemberRepository } from '../../db/repos/members.ts';
import { errorResponses, Id, IdParams, IsoDate, Nullable } from '../schemas.ts';

const Counselling = Type.Object({ id: Type.Integer(), metOn: Type.String(), metBy: Type.String(), topic: Type.String(), outcome: Type.String(), note: Nullable(Type.String()) });

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A file, not the JSON of the response schema: sent past the typed serializer. */
export function sendFile(reply: unknown, body: string | Buffer, type: string, filename: string) {
  return (reply as FastifyReply).type(type).header('content-disposition', `attachment; filename="${filename}"`)
    .serializer((b: unknown) => b as string).send(body);
}

const Counts = Type.Record(Type.String(), Type.Integer());

export const AttritionReportSchema = Type.Object({
  unit: Type.Object({ code: Type.String(), name: Type.String(), kind: Type.String() }), since: Type.String(), until: Type.String(),
  total: Type.Integer(), byReason: Type.Record(Type.String(), Type.Integer()), byOutcome: Type.Record(Type.String(), Type.Integer()),
  people: Type.Array(Type.Object({
    memberId: Type.Integer(), fullName: Type.String(), unitCode: Type.String(), unitName: Type.String(), reason: Type.String(), outcome: Type.String(),
    settledOn: Nullable(Type.String()), decisionNumber: Nullable(Type.String()),
    counselling: Type.Array(Type.Object({ metOn: Type.String(), metBy: Type.String(), outcome: Type.String(), note: Nullable(Type.String()) })),
  })),
});

export function reportRoutes(app: App, { database }: RouteDeps) {
  app.get('/members/:id/counselling', {
    schema: { summary: 'Các lần gặp gỡ, động viên đảng viên', tags: ['attrition'], params: IdParams, response: { 200: Type.Array(Counselling), ...errorResponses } },
  }, async (request) => new CounsellingRepository(database.db, actorOf(request)).list(request.params.id));

  app.post('/members/:id/counselling', {
    schema: {
      summary: 'Ghi một lần gặp gỡ, động viên', tags: ['attrition'], params: IdParams,
      body: Type.Object({
        metOn: IsoDate, metBy: Type.String({ minLength: 1, maxLength: 200 }),
        topic: Type.Union([Type.Literal('abandoned_activities'), Type.Literal('unpaid_dues'), Type.Literal('asked_to_leave')]),
        outcome: Type.Union([Type.Literal('returned'), Type.Literal('persists'), Type.Literal('unreachable')]),
        note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
      }),
      response: { 201: Counselling, ...errorResponses },
    },
  }, async (request, reply) => reply.code(201).send(await new CounsellingRepository(database.db, actorOf(request)).add(request.params.id, { note: null, ...request.body })));

  app.get('/reports/members', {
    schema: {
      summary: 'Đội ngũ đảng viên của một đơn vị tại một ngày (Biểu 3): theo trạng thái, giới tính, tuổi, dân tộc, tôn giáo, trình độ, tuổi đảng, và từng đơn vị trực thuộc (tính từ lịch sử)', tags: ['reports'],
      querystring: Type.Object({ unitId: Id, asOf: Type.Optional(IsoDate), format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv'), Type.Literal('xlsx')])) }),
      response: {
        200: Type.Object({
          unit: Type.Object({ code: Type.String(), name: Type.String(), kind: Type.String() }), asOf: Type.String(), ageBasis: Type.String(), total: Type.Integer(),
          byStatus: Counts, bySex: Counts, byAgeBand: Counts, averageAge: Nullable(Type.Number()), byAdmissionEra: Counts, byPartyAgeBand: Counts,
          byEthnicity: Counts, byReligion: Counts, byGeneralEducation: Counts, byProfessional: Counts, byTheory: Counts,
          children: Type.Array(Type.Object({ unitId: Type.Integer(), code: Type.String(), name: Type.String(), kind: Type.String(), total: Type.Integer(), byStatus: Counts, female: Type.Integer(), byStatusAndSex: Type.Record(Type.String(), Counts) })),
        }),
        ...errorResponses,
      },
    },
  }, async (request, reply) => {
    const result = await memberCounts(database.db, actorOf(request), request.query.unitId, request.query.asOf);
    const name = `dang-vien-${result.unit.code}-${result.asOf}`;
    if (request.query.format === 'csv') return sendFile(reply, memberCountsCsv(result), 'text/csv; charset=utf-8', `${name}.csv`);
    if (request.query.format === 'xlsx') return sendFile(reply, await memberCountsXlsx(result), XLSX_TYPE, `${name}.xlsx`);
    return result;
  });

  const totals = {
    from: Type.String(), to: Type.String(), opening: Type.Integer(), increases: Counts, decreases: Counts, removedProbationary: Type.Integer(),
    totalIncrease: Type.Integer(), totalDecrease: Type.Integer(), closing: Type.Integer(),
  };
  app.get('/reports/movements', {
    schema: {
      summary: 'Tăng, giảm đảng viên trong một kỳ (Biểu 1): đầu kỳ, kết nạp, chuyển đến, từ trần, khai trừ, xóa tên, xin ra, chuyển đi, cuối kỳ; so với cùng kỳ năm trước', tags: ['reports'],
      querystring: Type.Object({ unitId: Id, from: IsoDate, to: IsoDate, format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv'), Type.Literal('xlsx')])) }),
      response: {
        200: Type.Object({
          ...totals,
          unit: Type.Object({ code: Type.String(), name: Type.String(), kind: Type.String() }),
          previousYear: Nullable(Type.Object(totals)),
          people: Type.Array(Type.Object({ memberId: Type.Integer(), fullName: Type.String(), date: Type.String(), kind: Type.String(), wasProbationary: Type.Boolean() })),
        }),
        ...errorResponses,
      },
    },
  }, async (request, reply) => {
    const { unitId, from, to, format } = request.query;
    const result = await movementsReport(database.db, actorOf(request), unitId, from, to);
    const name = `tang-giam-${result.unit.code}-${from}-${to}`;
    if (format === 'csv') return sendFile(reply, movementsCsv(result), 'text/csv; charset=utf-8', `${name}.csv`);
    if (format === 'xlsx') return sendFile(reply, await movementsXlsx(result), XLSX_TYPE, `${name}.xlsx`);
    return result;
  });

  app.get('/members/:id/on', {
    schema: {
      summary: 'Trạng thái và chi bộ của đảng viên vào một ngày', tags: ['members'], params: IdParams,
      querystring: Type.Object({ date: IsoDate }),
      response: { 200: Type.Object({ date: Type.String(), status: Nullable(Type.String()), unitId: Nullable(Type.Integer()), unitCode: Nullable(Type.String()), unitName: Nullable(Type.String()) }), ...errorResponses },
    },
  }, async (request) => new MemberRepository(database.db, actorOf(request)).stateOn(request.params.id, request.query.date));

  app.get('/reports/attrition', {
    schema: {
      summary: 'Đảng viên bỏ sinh hoạt, xin ra khỏi Đảng: số theo lý do, theo kết quả giải quyết, và danh sách', tags: ['reports'],
      querystring: Type.Object({ unitId: Id, since: IsoDate, until: Type.Optional(IsoDate), format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('xlsx')])) }),
      response: {
        200: AttritionReportSchema,
        ...errorResponses,
      },
    },
  }, async (request, reply) => {
    const { unitId, since, until, format } = request.query;
    const report = await attritionReport(database.db, actorOf(request), unitId, since, until);
    if (format === 'xlsx') {
      return sendFile(reply, await attritionXlsx(report), XLSX_TYPE, `attrition-${report.unit.code}-${since}.xlsx`);
    }
    return report;
  });
}
