/** The release controller: applies release specs to a running gateway, and its admin API. */
export { tapFeedback } from './feedback-tap.js';
export {
  createReleaseController,
  type ReleaseController,
  type ReleaseControllerOptions,
} from './release-controller.js';
export { RELEASES_PREFIX, releaseRoutes } from './release-routes.js';
export type { RouteTable } from './release-run.js';
export {
  FINAL_STATES,
  type ReleaseHistoryEntry,
  type ReleaseState,
  type ReleaseStatus,
} from './release-status.js';
