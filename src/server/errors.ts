// Turns any thrown error into the Explore API error body: {"message", "error_code"} with the status
// of the errors catalogue. Internal failures are logged server-side and answered without details.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isAgoraError } from '../core/errors.ts';

export function errorBody(message: string, errorCode: string): { message: string; error_code: string } {
  return { message, error_code: errorCode };
}

export function handleError(err: FastifyError | Error, req: FastifyRequest, reply: FastifyReply): void {
  if (isAgoraError(err)) {
    if (err.status === 429) {
      reply.status(429).send({ errorcode: 10002, reset_time: err.details.reset_time ?? null, limit_time_unit: err.details.limit_time_unit ?? 'day', call_limit: err.details.call_limit ?? null, error: err.message });
      return;
    }
    reply.status(err.status).send(errorBody(err.message, err.odsCode));
    return;
  }
  const fe = err as FastifyError;
  if (fe.statusCode && fe.statusCode < 500) {
    reply.status(fe.statusCode).send(errorBody(fe.message, 'InvalidRESTParameterError'));
    return;
  }
  req.log.error({ err }, 'unhandled error');
  reply.status(500).send(errorBody('Internal error', 'InternalError'));
}
