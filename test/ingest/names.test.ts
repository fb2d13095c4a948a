// Field names the ODS way: lowercase ASCII, accents stripped, other characters → "_", unique.
import { describe, expect, it } from 'vitest';
import { normaliseName, uniqueFieldNames } from '../../src/ingest/names.ts';

describe('normaliseName', () => {
  it.each([
    ['HAUTEUR (m)', 'hauteur_m'],
    ['LIEU / ADRESSE', 'lieu_adresse'],
    ['Coordonnées géographiques', 'coordonnees_geographiques'],
    ["Date d'installation du site de comptage", 'date_d_installation_du_site_de_comptage'],
    ['test_lien_vers_photos_du_site_de_comptage_', 'test_lien_vers_photos_du_site_de_comptage'],
    ['__index_level_0__', 'index_level_0'],
    ['Coût (€)', 'cout'],
    ['Œillet  --  Straße', 'oeillet_strasse'],
    ['  Température moyenne (°C)  ', 'temperature_moyenne_c'],
    ['2019', '2019'],
    ['geo_point_2d', 'geo_point_2d'],
    ['a__lon', 'a_lon'],
    ['ﬁchier', 'fichier'],
  ])('%j → %j', (header, name) => {
    expect(normaliseName(header)).toBe(name);
  });

  it('leaves nothing for headers without letters or digits', () => {
    expect(normaliseName('???')).toBe('');
    expect(normaliseName('')).toBe('');
  });
});

describe('uniqueFieldNames', () => {
  it('suffixes duplicates with _2, _3 and names empty headers by position', () => {
    expect(uniqueFieldNames(['Nom', 'nom', 'NOM', '', '€'])).toEqual(['nom', 'nom_2', 'nom_3', 'field_4', 'field_5']);
  });

  it('keeps first occurrences and skips suffixes that are taken', () => {
    expect(uniqueFieldNames(['a', 'a', 'a_2'])).toEqual(['a', 'a_3', 'a_2']);
  });

  it('never produces _rid or a name with a double underscore', () => {
    const names = uniqueFieldNames(['_rid', 'x__lon', '__', 'geo__lat']);
    expect(names).toEqual(['rid', 'x_lon', 'field_3', 'geo_lat']);
    for (const n of names) expect(n).not.toMatch(/^_|__/);
  });
});
