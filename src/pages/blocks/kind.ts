// What a block type provides to the page reader: its own keys, a parser that checks them (against
// the catalog for data blocks) and the datasets it reads. One file per block type registers one.
import type { Block, BlockType } from '../types.ts';
import type { DataEnv } from '../data-env.ts';
import type { Obj } from '../read.ts';

export interface BlockKind {
  type: BlockType;
  /** Keys of this type besides the common id, type, layout and title. */
  keys: readonly string[];
  /** The type's own part of the block, checked; `at` is the block's path (content.blocks[i]). */
  parse(o: Obj, at: string, env: DataEnv): Record<string, unknown>;
  datasets(b: Block): string[];
}
