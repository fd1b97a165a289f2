// Who may read or change what: the one place that says it. Routes and the CLI ask here; the data layer
// applies the subtree scope to every query (src/db/repos), so a route cannot forget it.
import { ForbiddenError } from '../domain/errors.ts';

export const ROLES = ['admin', 'org_staff', 'cell_secretary', 'inspector', 'read_only'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS_VI: Record<Role, string> = {
  admin: 'Quản trị',
  org_staff: 'Cán bộ tổ chức',
  cell_secretary: 'Bí thư chi bộ',
  inspector: 'Cán bộ kiểm tra',
  read_only: 'Chỉ xem',
};

/** The person acting, and the subtree (by unit path) they are confined to. */
export interface Actor {
  userId: number | null;
  username: string;
  fullName: string;
  role: Role;
  scopeUnitId: number;
  /** ltree path of the scope unit: every unit whose path is under it is in scope. */
  scopePath: string;
}

export type Action =
  | 'unit.read'
  | 'unit.write' // create, rename, move, dissolve
  | 'member.read'
  | 'member.write' // create, edit profile
  | 'audit.read'
  | 'user.read'
  | 'user.write'
  | 'evaluation.write' // self-assessment and the cell's proposal
  | 'evaluation.decide' // open a campaign, decide (lock) and reopen: the competent committee's staff
  | 'document.read' // party documents, plans, progress reports, follow-up
  | 'document.write'; // issue documents and plans, report progress, draft reviews

const PERMISSIONS: Record<Role, readonly Action[]> = {
  admin: ['unit.read', 'unit.write', 'member.read', 'member.write', 'audit.read', 'user.read', 'user.write', 'evaluation.write', 'evaluation.decide', 'document.read', 'document.write'],
  org_staff: ['unit.read', 'unit.write', 'member.read', 'member.write', 'audit.read', 'evaluation.write', 'evaluation.decide', 'document.read', 'document.write'],
  // A grassroots secretary adopts the unit's plan and reports its progress.
  cell_secretary: ['unit.read', 'member.read', 'member.write', 'audit.read', 'evaluation.write', 'document.read', 'document.write'],
  inspector: ['unit.read', 'member.read', 'audit.read', 'document.read'],
  read_only: ['unit.read', 'member.read', 'document.read'],
};

export function can(actor: Pick<Actor, 'role'>, action: Action): boolean {
  return PERMISSIONS[actor.role].includes(action);
}

export function authorize(actor: Pick<Actor, 'role'>, action: Action): void {
  if (!can(actor, action)) throw new ForbiddenError();
}

/** Actions a role may take, for the UI to show or hide controls. */
export function permissionsOf(role: Role): readonly Action[] {
  return PERMISSIONS[role];
}

/** True when `path` lies in the subtree rooted at `scopePath` (both ltree paths of unit ids). */
export function pathInScope(path: string, scopePath: string): boolean {
  return path === scopePath || path.startsWith(scopePath + '.');
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
