// Yearly evaluation and classification: pure rules (no I/O). See README §3–4 and rules.md §6–7, §10.
export * from './levels.ts';
export * from './settings.ts';
export * from './rules.ts';
export * from './rule-sets.ts';
export * from './facts.ts';
export * from './checks.ts';
export * from './validate.ts';
export * from './weak-units.ts';
export * from './consolidation.ts';
