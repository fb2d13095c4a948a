// The block registry: every block type a page may hold, one file each (a third party adds a file
// and a line here). The page reader looks types up by name.
import type { BlockType } from '../types.ts';
import type { BlockKind } from './kind.ts';
import { textBlock } from './text.ts';
import { kpiBlock } from './kpi.ts';
import { chartBlock } from './chart.ts';
import { mapBlock } from './map.ts';
import { tableBlock } from './table.ts';
import { imageBlock } from './image.ts';

const KINDS = new Map<BlockType, BlockKind>([textBlock, kpiBlock, chartBlock, mapBlock, tableBlock, imageBlock].map((k) => [k.type, k]));

export function blockKind(type: string): BlockKind | undefined { return KINDS.get(type as BlockType); }
export function blockTypes(): BlockType[] { return [...KINDS.keys()]; }
export type { BlockKind } from './kind.ts';
