import { Type } from '@fastify/type-provider-typebox';
import type { App } from '../server.ts';
import { actorOf } from '../server.ts';
import type { RouteDeps } from './deps.ts';
import { MemberRepository } from '../../db/repos/members.ts';
import { AuditRepository } from '../../db/repos/audit.ts';
import { AGE_BANDS, MEMBER_STATUSES, POLITICAL_THEORY_LEVELS } from '../../domain/members.ts';
import { UNIT_KINDS } from '../../domain/units.ts';
import { errorResponses, Id, IdParams, IsoDate, Nullable } from '../schemas.ts';

const Str = (max: number) => Type.Optional(Nullable(Type.String({ maxLength: max })));
const OptDate = Type.Optional(Nullable(IsoDate));
const Status = Type.Union(MEMBER_STATUSES.map((s) => Type.Literal(s)));

/** Profile fields of form 2-HSĐV as the API names them. */
const ProfileFields = {
  fullName: Type.String({ minLength: 1, maxLength: 100 }),
  otherNames: Str(100),
  sex: Type.Union([Type.Literal('male'), Type.Literal('female')]),
  birthDate: IsoDate,
  birthProvinceCode: Type.Optional(Nullable(Type.String({ pattern: '^[0-9]{2,3}$' }))),
  birthPlace: Str(200),
  homeTown: Str(200),
  ethnicity: Str(50),
  religion: Str(50),
  citizenId: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
  cardNumber: Str(20),
  educationGeneral: Str(20),
  educationProfessional: Str(200),
  politicalTheory: Type.Optional(Nullable(Type.Union(POLITICAL_THEORY_LEVELS.map((l) => Type.Literal(l))))),
  occupation: Str(200),
  phone: Str(20),
  admissionDate: OptDate,
  officialDate: OptDate,
  note: Str(2000),
};

const MemberSchema = Type.Object({
  id: Type.Integer(),
  fullName: Type.String(), otherNames: Nullable(Type.String()), sex: Type.String(), birthDate: Type.String(),
  birthProvinceCode: Nullable(Type.String()), birthPlace: Nullable(Type.String()), homeTown: Nullable(Type.String()),
  ethnicity: Nullable(Type.String()), religion: Nullable(Type.String()), citizenId: Nullable(Type.String()), cardNumber: Nullable(Type.String()),
  educationGeneral: Nullable(Type.String()), educationProfessional: Nullable(Type.String()), politicalTheory: Nullable(Type.String()),
  occupation: Nullable(Type.String()), phone: Nullable(Type.String()), admissionDate: Nullable(Type.String()), officialDate: Nullable(Type.String()),
  note: Nullable(Type.String()),
  status: Type.String(), unitId: Type.Integer(), unitName: Type.String(), unitCode: Type.String(), rowVersion: Type.Integer(), updatedAt: Type.String(),
});

export const AuditEntrySchema = Type.Object({
  id: Type.Integer(), at: Type.String(), actorName: Type.String(), actorFullName: Nullable(Type.String()), action: Type.String(), entity: Type.String(),
  before: Nullable(Type.Record(Type.String(), Type.Unknown())), after: Nullable(Type.Record(Type.String(), Type.Unknown())),
  changed: Type.Array(Type.String()),
});

export function memberRoutes(app: App, { database }: RouteDeps) {
  const repo = (request: Parameters<typeof actorOf>[0]) => new MemberRepository(database.db, actorOf(request));
  const tags = ['members'];

  app.get('/members', {
    schema: {
      summary: 'Danh sách đảng viên của một đơn vị và các đơn vị trực thuộc', tags,
      querystring: Type.Object({
        unitId: Type.Optional(Id),
        q: Type.Optional(Type.String({ maxLength: 100, description: 'Tên (có hoặc không dấu), số CCCD hoặc số thẻ' })),
        status: Type.Optional(Type.Array(Status)),
        sex: Type.Optional(Type.Union([Type.Literal('male'), Type.Literal('female')])),
        ageBand: Type.Optional(Type.Union(AGE_BANDS.map((b) => Type.Literal(b)))),
        unitKind: Type.Optional(Type.Union(UNIT_KINDS.map((k) => Type.Literal(k)))),
        page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
        pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
      }),
      response: {
        200: Type.Object({
          total: Type.Integer(), totalCapped: Type.Boolean({ description: 'total là giới hạn đếm: có nhiều hơn' }), page: Type.Integer(), pageSize: Type.Integer(),
          items: Type.Array(Type.Object({
            id: Type.Integer(), fullName: Type.String(), sex: Type.String(), birthDate: Type.String(), status: Type.String(),
            admissionDate: Nullable(Type.String()), unitId: Type.Integer(), unitName: Type.String(), unitCode: Type.String(),
          })),
        }),
        ...errorResponses,
      },
    },
  }, async (request) => repo(request).list(request.query));

  app.get('/members/:id', {
    schema: { summary: 'Hồ sơ đảng viên', tags, params: IdParams, response: { 200: MemberSchema, ...errorResponses } },
  }, async (request) => repo(request).get(request.params.id));

  app.get('/members/:id/periods', {
    schema: {
      summary: 'Quá trình trạng thái và nơi sinh hoạt theo thời gian', tags, params: IdParams,
      response: {
        200: Type.Array(Type.Object({ validFrom: Type.String(), validTo: Nullable(Type.String()), status: Type.String(), unitId: Type.Integer(), unitName: Type.String(), decision: Nullable(Type.String()) })),
        ...errorResponses,
      },
    },
  }, async (request) => repo(request).periods(request.params.id));

  app.get('/members/:id/history', {
    schema: { summary: 'Nhật ký thay đổi hồ sơ', tags, params: IdParams, response: { 200: Type.Array(AuditEntrySchema), ...errorResponses } },
  }, async (request) => new AuditRepository(database.db, actorOf(request)).forMember(request.params.id));

  app.post('/members', {
    schema: {
      summary: 'Thêm đảng viên vào sổ (đảng viên đã có từ trước, ví dụ chuyển đến hoặc nhập hồ sơ cũ)', tags,
      body: Type.Object({ ...ProfileFields, unitId: Id, status: Status, since: Type.Optional(IsoDate) }),
      response: { 201: MemberSchema, ...errorResponses },
    },
  }, async (request, reply) => reply.code(201).send(await repo(request).create(request.body)));

  app.patch('/members/:id', {
    schema: {
      summary: 'Sửa hồ sơ đảng viên (kèm rowVersion đã đọc, để không ghi đè thay đổi của người khác)', tags, params: IdParams,
      body: Type.Object({ ...Type.Partial(Type.Object(ProfileFields)).properties, rowVersion: Type.Integer({ minimum: 1 }) }),
      response: { 200: MemberSchema, ...errorResponses },
    },
  }, async (request) => {
    const { rowVersion, ...patch } = request.body;
    return repo(request).update(request.params.id, patch, rowVersion);
  });
}
