import { Type } from '@fastify/type-provider-typebox';
import type { App } from '../server.ts';
import { actorOf } from '../server.ts';
import type { RouteDeps } from './deps.ts';
import { EnterpriseService } from '../../commands/enterprises.ts';
import { enterprisesWithoutParty } from '../../reports/enterprises.ts';
import { OWNERSHIP_KINDS } from '../../domain/recruitment/enterprises.ts';
import { todayIso } from '../../domain/dates.ts';
import { errorResponses, Id, IdParams, IsoDate, Nullable } from '../schemas.ts';

const lit = <T extends readonly string[]>(values: T) => Type.Union(values.map((v) => Type.Literal(v)));
const NStr = Nullable(Type.String());
const NInt = Nullable(Type.Integer());

const Fields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  parkId: Type.Optional(Nullable(Id)),
  unitId: Id,
  ownership: lit(OWNERSHIP_KINDS),
  workers: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 1_000_000 }))),
  hasTradeUnion: Type.Optional(Nullable(Type.Boolean())),
  partyUnitId: Type.Optional(Nullable(Id)),
  note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
};
export const EnterpriseSchema = Type.Object({
  id: Type.Integer(), name: Type.String(), parkId: NInt, parkName: NStr, unitId: Type.Integer(), unitCode: Type.String(), unitName: Type.String(),
  ownership: Type.String(), workers: Type.Integer(), hasTradeUnion: Type.Boolean(), partyUnitId: NInt, partyUnitName: NStr, note: NStr,
  rowVersion: Type.Integer(), candidates: Type.Integer(),
});
const ParkSchema = Type.Object({
  id: Type.Integer(), name: Type.String(), unitId: Type.Integer(), unitName: Type.String(), establishedOn: NStr,
  enterprises: Type.Integer(), workers: Type.Integer(), withoutParty: Type.Integer(),
});
export const WithoutPartySchema = Type.Object({
  date: Type.String(), total: Type.Integer(), workers: Type.Integer(), candidates: Type.Integer(),
  groups: Type.Array(Type.Object({
    parkId: NInt, parkName: NStr, unitId: Type.Integer(), unitCode: Type.String(), unitName: Type.String(),
    enterprises: Type.Array(Type.Object({
      id: Type.Integer(), name: Type.String(), ownership: Type.String(), workers: Type.Integer(), hasTradeUnion: Type.Boolean(),
      candidates: Type.Array(Type.Object({ id: Type.Integer(), fullName: Type.String(), stage: Type.String(), source: Type.String(), unitName: Type.String() })),
    })),
  })),
});

export function enterpriseRoutes(app: App, { database }: RouteDeps) {
  const svc = (request: Parameters<typeof actorOf>[0]) => new EnterpriseService(database.db, actorOf(request));
  const tags = ['enterprises'];

  app.get('/industrial-parks', {
    schema: {
      summary: 'Khu công nghiệp trên địa bàn: số doanh nghiệp, lao động, doanh nghiệp chưa có tổ chức đảng', tags,
      querystring: Type.Object({ unitId: Type.Optional(Id) }), response: { 200: Type.Array(ParkSchema), ...errorResponses },
    },
  }, async (request) => svc(request).parks(request.query.unitId, todayIso()));

  app.post('/industrial-parks', {
    schema: {
      summary: 'Thêm khu công nghiệp', tags,
      body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }), unitId: Id, establishedOn: Type.Optional(Nullable(IsoDate)), note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))) }),
      response: { 201: ParkSchema, ...errorResponses },
    },
  }, async (request, reply) => reply.code(201).send(await svc(request).createPark(request.body)));

  app.get('/enterprises', {
    schema: {
      summary: 'Doanh nghiệp: lọc theo khu công nghiệp, loại hình (Biểu 5), chưa có tổ chức đảng', tags,
      querystring: Type.Object({
        unitId: Type.Optional(Id), parkId: Type.Optional(Id), ownership: Type.Optional(lit(OWNERSHIP_KINDS)),
        withoutParty: Type.Optional(Type.Boolean()), q: Type.Optional(Type.String({ maxLength: 100 })),
      }),
      response: { 200: Type.Array(EnterpriseSchema), ...errorResponses },
    },
  }, async (request) => svc(request).list(request.query, todayIso()));

  app.get('/enterprises/without-party', {
    schema: {
      summary: 'Doanh nghiệp có lao động nhưng chưa có tổ chức đảng, theo khu công nghiệp và đơn vị, với quần chúng làm việc ở đó', tags,
      querystring: Type.Object({ unitId: Type.Optional(Id), date: Type.Optional(IsoDate) }),
      response: { 200: WithoutPartySchema, ...errorResponses },
    },
  }, async (request) => enterprisesWithoutParty(database.db, actorOf(request), request.query.unitId, request.query.date ?? todayIso()));

  app.get('/enterprises/:id', {
    schema: { summary: 'Một doanh nghiệp', tags, params: IdParams, response: { 200: EnterpriseSchema, ...errorResponses } },
  }, async (request) => svc(request).get(request.params.id));

  app.post('/enterprises', {
    schema: { summary: 'Thêm doanh nghiệp', tags, body: Type.Object(Fields), response: { 201: EnterpriseSchema, ...errorResponses } },
  }, async (request, reply) => reply.code(201).send(await svc(request).create(request.body)));

  app.patch('/enterprises/:id', {
    schema: {
      summary: 'Sửa doanh nghiệp (kèm rowVersion đã đọc)', tags, params: IdParams,
      body: Type.Object({ ...Type.Partial(Type.Object(Fields)).properties, rowVersion: Type.Integer({ minimum: 1 }) }),
      response: { 200: EnterpriseSchema, ...errorResponses },
    },
  }, async (request) => {
    const { rowVersion, ...patch } = request.body;
    return svc(request).update(request.params.id, patch, rowVersion);
  });
}
