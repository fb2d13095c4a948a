// Registry of catalog-level feeds served at catalog/exports/{format} beyond the record-style
// exports (csv, json, xlsx): DCAT-AP, data.json, RSS… registered by the interop module.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from './context.ts';

export type CatalogFeedHandler = (ctx: AppContext, req: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

const feeds = new Map<string, CatalogFeedHandler>();

export function registerCatalogFeed(format: string, handler: CatalogFeedHandler): void { feeds.set(format, handler); }
export function getCatalogFeed(format: string): CatalogFeedHandler | undefined { return feeds.get(format); }
export function catalogFeedFormats(): string[] { return [...feeds.keys()]; }
