export { FilterSelect, environmentOptions } from './FilterSelect';
export type { FilterSelectProps } from './FilterSelect';
