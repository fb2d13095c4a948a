// The Opendatasoft standard themes (the stored value is the English name, as on ODS portals), with
// their French names for the pick list. Themes outside this list stay editable as free values.
export const ODS_THEMES: ReadonlyArray<{ value: string; fr: string }> = [
  { value: 'Administration, Government, Public finances, Citizenship', fr: 'Administration, Gouvernement, Finances publiques, Citoyenneté' },
  { value: 'Culture, Heritage', fr: 'Culture, Patrimoine' },
  { value: 'Economy, Business, SME, Economic development, Employment', fr: 'Économie, Entreprise, PME, Développement économique, Emploi' },
  { value: 'Education, Training, Research, Teaching', fr: 'Éducation, Formation, Recherche, Enseignement' },
  { value: 'Environment', fr: 'Environnement' },
  { value: 'Health', fr: 'Santé' },
  { value: 'Justice, Safety, Police, Crime', fr: 'Justice, Sécurité, Police, Criminalité' },
  { value: 'Spatial planning, Town planning, Buildings, Equipment, Housing', fr: 'Aménagement du territoire, Urbanisme, Bâtiments, Équipements, Logement' },
  { value: 'Sports, Leisure', fr: 'Sports, Loisirs' },
  { value: 'Transport, Movements', fr: 'Transports, Déplacements' },
  { value: 'Accommodation, Hospitality Industry', fr: 'Hébergement, Industrie hôtelière' },
  { value: 'Services, Social', fr: 'Services, Social' },
];

export const isOdsTheme = (v: string): boolean => ODS_THEMES.some((t) => t.value === v);
