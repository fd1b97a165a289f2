// Schemas shared by routes (TypeBox: JSON Schema with static types).
import { Type, type TSchema } from '@fastify/type-provider-typebox';

export const ErrorBody = Type.Object({
  code: Type.String(),
  message: Type.String(),
  fields: Type.Optional(Type.Array(Type.Object({ field: Type.String(), code: Type.String(), message: Type.String() }))),
}, { $id: undefined });

export const IsoDate = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
export const Id = Type.Integer({ minimum: 1 });
export const IdParams = Type.Object({ id: Id });
export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/** Standard error responses, documented on every route. */
export const errorResponses = {
  400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody,
};
