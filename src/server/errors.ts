// Turns any thrown error into the Explore API error body: {"message", "error_code"} with the status
// of the errors catalogue. Internal failures are logged server-side and answered without details.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isAgoraError } from '../core/errors.ts';

export function errorBody(message: string, errorCode: string): { message: string; error_code: string } {
  return { message, error_code: errorCode };
}

/**
 * The spec's 429 body (all five members required): the limiter passes reset_time, limit_time_unit
 * and call_limit in the error details; a daily quota resets at the next UTC midnight by default.
 */
export function quotaBody(message: string, details: Record<string, unknown>): { errorcode: number; reset_time: string; limit_time_unit: string; call_limit: number; error: string } {
  const midnight = new Date();
  midnight.setUTCHours(24, 0, 0, 0);
  const reset = details.reset_time instanceof Date ? details.reset_time.toISOString() : typeof details.reset_time === 'string' && details.reset_time ? details.reset_time : midnight.toISOString().replace('.000Z', 'Z');
  return {
    errorcode: 10002,
    reset_time: reset,
    limit_time_unit: typeof details.limit_time_unit === 'string' && details.limit_time_unit ? details.limit_time_unit : 'day',
    call_limit: Number(details.call_limit ?? 0),
    error: message,
  };
}

/**
 * The Ods-Explore-Api-Deprecation header: sent only when the request uses a deprecated feature, with
 * the messages (`FEATURE_ID: message`) separated by `;`. The official client prints it as a warning.
 */
export function deprecationHeader(reply: FastifyReply, messages: readonly string[]): void {
  if (messages.length) reply.header('Ods-Explore-Api-Deprecation', messages.join('; '));
}

export function handleError(err: FastifyError | Error, req: FastifyRequest, reply: FastifyReply): void {
  if (isAgoraError(err)) {
    if (err.status === 429) {
      reply.status(429).send(quotaBody(err.message, err.details));
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
