import { Type } from '@fastify/type-provider-typebox';
import type { App } from '../server.ts';
import { actorOf } from '../server.ts';
import type { RouteDeps } from './deps.ts';
import { CandidateRepository } from '../../db/repos/candidates.ts';
import { CandidateStageService } from '../../commands/candidate-stages.ts';
import { CANDIDATE_SOURCES, CANDIDATE_STAGES, SPONSOR_BODIES } from '../../domain/admission/index.ts';
import { recruitmentReport, setAdmissionTarget } from '../../reports/recruitment.ts';
import { errorResponses, Id, IdParams, IsoDate, Nullable } from '../schemas.ts';
import { WithoutPartySchema } from './enterprises.ts';
import { sendFile, XLSX_TYPE } from './reports.ts';
import { recruitmentXlsx } from '../../reports/recruitment-xlsx.ts';

const lit = <T extends readonly string[]>(values: T) => Type.Union(values.map((v) => Type.Literal(v)));
const Str = (max: number) => Type.Optional(Nullable(Type.String({ maxLength: max })));
const NStr = Nullable(Type.String());

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
  educationGeneral: Str(20),
  educationProfessional: Str(200),
  occupation: Str(200),
  phone: Str(20),
  youthUnionMember: Type.Optional(Nullable(Type.Boolean())),
  privateBusinessOwner: Type.Optional(Nullable(Type.Boolean())),
  source: lit(CANDIDATE_SOURCES),
  sourceOrganization: Str(200),
  workplace: Str(200),
  workplaceUnitId: Type.Optional(Nullable(Id)),
  enterpriseId: Type.Optional(Nullable(Id)),
  note: Str(2000),
};

const StageRecordSchema = Type.Object({
  id: Type.Integer(), stage: Type.String(), date: Type.String(), documentNumber: NStr, issuedBy: NStr, note: NStr,
  details: Type.Record(Type.String(), Type.Unknown()), recordedAt: Type.String(), recordedBy: NStr,
});

const CandidateSchema = Type.Object({
  id: Type.Integer(),
  fullName: Type.String(), otherNames: NStr, sex: Type.String(), birthDate: Type.String(), birthProvinceCode: NStr, birthPlace: NStr,
  homeTown: NStr, ethnicity: NStr, religion: NStr, citizenId: NStr, educationGeneral: NStr, educationProfessional: NStr,
  occupation: NStr, phone: NStr, youthUnionMember: Nullable(Type.Boolean()), privateBusinessOwner: Nullable(Type.Boolean()), source: Type.String(), sourceOrganization: NStr, workplace: NStr, workplaceUnitId: Nullable(Type.Integer()), enterpriseId: Nullable(Type.Integer()),
  workplaceUnitName: NStr, note: NStr, unitId: Type.Integer(), unitName: Type.String(), unitCode: Type.String(), stage: Type.String(),
  stageDate: Type.String(), memberId: Nullable(Type.Integer()), rowVersion: Type.Integer(), updatedAt: Type.String(),
  stages: Type.Array(StageRecordSchema), nextStages: Type.Array(Type.String()),
});

/** A stage as the user records it; fields a stage does not use are ignored. */
const StageFields = {
  stage: lit(CANDIDATE_STAGES),
  date: IsoDate,
  documentNumber: Str(60),
  issuedBy: Str(200),
  note: Str(2000),
  sponsors: Type.Optional(Nullable(Type.Array(Type.Object({
    memberId: Id, since: Type.Optional(Nullable(IsoDate)), replacement: Type.Optional(Type.Boolean()),
  }), { maxItems: 3 }))),
  sponsorBody: Type.Optional(Nullable(lit(SPONSOR_BODIES))),
  votesInFavour: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 10000 }))),
  officialMembers: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 10000 }))),
  over60: Type.Optional(Nullable(Type.Object({ decidedByProvinceCommittee: Type.Boolean(), standingCommitteeConsentDate: Type.Optional(Nullable(IsoDate)) }))),
  decisionReceivedDate: Type.Optional(Nullable(IsoDate)),
  lateCeremonyAgreed: Type.Optional(Nullable(Type.Boolean())),
};

