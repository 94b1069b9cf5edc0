/**
 * Shipgate backend plugin: governed deployments for Backstage.
 *
 * @packageDocumentation
 */
export { deploymentsPlugin as default } from './plugin';
