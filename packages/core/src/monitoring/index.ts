export { decodeText } from '../text/decode.ts';
export * from './area-table.ts';
export * from './areas.ts';
export * from './binding.ts';
export * from './period-text.ts';
export * from './periods.ts';
export * from './ranking.ts';
export * from './value-table.ts';
