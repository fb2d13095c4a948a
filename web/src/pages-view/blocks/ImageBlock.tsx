// Image block: the picture with its alternative text and caption (figure / figcaption). Only
// http(s) and same-site addresses are loaded; anything else shows the alternative text alone.
import type { ImageBlock } from '../../api/page-model.ts';
import { safeImageUrl } from './block-logic.ts';
import type { BlockProps } from '../registry.ts';

export function ImageBlockView({ block }: BlockProps<ImageBlock>) {
  const src = safeImageUrl(block.url ?? '');
  return (
    <figure className="block-image">
      {src ? <img src={src} alt={block.alt ?? ''} loading="lazy" /> : <p className="muted">{block.alt}</p>}
      {block.caption && <figcaption>{block.caption}</figcaption>}
    </figure>
  );
}
