import { describe, expect, it } from 'vitest';
import { can, pathInScope, ROLES, type Action } from './index.ts';

describe('role matrix', () => {
  const matrix: Record<string, Action[]> = {
    admin: ['unit.read', 'unit.write', 'member.read', 'member.write', 'audit.read', 'user.read', 'user.write', 'evaluation.write', 'evaluation.decide', 'document.read', 'document.write'],
    org_staff: ['unit.read', 'unit.write', 'member.read', 'member.write', 'audit.read', 'evaluation.write', 'evaluation.decide', 'document.read', 'document.write'],
    cell_secretary: ['unit.read', 'member.read', 'member.write', 'audit.read', 'evaluation.write', 'document.read', 'document.write'],
    inspector: ['unit.read', 'member.read', 'audit.read', 'document.read'],
    read_only: ['unit.read', 'member.read', 'document.read'],
  };
  const all: Action[] = ['unit.read', 'unit.write', 'member.read', 'member.write', 'audit.read', 'user.read', 'user.write', 'evaluation.write', 'evaluation.decide', 'document.read', 'document.write'];
  for (const role of ROLES) {
    for (const action of all) {
      it(`${role} ${matrix[role]!.includes(action) ? 'may' : 'may not'} ${action}`, () => {
        expect(can({ role }, action)).toBe(matrix[role]!.includes(action));
      });
    }
  }
});

describe('pathInScope', () => {
  it('includes the scope unit and its descendants only', () => {
    expect(pathInScope('1.2', '1.2')).toBe(true);
    expect(pathInScope('1.2.5', '1.2')).toBe(true);
    expect(pathInScope('1.23', '1.2')).toBe(false);
    expect(pathInScope('1', '1.2')).toBe(false);
  });
});
