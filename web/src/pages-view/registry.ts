// The block kinds a page can hold, as a registry: each kind (blocks/*.tsx) registers its component
// and its name, the way a third party would add one; BlockFrame.tsx looks kinds up here. No React rendering here.
import type { ComponentType } from 'react';
import type { ApiDataset } from '../api/types.ts';
import type { MessageKey } from '../i18n/en.ts';
import type { Block } from '../api/page-model.ts';

export interface BlockProps<B extends Block = Block> {
  block: B;
  /** The block's datasets (blockDatasets order), loaded with the reader's rights. */
  datasets: ApiDataset[];
  /** The where of a query over `dataset`: `own` AND the page filters on that dataset. */
  where: (dataset: string, own?: string) => string;
  /** The heading level of a heading inside the block (one below the block's title). */
  headingLevel: 2 | 3 | 4;
  /** The block's accessible name (its title, else its kind). */
  name: string;
}

export interface BlockKind<B extends Block = Block> {
  type: B['type'];
  /** The kind's name, the block's accessible name when it has no title. */
  label: MessageKey;
  component: ComponentType<BlockProps<B>>;
}

const kinds = new Map<string, BlockKind>();

export function registerBlock<B extends Block>(kind: BlockKind<B>): void {
  kinds.set(kind.type, kind as unknown as BlockKind);
}

export function blockKind(type: string): BlockKind | undefined {
  return kinds.get(type);
}
