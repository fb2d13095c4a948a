// Response compression for the API and pages: brotli or gzip via @fastify/compress, by content
// type. Formats that are already compressed (zip, xlsx, parquet, images, fonts) go out as they are.
import compress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';

/** Content types sent compressed: text, JSON, XML and the text-based geo formats, plus the
 *  uncompressed binary ones (FlatGeobuf, dBase). Server-sent events are never compressed (each
 *  event must reach the client as it is written). */
const COMPRESSIBLE = /^(text\/(?!event-stream)|application\/(json|jsonl|x-ndjson|geo\+json|ld\+json|xml|rdf\+xml|gpx\+xml|javascript|flatgeobuf|x-dbf|vnd\.google-earth\.kml\+xml|vnd\.tcpip\.ov2|octet-stream)|image\/svg\+xml)\s*(;|$)/i;
/** Already compressed: compressing again costs CPU and saves nothing. */
const PRECOMPRESSED = /^(application\/(zip|gzip|x-gzip|vnd\.apache\.parquet|vnd\.openxmlformats-officedocument\.[a-z.]+|x-brotli)|image\/(png|jpe?g|webp|gif|avif)|font\/woff2?|video\/|audio\/)\s*(;|$)/i;

export function isCompressibleType(contentType: string): boolean {
  return COMPRESSIBLE.test(contentType) && !PRECOMPRESSED.test(contentType);
}

export async function registerCompression(app: FastifyInstance): Promise<void> {
  await app.register(compress, {
    global: true,
    encodings: ['br', 'gzip'],
    threshold: 1024,
    customTypes: isCompressibleType,
  });
}
