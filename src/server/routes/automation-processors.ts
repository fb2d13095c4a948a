// The Automation API's dataset processors (ODS): processors/ (list, append), processors/{puid}/ (read,
// replace, delete) and the processor catalogue /processors/; Agora extensions: processors/{puid}/move/,
// export/?format=yaml|json, PUT processors/ (import a document) and preview/. HTTP wiring only; the
// operations and permission checks live in governance/processors.ts.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  addProcessor, deleteProcessor, exportPipeline, getProcessor, importPipeline, listProcessors, moveProcessor, previewProcessors,
  processorCatalogue, updateProcessor,
} from '../../governance/processors.ts';
import type { AutomationDeps } from '../../governance/automation.ts';
import { invalidParameter as invalid } from '../../core/errors.ts';
import { callerOf } from '../auth.ts';
import type { Done } from './automation-authoring.ts';

type DsReq = FastifyRequest<{ Params: { uid: string }; Querystring: Record<string, string | undefined> }>;
type ItemReq = FastifyRequest<{ Params: { uid: string; puid: string } }>;
const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml'];

export function registerProcessorRoutes(api: FastifyInstance, d: AutomationDeps, done: Done): void {
  // A pipeline document may be sent as YAML text (import); it is parsed in governance/processors.ts.
  api.addContentTypeParser(YAML_TYPES, { parseAs: 'string' }, (_req, body, next) => next(null, body));
  const P = '/datasets/:uid/processors';
  api.get('/processors', async (req) => processorCatalogue(callerOf(req)));
  api.get(P, async (req: DsReq) => {
    const results = await listProcessors(d, callerOf(req), req.params.uid);
    return { total_count: results.length, results };
  });
  api.post(P, async (req: DsReq, reply) => {
    const body = await addProcessor(d, callerOf(req), req.params.uid, req.body);
    await done(req, 'dataset.processor.create', req.params.uid, { processor_uid: body.uid, type: body.type });
    return reply.status(201).send(body);
  });
  api.put(P, async (req: DsReq) => {
    const results = await importPipeline(d, callerOf(req), req.params.uid, req.body);
    await done(req, 'dataset.processors.import', req.params.uid, { count: results.length });
    return { total_count: results.length, results };
  });
  api.get(`${P}/export`, async (req: DsReq, reply) => {
    const format = req.query.format ?? 'yaml';
    if (format !== 'yaml' && format !== 'json') throw invalid('format', 'expected yaml or json');
    const text = await exportPipeline(d, callerOf(req), req.params.uid, format);
    return reply.type(format === 'yaml' ? 'application/yaml; charset=utf-8' : 'application/json; charset=utf-8').send(text);
  });
  api.post(`${P}/preview`, async (req: DsReq) => previewProcessors(d, callerOf(req), req.params.uid, req.body ?? null));
  api.get(`${P}/:puid`, async (req: ItemReq) => getProcessor(d, callerOf(req), req.params.uid, req.params.puid));
  api.put(`${P}/:puid`, async (req: ItemReq) => {
    const body = await updateProcessor(d, callerOf(req), req.params.uid, req.params.puid, req.body);
    await done(req, 'dataset.processor.update', req.params.uid, { processor_uid: req.params.puid });
    return body;
  });
  api.delete(`${P}/:puid`, async (req: ItemReq, reply) => {
    await deleteProcessor(d, callerOf(req), req.params.uid, req.params.puid);
    await done(req, 'dataset.processor.delete', req.params.uid, { processor_uid: req.params.puid });
    return reply.status(204).send();
  });
  api.post(`${P}/:puid/move`, async (req: ItemReq) => {
    const results = await moveProcessor(d, callerOf(req), req.params.uid, req.params.puid, req.body);
    await done(req, 'dataset.processor.move', req.params.uid, { processor_uid: req.params.puid, position: (req.body as { position?: number }).position });
    return { total_count: results.length, results };
  });
}
