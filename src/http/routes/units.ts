import { Type } from '@fastify/type-provider-typebox';
import type { App } from '../server.ts';
import { actorOf } from '../server.ts';
import type { RouteDeps } from './deps.ts';
import { UnitRepository } from '../../db/repos/units.ts';
import { AuditRepository } from '../../db/repos/audit.ts';
import { UNIT_KINDS } from '../../domain/units.ts';
import { todayIso } from '../../domain/dates.ts';
import { errorResponses, Id, IdParams, IsoDate, Nullable } from '../schemas.ts';
import { AuditEntrySchema } from './members.ts';

const UnitSummary = Type.Object({
  id: Type.Integer(), code: Type.String(), name: Type.String(), kind: Type.String(),
  parentId: Nullable(Type.Integer()), childCount: Type.Integer(), memberCount: Type.Integer(),
});
const UnitDetail = Type.Object({
  ...UnitSummary.properties,
  path: Type.String(), establishedOn: Type.String(), dissolvedOn: Nullable(Type.String()), note: Nullable(Type.String()),
  rowVersion: Type.Integer(),
  ancestors: Type.Array(Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String(), kind: Type.String() })),
  byStatus: Type.Record(Type.String(), Type.Integer()),
});
const Kind = Type.Union(UNIT_KINDS.map((k) => Type.Literal(k)));
const UnitCode = Type.String({ pattern: '^[0-9A-Za-z._-]{1,20}$' });

export function unitRoutes(app: App, { database }: RouteDeps) {
  const repo = (request: Parameters<typeof actorOf>[0]) => new UnitRepository(database.db, actorOf(request));
  const tags = ['units'];

  app.get('/units/roots', {
    schema: {
      summary: 'Đơn vị gốc trong phạm vi của người dùng, hôm nay hoặc tại một ngày', tags,
      querystring: Type.Object({ asOf: Type.Optional(IsoDate) }),
      response: { 200: Type.Array(UnitSummary), ...errorResponses },
    },
  }, async (request) => repo(request).roots(request.query.asOf));

  app.get('/units/search', {
    schema: {
      summary: 'Tìm đơn vị theo tên (không dấu) hoặc mã', tags,
      description: 'date: tìm trong cây của ngày đó, theo tên và mã của ngày đó (mã có thể được dùng lại).',
      querystring: Type.Object({ q: Type.String({ minLength: 1, maxLength: 100 }), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })), date: Type.Optional(IsoDate) }),
      response: { 200: Type.Array(UnitSummary), ...errorResponses },
    },
  }, async (request) => repo(request).search(request.query.q, request.query.limit, request.query.date));

  app.get('/units/resolve', {
    schema: {
      summary: 'Đơn vị mang mã này vào một ngày (mã có thể được dùng lại)', tags,
      description: 'date mặc định là hôm nay. Khi ngày đó không đơn vị nào mang mã, lỗi 404 nêu các đơn vị đã mang mã và thời gian.',
      querystring: Type.Object({ code: UnitCode, date: Type.Optional(IsoDate) }),
      response: { 200: Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String(), kind: Type.String(), date: Type.String() }), ...errorResponses },
    },
  }, async (request) => {
    const date = request.query.date ?? todayIso();
    const r = repo(request);
    const id = await r.resolveCode(request.query.code, date);
    const version = await r.versionOn(id, date);
    return { id, code: version.code, name: version.name, kind: version.kind, date };
  });

  app.get('/units/:id', {
    schema: { summary: 'Thông tin đơn vị', tags, params: IdParams, response: { 200: UnitDetail, ...errorResponses } },
  }, async (request) => repo(request).get(request.params.id));

  app.get('/units/:id/children', {
    schema: {
      summary: 'Đơn vị trực thuộc, hôm nay hoặc tại một ngày', tags, params: IdParams,
      querystring: Type.Object({ asOf: Type.Optional(IsoDate) }),
      response: { 200: Type.Array(UnitSummary), ...errorResponses },
    },
  }, async (request) => repo(request).children(request.params.id, request.query.asOf));

  app.get('/units/:id/versions', {
    schema: {
      summary: 'Lịch sử tên, mã, loại và cấp trên của đơn vị', tags, params: IdParams,
      response: {
        200: Type.Array(Type.Object({
          validFrom: Type.String(), validTo: Nullable(Type.String()), code: Type.String(), name: Type.String(), kind: Type.String(),
          parentId: Nullable(Type.Integer()), parentName: Nullable(Type.String()), decision: Nullable(Type.String()),
        })),
        ...errorResponses,
      },
    },
  }, async (request) => repo(request).versions(request.params.id));

  app.get('/units/:id/history', {
    schema: { summary: 'Nhật ký thay đổi của đơn vị', tags, params: IdParams, response: { 200: Type.Array(AuditEntrySchema), ...errorResponses } },
  }, async (request) => new AuditRepository(database.db, actorOf(request)).forUnit(request.params.id));

  app.post('/units', {
    schema: {
      summary: 'Thành lập đơn vị', tags,
      body: Type.Object({
        code: UnitCode, name: Type.String({ minLength: 1, maxLength: 200 }), kind: Kind, parentId: Id,
        effectiveDate: IsoDate, decision: Type.Optional(Nullable(Type.String({ maxLength: 60 }))), note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
      }),
      response: { 201: UnitDetail, ...errorResponses },
    },
  }, async (request, reply) => {
    const unit = await repo(request).create(request.body);
    return reply.code(201).send(unit);
  });

  app.patch('/units/:id', {
    schema: {
      summary: 'Đổi tên, mã, loại hoặc chuyển đơn vị cấp trên, từ một ngày hiệu lực', tags, params: IdParams,
      body: Type.Object({
        name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })), code: Type.Optional(UnitCode), kind: Type.Optional(Kind),
        parentId: Type.Optional(Id), note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
        effectiveDate: IsoDate, decision: Type.Optional(Nullable(Type.String({ maxLength: 60 }))), rowVersion: Type.Integer({ minimum: 1 }),
      }),
      response: { 200: UnitDetail, ...errorResponses },
    },
  }, async (request) => repo(request).update(request.params.id, request.body));
}
