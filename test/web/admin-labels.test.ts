// The back office's label edits as field configurations: a label set on a field whose technical
// rename is still pending (made through the Automation API, not yet published) keeps the new name.
import { describe, expect, it } from 'vitest';
import { labelRename, type FieldConfig } from '../../web/src/admin/api.ts';

describe('labelRename', () => {
  it('adds a rename that only changes the label when the field has none', () => {
    expect(labelRename([], 'species', 'Species')).toEqual({ uid: undefined, body: { type: 'rename', from_name: 'species', to_name: 'species', field_label: 'Species' } });
  });
  it('replaces the field\'s rename and keeps a pending new technical name', () => {
    const configs: FieldConfig[] = [
      { uid: 'fc1', type: 'rename', from_name: 'kind', to_name: 'species', field_label: 'Kind' },
      { uid: 'fc2', type: 'description', field: 'kind', description: 'What grows' },
    ];
    expect(labelRename(configs, 'kind', 'Species of tree')).toEqual({ uid: 'fc1', body: { type: 'rename', from_name: 'kind', to_name: 'species', field_label: 'Species of tree' } });
  });
});