const RuleMessage = Type.Object({
  ruleId: Type.String(), source: Type.String(), message: Type.String(), messageEn: Type.String(),
  field: Type.Optional(Type.String()), validFrom: Type.Optional(Type.String()),
});
const StageAnswer = Type.Object({ candidate: CandidateSchema, warnings: Type.Array(RuleMessage), replayed: Type.Boolean() });

const Counts = Type.Record(Type.String(), Type.Integer());
export const RecruitmentReportSchema = Type.Object({
  unitId: Type.Integer(), unitCode: Type.String(), unitName: Type.String(), year: Type.Integer(), target: Nullable(Type.Integer()), targetRowVersion: Nullable(Type.Integer()),
  targetsBelow: Type.Integer(), admitted: Type.Integer(), admittedFromCandidates: Counts, bySource: Counts, byStage: Counts, inProgress: Type.Integer(),
  funnel: Type.Array(Type.Object({ stage: Type.String(), total: Type.Integer(), bySource: Counts })),
  newMembers: Type.Object({
    total: Type.Integer(), female: Type.Integer(), ethnicMinority: Type.Integer(), youthUnion: Type.Integer(), privateBusinessOwner: Type.Integer(),
    readmitted: Type.Integer(), byAgeBand: Counts, byGeneralEducation: Counts, byProfessional: Counts, byTheory: Counts,
    grassrootsWithAdmissions: Type.Integer(), ageBasis: Type.String(),
  }),
  enterprisesWithoutParty: WithoutPartySchema,
  children: Type.Array(Type.Object({
    unitId: Type.Integer(), code: Type.String(), name: Type.String(), kind: Type.String(), target: Nullable(Type.Integer()), admitted: Type.Integer(), inProgress: Type.Integer(),
  })),
});

