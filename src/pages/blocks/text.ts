// The text block: Markdown (rendered and sanitised by the page viewer, like dataset descriptions).
import type { BlockKind } from './kind.ts';
import { text } from '../read.ts';

export const textBlock: BlockKind = {
  type: 'text',
  keys: ['markdown'],
  parse: (o, at) => ({ markdown: text(o, 'markdown', at, { max: 20_000 }) }),
  datasets: () => [],
};
