export * from './rules.ts';
export * from './notice-format.ts';
