// Public API of @ringside/testkit: fixtures shared by tests (real servers, real data).
export { sharedDataDir, requireSharedData, REPO_ROOT } from './shared-data.ts';
