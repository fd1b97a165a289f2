import { Type } from '@fastify/type-provider-typebox';
import type { App } from '../server.ts';
import { actorOf } from '../server.ts';
import type { RouteDeps } from './deps.ts';
import { MemberEventService } from '../../commands/member-events.ts';
import { EVENT_KINDS, REMOVAL_REASONS, DISCIPLINE_FORMS } from '../../domain/lifecycle/events.ts';
import { errorResponses, Id, IdParams, IsoDate, Nullable } from '../schemas.ts';

const lit = <T extends readonly string[]>(values: T) => Type.Union(values.map((v) => Type.Literal(v)));
const OptStr = (max: number) => Type.Optional(Nullable(Type.String({ maxLength: max })));
const OptDate = Type.Optional(Nullable(IsoDate));

const EventFields = {
  kind: lit(EVENT_KINDS),
  effectiveDate: IsoDate,
  decisionNumber: OptStr(40),
  decisionDate: OptDate,
  issuedBy: OptStr(200),
  note: OptStr(2000),
  attachments: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 20 })),
  voidsEventId: Type.Optional(Nullable(Id)),
  unitId: Type.Optional(Nullable(Id)),
  toUnitId: Type.Optional(Nullable(Id)),
  hostUnitId: Type.Optional(Nullable(Id)),
  until: OptDate,
  purpose: Type.Optional(Nullable(Type.Union([Type.Literal('work'), Type.Literal('study')]))),
  reason: Type.Optional(Nullable(lit(REMOVAL_REASONS))),
  form: Type.Optional(Nullable(lit(DISCIPLINE_FORMS))),
  ground: Type.Optional(Nullable(Type.Union([Type.Literal('age_health'), Type.Literal('other')]))),
  letterNumber: OptStr(40),
  letterDeadline: OptDate,
  cellResolutionDate: OptDate,
};

const RuleMessage = Type.Object({
  ruleId: Type.String(), source: Type.String(), message: Type.String(), messageEn: Type.String(),
  field: Type.Optional(Type.String()), validFrom: Type.Optional(Type.String()),
});

const EventSchema = Type.Object({
  ...Type.Partial(Type.Object(EventFields)).properties,
  kind: Type.String(), effectiveDate: Type.String(),
  reason: Type.Optional(Nullable(Type.String())), form: Type.Optional(Nullable(Type.String())),
  purpose: Type.Optional(Nullable(Type.String())), ground: Type.Optional(Nullable(Type.String())),
  id: Type.Integer(), memberId: Type.Integer(), voidedBy: Nullable(Type.Integer()), recordedAt: Type.String(), recordedBy: Nullable(Type.String()),
});

export function memberEventRoutes(app: App, { database }: RouteDeps) {
  const service = (request: Parameters<typeof actorOf>[0]) => new MemberEventService(database.db, actorOf(request));
  const tags = ['member events'];

  app.get('/members/:id/events', {
    schema: { summary: 'Các sự kiện (quyết định) trong quá trình đảng viên, theo ngày hiệu lực', tags, params: IdParams, response: { 200: Type.Array(EventSchema), ...errorResponses } },
  }, async (request) => service(request).list(request.params.id));

  app.get('/members/:id/actions', {
    schema: {
      summary: 'Các thao tác có thể ghi tiếp cho đảng viên (theo trạng thái hiện tại)', tags, params: IdParams,
      response: {
        200: Type.Object({
          status: Type.String(), grade: Nullable(Type.String()), events: Type.Array(Type.String()),
          removalReasons: Type.Array(Type.String()), disciplineForms: Type.Array(Type.String()), lastDate: Nullable(Type.String()),
        }),
        ...errorResponses,
      },
    },
  }, async (request) => service(request).actions(request.params.id));

  app.post('/members/:id/events/check', {
    schema: {
      summary: 'Kiểm tra một sự kiện theo quy định của Đảng tại ngày của nó, không lưu', tags, params: IdParams,
      body: Type.Object(EventFields),
      response: { 200: Type.Object({ ok: Type.Boolean(), errors: Type.Array(RuleMessage), warnings: Type.Array(RuleMessage), statusAfter: Nullable(Type.String()) }), ...errorResponses },
    },
  }, async (request) => service(request).check(request.params.id, request.body));

  app.post('/members/:id/events', {
    schema: {
      summary: 'Ghi một sự kiện: kết nạp, công nhận chính thức, chuyển sinh hoạt, miễn sinh hoạt, xóa tên, kỷ luật, từ trần, hủy sự kiện…', tags, params: IdParams,
      description: 'rowVersion: phiên bản hồ sơ đã đọc (thay đổi đồng thời bị từ chối với 409). requestKey: khóa của lần gửi; gửi lại cùng khóa chỉ ghi một lần.',
      body: Type.Object({ ...EventFields, rowVersion: Type.Integer({ minimum: 1 }), requestKey: Type.Optional(Type.String({ minLength: 8, maxLength: 100 })) }),
      response: { 200: Type.Object({ event: EventSchema, warnings: Type.Array(RuleMessage), replayed: Type.Boolean() }), 201: Type.Object({ event: EventSchema, warnings: Type.Array(RuleMessage), replayed: Type.Boolean() }), ...errorResponses },
    },
  }, async (request, reply) => {
    const { rowVersion, requestKey, ...input } = request.body;
    const result = await service(request).record(request.params.id, input, rowVersion, requestKey);
    return reply.code(result.replayed ? 200 : 201).send(result);
  });
}
