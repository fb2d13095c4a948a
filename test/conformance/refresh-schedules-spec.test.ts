// Dataset schedules against the official ODS Automation v1.0 spec in ../shared: the request body
// (the spec's DatasetSchedule) is accepted, and the list, create, retrieve and update answers are
// valid against the spec's response schemas (Agora's extra keys are allowed by them).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closePortal, openPortal } from '../../src/server/portal.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import { ensureGovernance } from '../../src/governance/index.ts';
import { HAVE_SPECS, response, schema, valid } from './automation-spec.ts';

const AUTO = '/api/automation/v1.0';
let ctx: AppContext;
let app: FastifyInstance;
let server: Server;
let key = '';

beforeAll(async () => {
  if (!HAVE_SPECS) return;
  process.env.AGORA_OUTBOUND_ALLOW = '127.0.0.1';
  server = createServer((_req, res) => { res.writeHead(200, { 'content-type': 'text/csv' }); res.end('a\n1\n'); });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  ctx = await openPortal({ inMemory: true, baseUrl: 'http://portal.test' });
  const gov = await ensureGovernance(ctx);
  await gov.addUser({ username: 'root', password: 'root-password', isAdmin: true });
  key = (await gov.createApiKey('root', ['admin'])).key;
  app = await buildApp(ctx, { web: false });
});
afterAll(async () => {
  delete process.env.AGORA_OUTBOUND_ALLOW;
  await app?.close(); if (ctx) await closePortal(ctx); server?.close();
});

const call = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  app.inject({ method, url, payload, headers: { authorization: `Apikey ${key}` } });

describe.skipIf(!HAVE_SPECS)('dataset schedules against the ODS Automation v1.0 spec', () => {
  it('list, create, retrieve, update', async () => {
    const body = { cron_schedule: '0 * * * *' }; // the spec's own example value
    valid(schema('automation#/components/schemas/DatasetSchedule'), body);
    const uid = (await call('POST', `${AUTO}/datasets/`, { dataset_id: 'sched', metadata: { default: { title: { value: 's' } } } })).json().uid;
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/a.csv`;
    expect((await call('POST', `${AUTO}/datasets/${uid}/resources/`, { type: 'csvfile', title: 'a', datasource: { type: 'http', connection: { type: 'http', url } } })).statusCode).toBe(201);
    const made = await call('POST', `${AUTO}/datasets/${uid}/schedules/`, body);
    expect(made.statusCode).toBe(201);
    valid(response('/datasets/{dataset_uid}/schedules/', 'post', '201'), made.json());
    valid(response('/datasets/{dataset_uid}/schedules/', 'get', '200'), (await call('GET', `${AUTO}/datasets/${uid}/schedules/`)).json());
    const sid = made.json().uid;
    valid(response('/datasets/{dataset_uid}/schedules/{schedule_uid}/', 'get', '200'), (await call('GET', `${AUTO}/datasets/${uid}/schedules/${sid}/`)).json());
    valid(response('/datasets/{dataset_uid}/schedules/{schedule_uid}/', 'put', '200'), (await call('PUT', `${AUTO}/datasets/${uid}/schedules/${sid}/`, { cron_schedule: '30 6 * * 1' })).json());
  });
});
