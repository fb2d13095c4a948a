// Shapes facet rows into the Explore API body {name, facets:[{name,value,count,state,facets?}]}.
// The plan stage computes name, state ("refined"/"excluded"/"displayed") and parent; facetTree nests
// date facets (years → months of a refined year → days of a refined month), as ODS does.
import type { Row } from '../../storage/backend.ts';
import { facetTree, type FacetValue } from '../../plan/index.ts';

export type { FacetValue };

export function facetResponse(name: string, rows: Row[]): { name: string; facets: FacetValue[] } {
  return { name, facets: facetTree(rows) };
}
