import { Type } from '@fastify/type-provider-typebox';
import type { App } from '../server.ts';
import { actorOf } from '../server.ts';
import type { RouteDeps } from './deps.ts';
import { MeetingRepository } from '../../db/repos/meetings.ts';
import { workQueues } from '../../reports/work-queues.ts';
import { errorResponses, Id, IdParams, IsoDate, Nullable } from '../schemas.ts';

const Month = Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' });
const MeetingSchema = Type.Object({
  unitId: Type.Integer(), month: Type.String(), heldOn: Nullable(Type.String()), note: Nullable(Type.String()), rowVersion: Nullable(Type.Integer()),
  rows: Type.Array(Type.Object({
    memberId: Type.Integer(), fullName: Type.String(), status: Type.String(), attended: Nullable(Type.Boolean()),
    absenceReason: Nullable(Type.String()), reasonAccepted: Type.Boolean(), duesPaid: Type.Boolean(),
  })),
});
const QueueItem = Type.Object({
  memberId: Type.Integer(), fullName: Type.String(), unitId: Type.Integer(), unitName: Type.String(), due: Nullable(Type.String()),
  daysLeft: Nullable(Type.Integer()), action: Type.String(), detail: Type.Record(Type.String(), Type.Unknown()),
});

export function meetingRoutes(app: App, { database }: RouteDeps) {
  const repo = (request: Parameters<typeof actorOf>[0]) => new MeetingRepository(database.db, actorOf(request));
  const tags = ['cell meetings'];

  app.get('/units/:id/meetings', {
    schema: {
      summary: 'Các buổi sinh hoạt chi bộ trong năm, với số có mặt, vắng, chưa đóng đảng phí', tags, params: IdParams,
      querystring: Type.Object({ year: Type.Integer({ minimum: 1930, maximum: 2100 }) }),
      response: { 200: Type.Array(Type.Object({ month: Type.String(), heldOn: Type.String(), present: Type.Integer(), absent: Type.Integer(), unpaid: Type.Integer() })), ...errorResponses },
    },
  }, async (request) => repo(request).list(request.params.id, request.query.year));

  app.get('/units/:id/meetings/:month', {
    schema: {
      summary: 'Biên bản sinh hoạt chi bộ của một tháng, với danh sách đảng viên của chi bộ tháng đó', tags,
      params: Type.Object({ id: Id, month: Month }),
      response: { 200: MeetingSchema, ...errorResponses },
    },
  }, async (request) => repo(request).get(request.params.id, request.params.month));

  app.put('/units/:id/meetings/:month', {
    schema: {
      summary: 'Ghi sinh hoạt chi bộ của một tháng: có mặt, vắng (lý do, có chính đáng không), đóng đảng phí', tags,
      params: Type.Object({ id: Id, month: Month }),
      body: Type.Object({
        heldOn: IsoDate, note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))), rowVersion: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
        attendance: Type.Array(Type.Object({
          memberId: Id, attended: Type.Boolean(), absenceReason: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
          reasonAccepted: Type.Optional(Type.Boolean()), duesPaid: Type.Boolean(),
        }), { maxItems: 500 }),
      }),
      response: { 200: MeetingSchema, ...errorResponses },
    },
  }, async (request) => repo(request).save(request.params.id, request.params.month, request.body));

  app.get('/queues', {
    schema: {
      summary: 'Việc cần làm: dự bị sắp hết hạn, vắng sinh hoạt hoặc chưa đóng đảng phí từ 2 tháng, chuyển sinh hoạt quá hạn, quần chúng chờ quyết định, lễ kết nạp hoặc chậm tiến độ, việc theo dõi (nhiệm vụ củng cố, ý kiến chỉ đạo) sắp đến hạn hoặc quá hạn', tags: ['work queues'],
      querystring: Type.Object({ unitId: Type.Optional(Id) }),
      response: {
        200: Type.Object({
          asOf: Type.String(), probationEnding: Type.Array(QueueItem), absentOrUnpaid: Type.Array(QueueItem), transfersOverdue: Type.Array(QueueItem),
          candidates: Type.Array(Type.Object({
            candidateId: Type.Integer(), fullName: Type.String(), unitId: Type.Integer(), unitName: Type.String(), stage: Type.String(),
            since: Type.String(), due: Type.String(), daysLeft: Type.Integer(), next: Type.String(),
          })),
          followUps: Type.Array(Type.Object({
            kind: Type.String(), id: Type.Integer(), title: Type.String(), unitId: Type.Integer(), unitName: Type.String(),
            issuerUnitName: Nullable(Type.String()), due: Type.String(), daysLeft: Type.Integer(), link: Type.String(),
          })),
        }),
        ...errorResponses,
      },
    },
  }, async (request) => workQueues(database.db, actorOf(request), request.query.unitId));
}
