// The recruitment demo of issue 10 §3–4 after the candidates: the cadres who asked to quit, and the
// industrial parks with their enterprises. Returns a progress line and the candidates it added.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { loadResignationsDemo } from './resignations.ts';
import { loadEnterprisesDemo } from './enterprises.ts';

export async function loadRecruitmentDemo(db: Kysely<Database>, seed: number, today: string): Promise<{ message: string; candidates: number }> {
  const r = await loadResignationsDemo(db, seed, today);
  const e = await loadEnterprisesDemo(db, seed, today);
  const message = `Đã thêm ${e.enterprises} doanh nghiệp ở ${e.parks} khu công nghiệp (${e.withParty} có tổ chức đảng), ${e.candidatesAdded} quần chúng từ doanh nghiệp chưa có tổ chức đảng; đã thêm ${r.requests.toLocaleString('vi-VN')} đơn xin nghỉ việc của cán bộ, công chức (${r.seedWindow} ở Châu Thành từ 01/01/2016 đến 05/05/2017), ${r.counselling.toLocaleString('vi-VN')} lần động viên`;
  return { message, candidates: e.candidatesAdded };
}
