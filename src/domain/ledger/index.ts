export * from './amount';
export * from './postings';
export * from './fairness';
