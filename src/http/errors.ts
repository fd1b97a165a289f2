// Every error leaves the API as JSON with a stable code, a message (Vietnamese) and, for bad input,
// the list of fields with their reasons.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type FieldError } from '../domain/errors.ts';

const STATUS: Record<string, number> = {
  VALIDATION: 400, NOT_FOUND: 404, CONFLICT: 409, UNAUTHENTICATED: 401, FORBIDDEN: 403, RATE_LIMITED: 429,
  CONFIG: 500, DATABASE_UNAVAILABLE: 503,
};

interface AjvError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

function ajvMessage(e: AjvError): string {
  switch (e.keyword) {
    case 'required': return 'là bắt buộc';
    case 'type': return `phải là ${e.params.type === 'integer' ? 'số nguyên' : e.params.type === 'number' ? 'số' : e.params.type === 'string' ? 'chuỗi' : e.params.type === 'boolean' ? 'đúng/sai' : String(e.params.type)}`;
    case 'format': return e.params.format === 'date' ? 'phải là ngày hợp lệ (YYYY-MM-DD)' : `sai định dạng ${String(e.params.format)}`;
    case 'pattern': return 'sai định dạng';
    case 'minLength': return `phải có ít nhất ${String(e.params.limit)} ký tự`;
    case 'maxLength': return `không được quá ${String(e.params.limit)} ký tự`;
    case 'minimum': return `phải lớn hơn hoặc bằng ${String(e.params.limit)}`;
    case 'maximum': return `phải nhỏ hơn hoặc bằng ${String(e.params.limit)}`;
    case 'enum': return `phải là một trong: ${(e.params.allowedValues as unknown[]).join(', ')}`;
    case 'minItems': return `phải có ít nhất ${String(e.params.limit)} phần tử`;
    default: return e.message ?? 'không hợp lệ';
  }
}

export function ajvToFields(errors: AjvError[]): FieldError[] {
  return errors.map((e) => {
    const base = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
    const field = e.keyword === 'required' ? [base, String(e.params.missingProperty)].filter(Boolean).join('.') : base || '(body)';
    return { field, code: e.keyword, message: `${field}: ${ajvMessage(e)}` };
  });
}

export function errorHandler(error: FastifyError | AppError | Error, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) {
    return reply.code(STATUS[error.code] ?? 500).send({ code: error.code, message: error.message, fields: error.fields });
  }
  const fe = error as FastifyError & { validation?: AjvError[] };
  if (fe.validation) {
    const fields = ajvToFields(fe.validation);
    return reply.code(400).send({ code: 'VALIDATION', message: 'Dữ liệu không hợp lệ', fields });
  }
  if (fe.statusCode === 429) {
    return reply.code(429).send({ code: 'RATE_LIMITED', message: 'Quá nhiều lần thử; hãy đợi một phút rồi thử lại', fields: [] });
  }
  if (fe.statusCode && fe.statusCode < 500) {
    return reply.code(fe.statusCode).send({ code: fe.code ?? 'BAD_REQUEST', message: fe.message, fields: [] });
  }
  request.log.error(error);
  return reply.code(500).send({ code: 'INTERNAL', message: 'Lỗi hệ thống; thao tác chưa được lưu', fields: [] });
}
