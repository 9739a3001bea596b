export * from './iso18626.events';
export * from './iso18626.mapping';
export { iso18626EventSchemas } from './iso18626.schemas';
