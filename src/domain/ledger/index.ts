export * from './amount';
export * from './postings';
export * from './fairness';
export * from './turnaround';
export * from './balance-matrix';
