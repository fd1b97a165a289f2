// Candidates and their way to admission (phát triển đảng viên): pure rules, no I/O.
export * from './stages.ts';
export * from './checks.ts';
