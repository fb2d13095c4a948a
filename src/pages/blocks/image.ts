// The image block: an https (or portal-relative) image with its alternative text and a caption.
import type { BlockKind } from './kind.ts';
import { invalid, optText, text } from '../read.ts';

export const imageBlock: BlockKind = {
  type: 'image',
  keys: ['url', 'alt', 'caption'],
  parse(o, at) {
    const url = text(o, 'url', at, { max: 2000 }).trim();
    if (!/^https:\/\/[^\s]+$/i.test(url) && !/^\/(?!\/)[^\s]*$/.test(url)) throw invalid(`${at}.url`, 'expected an https:// address or a path of this portal such as /assets/logo.png');
    const caption = optText(o, 'caption', at, 1000);
    return { url, alt: text(o, 'alt', at, { max: 500, empty: true }), ...(caption ? { caption } : {}) };
  },
  datasets: () => [],
};
