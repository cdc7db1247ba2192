export {
  applyFilters,
  dueOf,
  measuresOfUnit,
  measureTexts,
  type PlanFilters,
  sectionOf,
} from '@lantian/contract/plan-filters';

export { readFilters, writeFilters } from './filterParams.ts';
