import { Type } from '@fastify/type-provider-typebox';
import type { App } from '../server.ts';
import { actorOf } from '../server.ts';
import type { RouteDeps } from './deps.ts';
import { unitLineage } from '../../db/repos/lineage.ts';
import { errorResponses, IdParams, Nullable } from '../schemas.ts';

const Link = Type.Object({
  unitId: Type.Integer(), code: Type.String(), name: Type.String(), kind: Type.String(), effectiveOn: Type.String(),
  operation: Type.String(), decision: Nullable(Type.String()), note: Nullable(Type.String()), restructuringId: Nullable(Type.Integer()),
});
const Lineage = Type.Object({
  unitId: Type.Integer(), establishedOn: Type.String(), dissolvedOn: Nullable(Type.String()),
  versions: Type.Array(Type.Object({
    validFrom: Type.String(), validTo: Nullable(Type.String()), code: Type.String(), name: Type.String(), kind: Type.String(),
    parentId: Nullable(Type.Integer()), parentName: Nullable(Type.String()), decision: Nullable(Type.String()),
  })),
  predecessors: Type.Array(Link),
  successors: Type.Array(Link),
});

export function lineageRoutes(app: App, { database }: RouteDeps) {
  app.get('/units/:id/lineage', {
    schema: {
      summary: 'Quá trình của đơn vị: tên, mã, loại, cấp trên theo thời gian; đơn vị tiền thân và kế tiếp với số nghị quyết, quyết định và ghi chú', tags: ['units'],
      description: 'Đơn vị tiền thân được gọi theo tên, mã của ngày trước ngày hiệu lực; đơn vị kế tiếp theo ngày hiệu lực. Ghi chú nêu cả các giả định (ví dụ đơn vị nhận xã Tân Mỹ).',
      params: IdParams,
      response: { 200: Lineage, ...errorResponses },
    },
  }, async (request) => unitLineage(database.db, actorOf(request), request.params.id));
}
