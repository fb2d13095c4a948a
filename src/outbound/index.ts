// Outbound requests: every request Agora makes to another host goes through outboundFetch (URL
// sources, scheduled refreshes, OIDC discovery); checkUrl checks a URL handed to a library
// that connects by itself (MQTT). Imports core/ only; any stage may import this folder.
export { outboundFetch, readAll, type OutboundOptions, type OutboundResponse } from './fetch.ts';
export { checkUrl, OutboundProblem, pinHost, systemResolver, type Resolver } from './address.ts';
export { AllowList, refusedBy } from './policy.ts';
