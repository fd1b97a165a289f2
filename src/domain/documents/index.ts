export * from './numbers.ts';
export * from './periods.ts';
export * from './follow-up.ts';
export * from './dissemination.ts';
