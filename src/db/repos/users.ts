// Users, passwords (argon2id) and sessions.
import crypto from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import { authorize, isRole, pathInScope, type Actor, type Role } from '../../policies/index.ts';
import { AppError, NotFoundError, ValidationError, type FieldError } from '../../domain/errors.ts';
import { inTransaction } from '../transaction.ts';

// Argon2id with the parameters OWASP recommends as a minimum (19 MiB, 2 passes).
const ARGON2_OPTIONS = { algorithm: 2 /* Argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
export const SESSION_DAYS = 7;

export interface UserView {
  id: number;
  username: string;
  fullName: string;
  role: Role;
  scopeUnitId: number;
  scopeUnitName: string;
  active: boolean;
}

export interface NewUser {
  username: string;
  fullName: string;
  password: string;
  role: string;
  scopeUnitId: number;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

function tokenHash(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

export function validateNewUser(u: Partial<NewUser>): FieldError[] {
  const errors: FieldError[] = [];
  if (!u.username || !/^[a-z0-9._-]{3,40}$/.test(u.username)) errors.push({ field: 'username', code: 'invalid', message: 'Tên đăng nhập gồm 3–40 chữ thường, số, dấu chấm, gạch' });
  if (!u.fullName?.trim()) errors.push({ field: 'fullName', code: 'required', message: 'Họ và tên là bắt buộc' });
  if (!u.password || u.password.length < 8) errors.push({ field: 'password', code: 'too_short', message: 'Mật khẩu phải có ít nhất 8 ký tự' });
  if (!u.role || !isRole(u.role)) errors.push({ field: 'role', code: 'invalid', message: 'Vai trò không hợp lệ' });
  return errors;
}

/** Creating users: by an administrator through the API, or by the operator through the CLI (system actor). */
export async function createUser(db: Kysely<Database>, actor: Actor, input: NewUser): Promise<UserView> {
  authorize(actor, 'user.write');
  const errors = validateNewUser(input);
  const unit = await db.selectFrom('unit').select(['id', 'path']).where('id', '=', input.scopeUnitId).executeTakeFirst();
  if (!unit || !pathInScope(unit.path, actor.scopePath)) errors.push({ field: 'scopeUnitId', code: 'not_found', message: 'Không tìm thấy đơn vị phạm vi' });
  const taken = await db.selectFrom('app_user').select('id').where('username', '=', input.username).executeTakeFirst();
  if (taken) errors.push({ field: 'username', code: 'duplicate', message: 'Tên đăng nhập đã được dùng' });
  if (errors.length) throw new ValidationError(errors);
  const passwordHash = await hashPassword(input.password);
  const id = await inTransaction(db, actor, async (tx) => {
    const row = await tx.insertInto('app_user').values({
      username: input.username, full_name: input.fullName.trim(), password_hash: passwordHash, role: input.role, scope_unit_id: input.scopeUnitId,
    }).returning('id').executeTakeFirstOrThrow();
    return row.id;
  });
  return getUser(db, actor, id);
}

export async function getUser(db: Kysely<Database>, actor: Actor, id: number): Promise<UserView> {
  const rows = await listUsersWhere(db, actor, id);
  if (!rows[0]) throw new NotFoundError('người dùng');
  return rows[0];
}

export async function listUsers(db: Kysely<Database>, actor: Actor): Promise<UserView[]> {
  authorize(actor, 'user.read');
  return listUsersWhere(db, actor, null);
}

async function listUsersWhere(db: Kysely<Database>, actor: Actor, id: number | null): Promise<UserView[]> {
  let q = db.selectFrom('app_user as a').innerJoin('unit as u', 'u.id', 'a.scope_unit_id')
    .select(['a.id', 'a.username', 'a.full_name', 'a.role', 'a.scope_unit_id', 'u.name', 'a.active'])
    .where(sql<boolean>`u.path <@ ${actor.scopePath}::ltree`);
  if (id !== null) q = q.where('a.id', '=', id);
  const rows = await q.orderBy('a.username').execute();
  return rows.map((r) => ({ id: r.id, username: r.username, fullName: r.full_name, role: r.role as Role, scopeUnitId: r.scope_unit_id, scopeUnitName: r.name, active: r.active }));
}

/** Checks a password; returns a new session token (to put in a cookie) and the actor. */
export async function login(db: Kysely<Database>, username: string, password: string): Promise<{ token: string; actor: Actor }> {
  const user = await db.selectFrom('app_user').selectAll().where('username', '=', username).where('active', '=', true).executeTakeFirst();
  // Verify against a dummy hash when the user is unknown, so timing does not tell which names exist.
  const ok = await verify(user?.password_hash ?? DUMMY_HASH, password).catch(() => false);
  if (!user || !ok) throw new AppError('UNAUTHENTICATED', 'Tên đăng nhập hoặc mật khẩu không đúng');
  const token = crypto.randomBytes(32).toString('base64url');
  await db.insertInto('app_session').values({
    token_hash: tokenHash(token), user_id: user.id, expires_at: new Date(Date.now() + SESSION_DAYS * 86_400_000),
  }).execute();
  const actor = await actorForUser(db, user.id);
  return { token, actor: actor! };
}

export async function logout(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('app_session').where('token_hash', '=', tokenHash(token)).execute();
  sessionCache.get(db)?.delete(tokenHash(token));
}

/**
 * Sessions looked up in the last few seconds, per database handle: the member list at country size is
 * CPU-bound on two cores shared with PostgreSQL, and the session's round trip was one of its two. A logout
 * in this process takes effect at once; a change made elsewhere (a user disabled from the command line,
 * a session deleted in SQL, the scope unit moved) within SESSION_CACHE_MS. A stale scope path shows less,
 * never more: paths are the ids from the root, so a moved unit's old path holds no unit any more.
 */
export const SESSION_CACHE_MS = 5_000;
const SESSION_CACHE_SIZE = 10_000;
const sessionCache = new WeakMap<Kysely<Database>, Map<string, { actor: Actor; expiresAt: number; until: number }>>();

/** The actor behind a session token, or null when the token is unknown or expired. */
type ActorRow = { id: number; username: string; full_name: string; role: string; scope_unit_id: number; path: string };
const toActor = (row: ActorRow): Actor => ({ userId: row.id, username: row.username, fullName: row.full_name, role: row.role as Role, scopeUnitId: row.scope_unit_id, scopePath: row.path });

export async function actorForSession(db: Kysely<Database>, token: string): Promise<Actor | null> {
  const hash = tokenHash(token);
  const now = Date.now();
  let cache = sessionCache.get(db);
  const hit = cache?.get(hash);
  if (hit && hit.until > now && hit.expiresAt > now) return hit.actor;
  // One round trip: the session, its user and the user's scope together.
  const row = await db.selectFrom('app_session as s')
    .innerJoin('app_user as a', 'a.id', 's.user_id')
    .innerJoin('unit as u', 'u.id', 'a.scope_unit_id')
    .select(['s.expires_at', 'a.id', 'a.username', 'a.full_name', 'a.role', 'a.scope_unit_id', 'u.path', 'a.active'])
    .where('s.token_hash', '=', hash).executeTakeFirst();
  const expiresAt = row ? new Date(row.expires_at).getTime() : 0;
  if (!row || !row.active || expiresAt < now) {
    cache?.delete(hash);
    return null;
  }
  const actor = toActor(row);
  if (!cache) sessionCache.set(db, cache = new Map());
  if (cache.size >= SESSION_CACHE_SIZE) cache.clear();
  cache.set(hash, { actor, expiresAt, until: now + SESSION_CACHE_MS });
  return actor;
}

export async function actorForUser(db: Kysely<Database>, userId: number): Promise<Actor | null> {
  const row = await db.selectFrom('app_user as a').innerJoin('unit as u', 'u.id', 'a.scope_unit_id')
    .select(['a.id', 'a.username', 'a.full_name', 'a.role', 'a.scope_unit_id', 'u.path', 'a.active'])
    .where('a.id', '=', userId).executeTakeFirst();
  if (!row || !row.active) return null;
  return toActor(row);
}

/** The operator at the command line: an administrator over the whole tree. */
export async function systemActor(db: Kysely<Database>): Promise<Actor> {
  const root = await db.selectFrom('unit').select(['id', 'path']).where('parent_id', 'is', null).orderBy('id').executeTakeFirst();
  if (!root) throw new AppError('NOT_FOUND', 'Cơ sở dữ liệu chưa có đơn vị nào: chạy "dangvu demo" hoặc nhập dữ liệu trước');
  return { userId: null, username: 'cli', fullName: 'Dòng lệnh', role: 'admin', scopeUnitId: root.id, scopePath: root.path };
}

const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$9sTbSlTio3Biev89thdrlKKiCaYsjjYVJxGAL3swxpg';
