export { FrozenEnvironmentsBanner } from './FrozenEnvironmentsBanner';
export type { FrozenEnvironmentsBannerProps } from './FrozenEnvironmentsBanner';
