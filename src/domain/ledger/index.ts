export * from './amount';
export * from './postings';
export * from './fairness';
export * from './balance-matrix';
