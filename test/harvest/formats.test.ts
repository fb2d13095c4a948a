// Format words as real portals write them: CKAN resource formats (free text), DCAT-AP EU file-type
// IRIs and IANA media-type IRIs (DCAT-AP 3.0 usage notes), and bare URLs.
import { describe, expect, it } from 'vitest';
import { isImportable, normaliseFormat } from '../../src/harvest/formats.ts';

describe('normaliseFormat', () => {
  it('reads CKAN free-text formats', () => {
    expect(normaliseFormat('CSV')).toBe('csv');
    expect(normaliseFormat('text/csv')).toBe('csv');
    expect(normaliseFormat('ESRI Shapefile')).toBe('shapefile');
    expect(normaliseFormat('GeoJSON')).toBe('geojson');
    expect(normaliseFormat('.xlsx')).toBe('xlsx');
  });
  it('reads DCAT IRIs', () => {
    expect(normaliseFormat('http://publications.europa.eu/resource/authority/file-type/CSV')).toBe('csv');
    expect(normaliseFormat('http://publications.europa.eu/resource/authority/file-type/GEOJSON')).toBe('geojson');
    expect(normaliseFormat(null, 'https://www.iana.org/assignments/media-types/application/vnd.geo+json')).toBe('geojson');
    expect(normaliseFormat(null, 'text/csv; charset=utf-8')).toBe('csv');
  });
  it('falls back to the URL extension, then the remote word', () => {
    expect(normaliseFormat('', null, 'https://data.example.org/files/trees.geojson?x=1')).toBe('geojson');
    expect(normaliseFormat('Web page', null, 'https://example.org/')).toBe('web page');
    expect(normaliseFormat(null, null, 'not a url')).toBeNull();
    // Words that are Object.prototype's own names are the remote's words, not lookups gone astray.
    expect(normaliseFormat('constructor')).toBe('constructor');
    expect(normaliseFormat(null, 'toString', 'https://example.org/a.constructor')).toBeNull();
  });
  it('says which formats Agora can import', () => {
    expect(isImportable('csv')).toBe(true);
    expect(isImportable('pdf')).toBe(false);
    expect(isImportable(null)).toBe(false);
  });
});
