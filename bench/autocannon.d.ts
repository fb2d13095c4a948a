// Minimal typing for the parts of autocannon the API benchmark uses.
// autocannon ships no types and @types/autocannon is not on our registry mirror.
declare module 'autocannon' {
  interface Req { method?: string; path?: string; headers?: Record<string, string>; body?: string }
  interface Options {
    url: string; connections?: number; duration?: number; amount?: number;
    requests?: Array<{ setupRequest?: (req: Req) => Req }>;
  }
  interface Result {
    requests: { average: number; total: number };
    latency: { p50: number; p99: number; average: number };
    errors: number; non2xx: number;
  }
  export default function autocannon(opts: Options): Promise<Result>;
}
