// Types for the `shapefile` package (it ships none): only the function the shapefile reader uses.
declare module 'shapefile' {
  export function read(shp: Uint8Array | ArrayBuffer, dbf?: Uint8Array | ArrayBuffer, options?: { encoding?: string }): Promise<{
    type: 'FeatureCollection'; bbox?: number[];
    features: Array<{ type: 'Feature'; geometry: unknown; properties: Record<string, unknown> | null }>;
  }>;
}
