import { Type } from '@fastify/type-provider-typebox';
import type { App } from '../server.ts';
import { actorOf } from '../server.ts';
import type { RouteDeps } from './deps.ts';
import { RestructureService } from '../../commands/restructure.ts';
import { RESTRUCTURE_KINDS } from '../../domain/restructure.ts';
import { UNIT_KINDS } from '../../domain/units.ts';
import { errorResponses, Id, IdParams, IsoDate, Nullable } from '../schemas.ts';

const lit = <T extends readonly string[]>(values: T) => Type.Union(values.map((v) => Type.Literal(v)));
const OptId = Type.Optional(Nullable(Id));
const UnitCode = Type.String({ pattern: '^[0-9A-Za-z._-]{1,20}$' });
const NewUnit = Type.Object({ code: UnitCode, name: Type.String({ minLength: 1, maxLength: 200 }), kind: lit(UNIT_KINDS), parentId: Id });

export const OperationBody = Type.Object({
  kind: lit(RESTRUCTURE_KINDS),
  effectiveDate: IsoDate,
  decisionNumber: Type.String({ minLength: 1, maxLength: 60 }),
  decisionDate: Type.Optional(Nullable(IsoDate)),
  issuedBy: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  note: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
  unitId: OptId,
  parentId: OptId,
  name: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  code: Type.Optional(Nullable(UnitCode)),
  unitKind: Type.Optional(Nullable(lit(UNIT_KINDS))),
  newUnit: Type.Optional(Nullable(NewUnit)),
  sourceIds: Type.Optional(Nullable(Type.Array(Id, { maxItems: 200 }))),
  targetId: OptId,
  sourceId: OptId,
  successors: Type.Optional(Nullable(Type.Array(Type.Object({
    unitId: OptId, code: Type.Optional(Nullable(UnitCode)), name: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    kind: Type.Optional(Nullable(lit(UNIT_KINDS))), parentId: OptId,
  }), { maxItems: 50 }))),
  members: Type.Optional(Nullable(Type.Array(Type.Object({ memberId: Id, successor: Type.Integer({ minimum: 0 }) }), { maxItems: 20000 }))),
  subUnits: Type.Optional(Nullable(Type.Array(Type.Object({ unitId: Id, successor: Type.Integer({ minimum: 0 }) }), { maxItems: 2000 }))),
  defaultSuccessor: Type.Optional(Nullable(Type.Integer({ minimum: 0 }))),
  membersTo: OptId,
  subUnitsTo: OptId,
});

const UnitLabel = { id: Nullable(Type.Integer()), code: Type.String(), name: Type.String(), kind: Type.String() };
const Preview = Type.Object({
  kind: Type.String(), effectiveDate: Type.String(),
  created: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), kind: Type.String(), parentName: Type.String() })),
  ended: Type.Array(Type.Object(UnitLabel)),
  changed: Type.Array(Type.Object({ ...UnitLabel, newCode: Nullable(Type.String()), newName: Nullable(Type.String()), newKind: Nullable(Type.String()), newParentName: Nullable(Type.String()) })),
  members: Type.Object({ count: Type.Integer(), sample: Type.Array(Type.Object({ id: Type.Integer(), fullName: Type.String(), from: Type.String(), to: Type.String() })) }),
  membersWithSubUnits: Type.Integer(),
  openItems: Type.Array(Type.Object({ key: Type.String(), label: Type.String(), count: Type.Integer() })),
  successions: Type.Array(Type.Object({ from: Type.String(), to: Type.String() })),
});
export const RestructuringSchema = Type.Object({
  id: Type.Integer(), kind: Type.String(), kindLabel: Type.String(), effectiveDate: Type.String(), decisionNumber: Type.String(),
  decisionDate: Nullable(Type.String()), issuedBy: Nullable(Type.String()), note: Nullable(Type.String()),
  units: Type.Array(Type.Object({ ...UnitLabel, role: Type.String() })), memberCount: Type.Integer(),
  createdBy: Type.String(), createdAt: Type.String(), undoneById: Nullable(Type.Integer()), undoesId: Nullable(Type.Integer()),
});

export function restructuringRoutes(app: App, { database }: RouteDeps) {
  const service = (request: Parameters<typeof actorOf>[0]) => new RestructureService(database.db, actorOf(request));
  const tags = ['restructurings'];

  app.post('/restructurings/preview', {
    schema: {
      summary: 'Xem trước một thao tác sắp xếp tổ chức: đơn vị, đảng viên, việc đang mở sẽ chuyển; không lưu', tags,
      description: 'kind: create | rename | move | merge | split | dissolve. Các trường dùng theo kind (xem POST /restructurings).',
      body: OperationBody,
      response: { 200: Preview, ...errorResponses },
    },
  }, async (request) => service(request).preview(request.body));

  app.post('/restructurings', {
    schema: {
      summary: 'Thực hiện một thao tác sắp xếp tổ chức (một giao dịch, một bản ghi có nhật ký)', tags,
      description: 'create: newUnit. rename: unitId + name/code/unitKind. move: unitId + parentId. merge: sourceIds + targetId (có sẵn) hoặc newUnit. '
        + 'split: sourceId + successors (unitId hoặc code/name/kind/parentId) + members / subUnits (chỉ số đơn vị kế tiếp) + defaultSuccessor. '
        + 'dissolve: unitId + membersTo (bắt buộc khi còn đảng viên) + subUnitsTo (mặc định: cấp trên).',
      body: OperationBody,
      response: { 201: RestructuringSchema, ...errorResponses },
    },
  }, async (request, reply) => reply.code(201).send(await service(request).apply(request.body)));

  app.get('/restructurings', {
    schema: {
      summary: 'Các thao tác sắp xếp tổ chức liên quan đến một đơn vị', tags,
      querystring: Type.Object({ unitId: Id }),
      response: { 200: Type.Array(RestructuringSchema), ...errorResponses },
    },
  }, async (request) => service(request).list(request.query.unitId));

  app.post('/restructurings/:id/undo', {
    schema: {
      summary: 'Hủy một thao tác sắp xếp tổ chức bằng thao tác ngược lại (từ chối nếu thao tác sau phụ thuộc vào nó)', tags, params: IdParams,
      body: Type.Object({ decisionNumber: Type.Optional(Nullable(Type.String({ maxLength: 60 }))), note: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))) }),
      response: { 201: RestructuringSchema, ...errorResponses },
    },
  }, async (request, reply) => reply.code(201).send(await service(request).undo(request.params.id, request.body)));
}
