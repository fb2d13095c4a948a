// The access-rules section of a dataset's page (manage_dataset): the rules per user or group in a
// table, each with Edit (the rule form prefilled, saved in place with one PUT) and Delete; the default
// access (default_security, quota included) edited in place; a form to add a rule; a preview as a user.
import { useEffect, useState } from 'react';
import { deleteRule, listRules, type AdminDataset, type RulesetBody } from './api.ts';
import { useAdminI18n, type AdminKey } from './messages.ts';
import { FormError, Outcome, useLoad, useOutcome } from './ui.tsx';
import { PreviewAsUser } from './PreviewAsUser.tsx';
import { QuotaText } from './QuotaInputs.tsx';
import { RuleForm, type RuleKind } from './RuleForm.tsx';
import { Loading, Empty } from '../components/States.tsx';
import { exploreUrl, getJson } from '../api/client.ts';

function ruleName(r: RulesetBody): string { return r.user?.username ?? r.group?.uid ?? ''; }
const editButtonId = (kind: RuleKind, name: string) => `rule-edit-${kind}-${name.replace(/[^A-Za-z0-9_-]/g, '_')}`;

export function SecurityRules({ dataset, onSaved }: { dataset: AdminDataset; onSaved: () => void }) {
  const { t } = useAdminI18n();
  const rules = useLoad(async () => {
    const [users, groups] = await Promise.all([listRules(dataset.uid, 'user'), listRules(dataset.uid, 'group')]);
    return [...users.results.map((r) => ({ kind: 'user' as const, r })), ...groups.results.map((r) => ({ kind: 'group' as const, r }))];
  }, [dataset.uid]);
  const [fields, setFields] = useState<string[] | null>(null);
  useEffect(() => {
    // The field names, from the Explore API (absent while the dataset is unpublished: then typed).
    getJson<{ fields: Array<{ name: string }> }>(exploreUrl(`/catalog/datasets/${encodeURIComponent(dataset.dataset_id)}`), undefined, false)
      .then((d) => setFields(d.fields.map((f) => f.name)), () => setFields(null));
  }, [dataset.dataset_id]);
  const [editing, setEditing] = useState<{ kind: RuleKind; name: string } | null>(null);
  const outcome = useOutcome();

  if (rules.error?.status === 403) return null;
  const edited = editing && rules.data?.find((x) => x.kind === editing.kind && ruleName(x.r) === editing.name);
  const label = (kind: RuleKind, name: string) => `${t(kind === 'user' ? 'edit.rules.user' : 'edit.rules.group')}: ${name}`;
  const closeEdit = (focus: boolean) => {
    const id = editing && editButtonId(editing.kind, editing.name);
    setEditing(null);
    if (focus && id) setTimeout(() => document.getElementById(id)?.focus(), 0);
  };

  return (
    <section aria-labelledby="rules-title">
      <h2 id="rules-title">{t('edit.security')}</h2>
      <p className="help">{t('edit.securityHelp')}</p>
      <Outcome message={outcome.message} error={outcome.error} />
      <FormError error={rules.error} />
      {!rules.data && !rules.error && <Loading />}
      {rules.data && rules.data.length === 0 && <Empty>{t('edit.rules.none')}</Empty>}
      {rules.data && rules.data.length > 0 && (
        <div className="table-scroll">
          <table className="data-table admin-table">
            <caption className="visually-hidden">{t('edit.security')}</caption>
            <thead><tr>
              <th scope="col">{t('edit.rules.target')}</th><th scope="col">{t('edit.rules.visible')}</th><th scope="col">{t('edit.rules.fields')}</th>
              <th scope="col">{t('edit.rules.filter')}</th><th scope="col">{t('edit.rules.permissions')}</th><th scope="col">{t('edit.quota.title')}</th>
              <th scope="col"><span className="visually-hidden">{t('edit.rules.actions')}</span></th>
            </tr></thead>
            <tbody>
              {rules.data.map(({ kind: k, r }) => {
                const name = ruleName(r);
                const open = editing?.kind === k && editing.name === name;
                return (
                  <tr key={`${k}:${name}`}>
                    <th scope="row">{label(k, name)}</th>
                    <td>{r.security.is_data_visible ? t('common.yes') : t('common.no')}</td>
                    <td>{r.security.visible_fields ? r.security.visible_fields.join(', ') : t('edit.rules.allFields')}</td>
                    <td><code>{r.security.filter_query ?? ''}</code></td>
                    <td>{r.permissions.map((p) => t(`perm.${p}` as AdminKey)).join(', ')}</td>
                    <td><QuotaText quota={r.security.api_calls_quota} /></td>
                    <td><div className="button-row">
                      <button type="button" id={editButtonId(k, name)} aria-label={t('edit.rules.editOf', { name })} aria-expanded={open}
                        aria-controls={open ? 'rule-edit' : undefined} onClick={() => setEditing({ kind: k, name })}>{t('edit.rules.edit')}</button>
                      <button type="button" className="danger" aria-label={t('edit.rules.deleteOf', { name })}
                        onClick={() => void outcome.run(async () => {
                          await deleteRule(dataset.uid, k, name);
                          if (open) setEditing(null);
                          rules.reload();
                          return t('edit.rules.deleted', { name });
                        })}>{t('common.delete')}</button>
                    </div></td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {edited && (
        <RuleForm key={`${edited.kind}:${editing.name}`} id="rule-edit" mode={{ kind: 'edit', target: edited.kind, name: editing.name }}
          datasetUid={dataset.uid} title={t('edit.rules.editTitle', { target: label(edited.kind, editing.name) })} fields={fields}
          security={edited.r.security} permissions={edited.r.permissions}
          onDone={(message) => { closeEdit(true); rules.reload(); void outcome.run(async () => message); }} onCancel={() => closeEdit(true)} />
      )}
      <RuleForm id="default" mode={{ kind: 'default' }} datasetUid={dataset.uid}
        title={t('edit.default')} help={t('edit.defaultHelp')} fields={null} security={dataset.default_security} permissions={null}
        onDone={onSaved} />
      <RuleForm id="rule" mode={{ kind: 'add' }} datasetUid={dataset.uid} title={t('edit.rules.add')} fields={fields} security={null} permissions={null}
        onDone={() => rules.reload()} />
      <PreviewAsUser dataset={dataset} known={(rules.data ?? []).filter((x) => x.kind === 'user').map((x) => ruleName(x.r))} />
    </section>
  );
}
