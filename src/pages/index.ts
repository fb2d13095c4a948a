// The pages module's one way in: dashboards and data stories (types, the checked body readers,
// the store, permissions and operations). Routes live in server/routes/automation-pages.ts and pages.ts.
export * from './types.ts';
export { PageStore, KEPT_VERSIONS, newPageUid } from './store.ts';
export { catalogEnv, type DataEnv } from './data-env.ts';
export { readContent, readSlug } from './validate.ts';
export { automationBody, publicBody, listItem, exportBody, pageStatus } from './body.ts';
export { canReadPage, may } from './access.ts';
export * from './operations.ts';
export { blockKind, blockTypes } from './blocks/index.ts';
export { readRuleset, rulesetBodies, rulesetBody, withReader, type RulesetKind } from './rulesets.ts';
