// The map block: one or more dataset layers drawn as points, clusters or a choropleth, optionally
// coloured by a field; each layer's dataset must have a geographic field.
import type { BlockKind } from './kind.ts';
import { MAP_STYLES, type MapBlock } from '../types.ts';
import { readDataBlock } from './data-block.ts';
import { invalid, list, object, oneOf, onlyKeys, optText } from '../read.ts';

export const mapBlock: BlockKind = {
  type: 'map',
  keys: ['layers'],
  parse(o, at, env) {
    const layers = list(o, 'layers', at, 6);
    if (layers.length === 0) throw invalid(`${at}.layers`, 'at least one layer, e.g. {"dataset": "trees", "style": "points"}');
    return {
      layers: layers.map((raw, i) => {
        const lAt = `${at}.layers[${i}]`;
        const l = object(raw, lAt);
        onlyKeys(l, ['dataset', 'where', 'style', 'colour_by'], lAt);
        const { ds, base } = readDataBlock(l, lAt, env);
        if (!ds.fields.some((f) => f.type === 'geo_point_2d' || f.type === 'geo_shape')) throw invalid(`${lAt}.dataset`, `dataset ${ds.dataset_id} has no geographic field to map`);
        const style = oneOf(l, 'style', lAt, MAP_STYLES, 'points');
        if (style === 'choropleth' && !ds.fields.some((f) => f.type === 'geo_shape')) throw invalid(`${lAt}.style`, `a choropleth needs shapes; dataset ${ds.dataset_id} has points only`);
        const by = optText(l, 'colour_by', lAt, 200);
        return { ...base, style, ...(by ? { colour_by: env.field(ds, by, `${lAt}.colour_by`).name } : {}) };
      }),
    };
  },
  datasets: (b) => (b as MapBlock).layers.map((l) => l.dataset),
};
