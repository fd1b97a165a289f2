// The recruitment demo of issue 10 §3–4 after the candidates: the cadres who asked to quit, and the
// industrial parks with their enterprises. Returns one progress line.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { loadResignationsDemo } from './resignations.ts';

export async function loadRecruitmentDemo(db: Kysely<Database>, seed: number, today: string): Promise<string> {
  const r = await loadResignationsDemo(db, seed, today);
  return `Đã thêm ${r.requests.toLocaleString('vi-VN')} đơn xin nghỉ việc của cán bộ, công chức (${r.seedWindow} ở Châu Thành từ 01/01/2016 đến 05/05/2017), ${r.counselling.toLocaleString('vi-VN')} lần động viên`;
}