export function candidateRoutes(app: App, { database }: RouteDeps) {
  const repo = (request: Parameters<typeof actorOf>[0]) => new CandidateRepository(database.db, actorOf(request));
  const stages = (request: Parameters<typeof actorOf>[0]) => new CandidateStageService(database.db, actorOf(request));
  const tags = ['candidates'];

  app.get('/candidates', {
    schema: {
      summary: 'Danh sách quần chúng ưu tú, cảm tình Đảng của một đơn vị và các đơn vị trực thuộc', tags,
      querystring: Type.Object({
        unitId: Type.Optional(Id),
        q: Type.Optional(Type.String({ maxLength: 100, description: 'Tên (có hoặc không dấu) hoặc số CCCD' })),
        stage: Type.Optional(Type.Array(lit(CANDIDATE_STAGES))),
        source: Type.Optional(Type.Array(lit(CANDIDATE_SOURCES))),
        page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
        pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
      }),
      response: {
        200: Type.Object({
          total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(),
          items: Type.Array(Type.Object({
            id: Type.Integer(), fullName: Type.String(), sex: Type.String(), birthDate: Type.String(), source: Type.String(),
            sourceOrganization: NStr, workplace: NStr, unitId: Type.Integer(), unitName: Type.String(), stage: Type.String(),
            stageDate: Type.String(), memberId: Nullable(Type.Integer()),
          })),
        }),
        ...errorResponses,
      },
    },
  }, async (request) => repo(request).list(request.query));

  app.get('/candidates/:id', {
    schema: { summary: 'Hồ sơ quần chúng với các bước đã qua và bước có thể ghi tiếp', tags, params: IdParams, response: { 200: CandidateSchema, ...errorResponses } },
  }, async (request) => repo(request).get(request.params.id));

  app.post('/candidates', {
    schema: {
      summary: 'Thêm quần chúng ưu tú vào danh sách cảm tình Đảng của chi bộ', tags,
      body: Type.Object({ ...ProfileFields, unitId: Id, identifiedOn: Type.Optional(Nullable(IsoDate)), documentNumber: Str(60) }),
      response: { 201: CandidateSchema, ...errorResponses },
    },
  }, async (request, reply) => reply.code(201).send(await repo(request).create(request.body)));

  app.patch('/candidates/:id', {
    schema: {
      summary: 'Sửa hồ sơ quần chúng (kèm rowVersion đã đọc)', tags, params: IdParams,
      body: Type.Object({ ...Type.Partial(Type.Object(ProfileFields)).properties, unitId: Type.Optional(Id), rowVersion: Type.Integer({ minimum: 1 }) }),
      response: { 200: CandidateSchema, ...errorResponses },
    },
  }, async (request) => {
    const { rowVersion, ...patch } = request.body;
    return repo(request).update(request.params.id, patch, rowVersion);
  });

  app.post('/candidates/:id/stages/check', {
    schema: {
      summary: 'Kiểm tra một bước theo quy định của Đảng tại ngày của bước, không lưu', tags, params: IdParams,
      body: Type.Object(StageFields),
      response: { 200: Type.Object({ ok: Type.Boolean(), errors: Type.Array(RuleMessage), warnings: Type.Array(RuleMessage) }), ...errorResponses },
    },
  }, async (request) => stages(request).check(request.params.id, request.body));

  app.post('/candidates/:id/stages', {
    schema: {
      summary: 'Ghi một bước: lớp bồi dưỡng, đơn và lý lịch, thẩm tra, người giới thiệu, chi bộ xét, quyết định, lễ kết nạp (tạo đảng viên)', tags, params: IdParams,
      description: 'rowVersion: phiên bản hồ sơ đã đọc (409 nếu người khác vừa sửa). requestKey: gửi lại cùng khóa chỉ ghi một lần.',
      body: Type.Object({ ...StageFields, rowVersion: Type.Integer({ minimum: 1 }), requestKey: Type.Optional(Type.String({ minLength: 8, maxLength: 100 })) }),
      response: { 200: StageAnswer, 201: StageAnswer, ...errorResponses },
    },
  }, async (request, reply) => {
    const { rowVersion, requestKey, ...input } = request.body;
    const result = await stages(request).record(request.params.id, input, rowVersion, requestKey);
    return reply.code(result.replayed ? 200 : 201).send(result);
  });

  const Year = Type.Integer({ minimum: 1930, maximum: 2100 });
  app.get('/reports/recruitment', {
    schema: {
      summary: 'Phát triển đảng viên của một đơn vị trong năm: chỉ tiêu, số đã kết nạp (Biểu 2), theo nguồn, quần chúng theo bước, doanh nghiệp chưa có tổ chức đảng, từng đơn vị trực thuộc', tags: ['reports'],
      querystring: Type.Object({ unitId: Type.Optional(Id), year: Year, format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('xlsx')])) }),
      response: {
        200: RecruitmentReportSchema,
        ...errorResponses,
      },
    },
  }, async (request, reply) => {
    const report = await recruitmentReport(database.db, actorOf(request), request.query.unitId, request.query.year);
    if (request.query.format === 'xlsx') return sendFile(reply, await recruitmentXlsx(report), XLSX_TYPE, `recruitment-${report.unitCode}-${report.year}.xlsx`);
    return report;
  });

  app.put('/units/:id/admission-targets/:year', {
    schema: {
      summary: 'Đặt chỉ tiêu kết nạp đảng viên của đơn vị trong năm (kèm rowVersion đã đọc, null nếu chưa có)', tags: ['reports'],
      params: Type.Object({ id: Id, year: Year }),
      body: Type.Object({ target: Type.Integer({ minimum: 0, maximum: 100000 }), decision: Str(60), note: Str(2000), rowVersion: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))) }),
      response: { 200: Type.Object({ ok: Type.Boolean() }), ...errorResponses },
    },
  }, async (request) => {
    await setAdmissionTarget(database.db, actorOf(request), request.params.id, request.params.year, request.body);
    return { ok: true };
  });
}
