// The demo catalog of the fictional City of Northbridge: real open data shipped in the vega-datasets
// package, each naming its true source, licence and period, then the labelled synthetic sets. Data only.
import { THEME, type DemoDataset } from './types.ts';
import { SYNTHETIC_DATASETS } from './synthetic-datasets.ts';

export type { DemoDataset, DemoSource, DemoPeriod } from './types.ts';

const VEGA = 'Vega project (vega-datasets package)';
const US_GOV = { license: 'U.S. Government Work (public domain)', license_url: 'https://www.usa.gov/government-works' };
const CC_BY = { license: 'CC BY 4.0', license_url: 'https://creativecommons.org/licenses/by/4.0/' };
const OGL = { license: 'OGL-UK-3.0', license_url: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/' };

const REAL_DATASETS: DemoDataset[] = [
  {
    id: 'us-airports', source: { kind: 'vega', file: 'airports.csv' }, facets: ['state', 'country'],
    metas: {
      title: 'US airports', description: '<p>Airports of the United States with their IATA code, city, state and location, as used by the FAA. Source: data.gov, via the vega-datasets package.</p>',
      theme: [...THEME.transport], keyword: 'airports,aviation,transport', ...US_GOV,
      publisher: 'FAA (data.gov) via ' + VEGA, language: 'en', references: 'https://catalog.data.gov/dataset/airports-5e97a', 'dcat.accrualperiodicity': 'irregular', 'dcat.spatial': 'United States',
    },
  },
  {
    id: 'us-zipcodes', source: { kind: 'vega', file: 'zipcodes.csv' }, facets: ['state'],
    metas: {
      title: 'US ZIP codes', description: '<p>Every US ZIP code with its city, county, state and a representative location. ZIP codes keep their leading zeros. Source: GeoNames, via the vega-datasets package.</p>',
      theme: [...THEME.admin], keyword: 'zip code,postal code,address', ...CC_BY,
      publisher: 'GeoNames via ' + VEGA, language: 'en', references: 'https://download.geonames.org/export/zip/', 'dcat.spatial': 'United States',
    },
  },
  {
    id: 'seattle-weather', source: { kind: 'vega', file: 'seattle-weather.csv' }, facets: ['weather'],
    period: { field: 'date', start: '2012-01-01', end: '2015-12-31' },
    metas: {
      title: 'Seattle daily weather 2012–2015', description: '<p>Daily precipitation, minimum and maximum temperature, wind and weather type observed in Seattle. Source: NOAA National Climatic Data Center, via the vega-datasets package.</p>',
      theme: [...THEME.environment], keyword: 'weather,climate,temperature,precipitation', ...US_GOV,
      publisher: 'NOAA via ' + VEGA, language: 'en', references: 'https://www.ncdc.noaa.gov/cdo-web/datatools/records', 'dcat.spatial': 'Seattle, WA', 'dcat.accrualperiodicity': 'daily',
    },
  },
  {
    id: 'earthquakes-week', source: { kind: 'earthquakes', file: 'earthquakes.json' }, facets: ['type', 'magtype'],
    period: { field: 'time', start: '2018-01-31', end: '2018-02-07' },
    metas: {
      title: 'Earthquakes of one week (USGS)', description: '<p>All earthquakes recorded worldwide by the USGS during one week of February 2018: magnitude, depth, place and time.</p>',
      theme: [...THEME.environment], keyword: 'earthquakes,seismology,natural hazards', license: 'Public Domain (USGS)',
      license_url: 'https://www.usgs.gov/information-policies-and-instructions/copyrights-and-credits',
      publisher: 'USGS via ' + VEGA, language: 'en', references: 'https://earthquake.usgs.gov/earthquakes/feed/v1.0/summary/all_week.geojson', 'dcat.spatial': 'World',
    },
  },
  {
    id: 'london-boroughs', source: { kind: 'topojson', file: 'londonBoroughs.json', object: 'boroughs', idProperty: 'name' },
    metas: {
      title: 'London boroughs', description: '<p>Boundaries of the 33 London boroughs (including the City of London). Contains National Statistics data © Crown copyright and database right (2015).</p>',
      theme: [...THEME.admin], keyword: 'boundaries,boroughs,London', ...OGL, publisher: 'Greater London Authority via ' + VEGA,
      language: 'en', references: 'https://data.london.gov.uk/dataset/statistical-gis-boundary-files-london', 'dcat.spatial': 'London',
    },
  },
  {
    id: 'london-tube-lines', source: { kind: 'topojson', file: 'londonTubeLines.json', object: 'line', idProperty: 'line' }, facets: ['line'],
    metas: {
      title: 'London Underground lines', description: '<p>The tracks of London Underground lines between stations (394 segments), as mapped in OpenStreetMap in February 2018.</p>',
      theme: [...THEME.transport], keyword: 'underground,metro,rail,public transport,London', license: 'ODbL-1.0', license_url: 'https://opendatacommons.org/licenses/odbl/',
      publisher: 'OpenStreetMap contributors (processed by oobrien/vis) via ' + VEGA, language: 'en', references: 'https://github.com/oobrien/vis/blob/master/tubecreature/data/tfl_lines.json', 'dcat.spatial': 'London',
    },
  },
  {
    id: 'co2-concentration-mauna-loa', source: { kind: 'vega', file: 'co2-concentration.csv' },
    period: { field: 'date', start: '1958-03-01', end: '2020-04-01' },
    metas: {
      title: 'Atmospheric CO₂ at Mauna Loa, monthly 1958–2020', description: '<p>Monthly mean CO₂ concentration (parts per million) measured at Mauna Loa Observatory, Hawaii, raw and seasonally adjusted. Source: Scripps CO₂ Program, via the vega-datasets package.</p>',
      theme: [...THEME.environment], keyword: 'climate,carbon dioxide,greenhouse gases,air', ...CC_BY,
      publisher: 'Scripps CO2 Program via ' + VEGA, language: 'en', references: 'https://scrippsco2.ucsd.edu/data/atmospheric_co2/primary_mlo_co2_record', 'dcat.spatial': 'Mauna Loa, Hawaii', 'dcat.accrualperiodicity': 'monthly',
    },
  },
  {
    id: 'iowa-electricity-generation', source: { kind: 'vega', file: 'iowa-electricity.csv' }, facets: ['source'],
    period: { field: 'year', start: '2001-01-01', end: '2017-01-01' },
    metas: {
      title: 'Electricity generation in Iowa by source, 2001–2017', description: '<p>Annual net generation of electricity in Iowa by source (fossil fuels, nuclear, renewables), in thousand megawatt-hours. Source: U.S. Energy Information Administration, via the vega-datasets package.</p>',
      theme: [...THEME.environment], keyword: 'energy,electricity,renewables,wind power', ...US_GOV,
      publisher: 'U.S. Energy Information Administration via ' + VEGA, language: 'en', references: 'https://www.eia.gov/electricity/data/browser/', 'dcat.spatial': 'Iowa', 'dcat.accrualperiodicity': 'annual',
    },
  },
  {
    id: 'us-employment-monthly', source: { kind: 'vega', file: 'us-employment.csv' },
    period: { field: 'month', start: '2006-01-01', end: '2015-12-01' },
    metas: {
      title: 'US employment by sector, monthly 2006–2015', description: '<p>Monthly employment in thousands, seasonally adjusted, for the main job categories (Current Employment Statistics). Source: U.S. Bureau of Labor Statistics, via the vega-datasets package.</p>',
      theme: [...THEME.economy], keyword: 'employment,jobs,labour market,recession', ...US_GOV,
      publisher: 'U.S. Bureau of Labor Statistics via ' + VEGA, language: 'en', references: 'https://www.bls.gov/ces/', 'dcat.spatial': 'United States', 'dcat.accrualperiodicity': 'monthly',
    },
  },
  {
    id: 'us-unemployment-by-industry', source: { kind: 'vega', file: 'unemployment-across-industries.json' }, facets: ['series'],
    period: { field: 'date', start: '2000-01-01', end: '2010-02-01' },
    metas: {
      title: 'US unemployment by industry, 2000–2010', description: '<p>Unemployed persons (thousands) and unemployment rate in 14 industries, monthly from January 2000 to February 2010 (Current Population Survey). Source: U.S. Bureau of Labor Statistics, via the vega-datasets package.</p>',
      theme: [...THEME.economy], keyword: 'unemployment,jobs,industries,labour market', ...US_GOV,
      publisher: 'U.S. Bureau of Labor Statistics via ' + VEGA, language: 'en', references: 'https://www.bls.gov/web/empsit/cpseea31.htm', 'dcat.spatial': 'United States', 'dcat.accrualperiodicity': 'monthly',
    },
  },
];

export const DEMO_DATASETS: DemoDataset[] = [...REAL_DATASETS, ...SYNTHETIC_DATASETS];
