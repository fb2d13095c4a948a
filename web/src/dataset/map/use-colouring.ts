// Which field colours the map (URL `color`, `none` for off; polygons default to their first
// numeric field, a choropleth) and the class method (URL `classes`), loaded from the API.
import { useEffect, useState } from 'react';
import type { ApiDataset, ApiField } from '../../api/types.ts';
import type { Filters } from '../../state/filters.ts';
import { isNumericType } from '../../format/format.ts';
import type { ClassMethod, Colouring } from './classes.ts';
import { colourableFields, loadColouring } from './colour-data.ts';

export interface ColourChoice { field: ApiField | null; method: ClassMethod; fields: ApiField[] }

export function colourChoice(ds: ApiDataset, geo: ApiField, sp: URLSearchParams): ColourChoice {
  const fields = colourableFields(ds);
  const method: ClassMethod = sp.get('classes') === 'equal' ? 'equal' : 'quantile';
  const asked = sp.get('color');
  if (asked === 'none') return { field: null, method, fields };
  const picked = fields.find((f) => f.name === asked);
  if (picked) return { field: picked, method, fields };
  const choropleth = geo.type === 'geo_shape' ? fields.find((f) => isNumericType(f.type)) ?? null : null;
  return { field: choropleth, method, fields };
}

export function useColouring(ds: ApiDataset, choice: ColourChoice, filters: Filters, filterKey: string): { colouring: Colouring | null; error: Error | null } {
  const [state, setState] = useState<{ colouring: Colouring | null; error: Error | null }>({ colouring: null, error: null });
  const { field, method } = choice;
  useEffect(() => {
    if (!field) { setState({ colouring: null, error: null }); return; }
    const ctrl = new AbortController();
    loadColouring(ds, field, filters, method, ctrl.signal).then(
      (colouring) => setState({ colouring, error: null }),
      (error: Error) => { if (!ctrl.signal.aborted) setState({ colouring: null, error }); },
    );
    return () => ctrl.abort();
  }, [ds.dataset_id, field?.name, method, filterKey]);
  return state;
}
