// The delegation's brief (issue 10 §6): every section is the schema of its own report, so the OpenAPI
// document says exactly what the separate reports say; `document` is the text the screen and the PDF show.
import { Type } from '@fastify/type-provider-typebox';
import type { App } from '../server.ts';
import { actorOf } from '../server.ts';
import type { RouteDeps } from './deps.ts';
import { delegationBrief } from '../../reports/brief.ts';
import { briefDocument } from '../../reports/brief-document.ts';
import { briefFile } from '../../reports/brief-file.ts';
import { todayIso } from '../../domain/dates.ts';
import { errorResponses, Id, IsoDate, Nullable } from '../schemas.ts';
import { sendFile, XLSX_TYPE, AttritionReportSchema } from './reports.ts';
import { ReportSchema as DisseminationReportSchema } from './dissemination.ts';
import { EvaluationResultsSchema, WeakUnitsReportSchema } from './evaluation.ts';
import { ResignationReportSchema } from './resignations.ts';
import { RecruitmentReportSchema } from './candidates.ts';
import { DirectivesReportSchema } from './visits.ts';

const Block = Type.Union([
  Type.Object({ kind: Type.Literal('heading'), text: Type.String() }),
  Type.Object({ kind: Type.Literal('paragraph'), text: Type.String() }),
  Type.Object({ kind: Type.Literal('bullets'), items: Type.Array(Type.String()) }),
  Type.Object({ kind: Type.Literal('table'), columns: Type.Array(Type.String()), widths: Type.Array(Type.Number()), rows: Type.Array(Type.Array(Type.String())) }),
]);

export const BriefDocumentSchema = Type.Object({
  parentBody: Nullable(Type.String()), issuingBody: Type.String(), placeAndDate: Type.String(), title: Type.String(), subtitle: Type.String(),
  blocks: Type.Array(Block), annex: Type.Array(Block), footnote: Type.String(),
});

export const BriefSchema = Type.Object({
  unit: Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String(), kind: Type.String(), parentName: Nullable(Type.String()), parentKind: Nullable(Type.String()) }),
  asOf: Type.String(), since: Type.String(), year: Type.Integer(),
  dissemination: Nullable(DisseminationReportSchema),
  weakUnits: WeakUnitsReportSchema,
  resignations: ResignationReportSchema,
  attrition: AttritionReportSchema,
  evaluation: EvaluationResultsSchema,
  recruitment: RecruitmentReportSchema,
  directives: DirectivesReportSchema,
  document: BriefDocumentSchema,
});

export function briefRoutes(app: App, { database }: RouteDeps) {
  app.get('/reports/brief', {
    schema: {
      summary: 'Báo cáo phục vụ đoàn công tác: học tập nghị quyết, tổ chức đảng cần củng cố, cán bộ xin nghỉ việc, đảng viên bỏ sinh hoạt, xếp loại, phát triển đảng viên, ý kiến chỉ đạo (JSON, Excel hoặc PDF)',
      tags: ['reports'],
      querystring: Type.Object({
        unitId: Id, asOf: IsoDate, since: IsoDate,
        documentId: Type.Optional(Id),
        year: Type.Optional(Type.Integer({ minimum: 2014, maximum: 2100 })),
        format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('xlsx'), Type.Literal('pdf')])),
      }),
      response: { 200: BriefSchema, ...errorResponses },
    },
  }, async (request, reply) => {
    const { unitId, asOf, since, documentId, year, format } = request.query;
    const brief = await delegationBrief(database.db, actorOf(request), unitId, { asOf, since, documentId, year });
    const document = briefDocument(brief, todayIso());
    const name = `bao-cao-doan-cong-tac-${brief.unit.code}-${asOf}`;
    if (format === 'pdf') return sendFile(reply, await briefFile(brief, 'pdf', document), 'application/pdf', `${name}.pdf`);
    if (format === 'xlsx') return sendFile(reply, await briefFile(brief, 'xlsx', document), XLSX_TYPE, `${name}.xlsx`);
    return { ...brief, document };
  });
}
