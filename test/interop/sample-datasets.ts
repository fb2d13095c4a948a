// Hand-written Dataset objects covering the metadata the feeds read: full metadata, bare minimum,
// geo fields, awkward text (quotes, markup, non-ASCII, control characters). Plain data, no store.
import type { Dataset, Field } from '../../src/core/types.ts';
import { emptyMetas } from '../../src/catalog/index.ts';

const f = (name: string, type: Field['type'], extra: Partial<Field> = {}): Field =>
  ({ name, label: extra.label ?? name, type, description: null, annotations: {}, ...extra });

export function fullDataset(): Dataset {
  const metas = emptyMetas('Comptages vélo — "Paris" <2024>', '2024-05-01T10:00:00.000Z');
  metas.default = {
    ...metas.default,
    description: '<p>Comptages horaires des vélos &amp; trottinettes.</p><p>Source: Ville de Paris.</p>',
    theme: ['Transport, Mobilité', 'Environnement', 'Thème local sans équivalent'],
    keyword: ['vélo', 'comptage', 'mobilité douce'],
    license: 'Open Database License (ODbL)',
    license_url: 'https://opendatacommons.org/licenses/odbl/',
    language: 'fr',
    publisher: 'Ville de Paris',
    references: 'https://opendata.paris.fr/explore/dataset/comptage-velo-donnees-compteurs/',
    modified: '2024-05-02T08:30:00.000Z',
    records_count: 1200,
    territory: ['Paris'],
  };
  metas.dcat = {
    ...metas.dcat,
    creator: 'Direction de la Voirie et des Déplacements',
    contact_name: 'Open data team',
    contact_email: 'opendata@paris.example',
    accrualperiodicity: 'daily',
    spatial: '2.25,48.81,2.42,48.90',
    temporal: '2023-01-01/2023-12-31',
    issued: '2020-01-15T00:00:00.000Z',
    conformsto: 'https://schema.data.gouv.fr/etalab/schema-comptage-mobilites/',
  };
  return {
    dataset_uid: 'da_full', dataset_id: 'comptages-velo', table: 'rec_x', metas,
    fields: [
      f('compteur', 'text', { label: 'Compteur', annotations: { facet: true } }),
      f('comptage', 'int', { label: 'Comptage horaire', description: 'Vélos par heure', annotations: { unit: 'vélos' } }),
      f('date', 'datetime'), f('jour', 'date'), f('taux', 'double'), f('actif', 'boolean'),
      f('coordonnees', 'geo_point_2d'), f('trace', 'geo_shape'), f('extra', 'json_blob'), f('photo', 'file'),
    ],
    has_records: true, is_restricted: false, is_published: true, created: '2020-01-15T00:00:00.000Z', data_version: 3,
  };
}

export function bareDataset(id = 'bare', title = 'Bare'): Dataset {
  const metas = emptyMetas(title, '2024-01-01T00:00:00.000Z');
  metas.default.language = null;
  return {
    dataset_uid: `da_${id}`, dataset_id: id, table: `rec_${id}`, metas, fields: [f('name', 'text')],
    has_records: false, is_restricted: false, is_published: true, created: '2024-01-01T00:00:00.000Z', data_version: 1,
  };
}

/** `n` bare datasets that count every read of their metadata, to show a feed streams: a feed that
 *  reads them all before its first byte has read `touched()` === n by then. */
export function countingCatalog(n: number): { datasets: Dataset[]; touched: () => number } {
  let touched = 0;
  const datasets = Array.from({ length: n }, (_, i) => {
    const ds = bareDataset(`ds-${String(i).padStart(5, '0')}`, `Dataset ${i}`);
    const metas = ds.metas;
    Object.defineProperty(ds, 'metas', { get: () => { touched++; return metas; } });
    return ds;
  });
  return { datasets, touched: () => touched };
}

export function awkwardDataset(): Dataset {
  const ds = bareDataset('awkward', 'Quotes " \' < > & \\ and\ncontrol \u0001 chars, emoji 🚲, 中文');
  ds.metas.default.description = 'Line one\r\nline two\ttab ]]> <!-- not a comment --> "quoted"';
  ds.metas.default.keyword = ['a "b"', 'c\\d', '<tag>'];
  ds.metas.default.language = 'en';
  ds.metas.default.license = 'My own licence, ask us';
  ds.metas.dcat.temporal = '2019';
  ds.metas.dcat.spatial = 'Île-de-France';
  ds.metas.dcat.contact_email = 'x@y.example';
  ds.metas.dcat.accrualperiodicity = 'something odd';
  return ds;
}

export function hiddenDatasets(): Dataset[] {
  const restricted = bareDataset('secret', 'Restricted'); restricted.is_restricted = true;
  const draft = bareDataset('draft', 'Unpublished'); draft.is_published = false;
  return [restricted, draft];
}

/** A metadata-only harvested dataset (no records here): its provenance and the source's two files, as
 *  a harvest of a CKAN portal writes them (metas.harvest, src/core/types.ts HarvestMetas). */
export function harvestedDataset(): Dataset {
  const ds = bareDataset('harvested-bus-stops', 'Bus stops');
  ds.fields = [];
  ds.metas.default.license = 'CC BY 4.0';
  ds.metas.harvest = {
    source_uid: 'ha_ckan', source_name: 'Regional portal', source_type: 'ckan', source_url: 'https://data.region.example',
    remote_id: '0f6c7f3e-bus-stops', remote_url: 'https://data.region.example/dataset/bus-stops', license: 'CC BY 4.0', license_url: null,
    harvested_at: '2026-03-02T10:20:00.000Z', metadata_only: true,
    files: [
      { url: 'https://data.region.example/files/bus-stops.csv', format: 'csv', title: 'Bus stops (CSV)', media_type: 'text/csv' },
      { url: 'https://data.region.example/files/bus-stops.geojson', format: 'geojson', title: null, media_type: null },
    ],
  };
  return ds;
}
