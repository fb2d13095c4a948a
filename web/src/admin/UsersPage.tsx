// /admin/users (edit_domain): local accounts (list, create with a password and permissions,
// delete behind a confirmation) and groups (create, delete, add and remove members).
import { useState, type FormEvent } from 'react';
import {
  addMember, createGroup, deleteGroup, updateGroupPermissions, deleteUser, updateUser, listGroups, listUsers, provisionUser, removeMember, DOMAIN_PERMISSIONS,
  type AdminGroup, type AdminUser, type Paginated,
} from './api.ts';
import { useAdminI18n, type AdminKey } from './messages.ts';
import { ConfirmDialog, FormError, Outcome, useLoad, useOutcome, type Loaded } from './ui.tsx';
import { Loading, Empty } from '../components/States.tsx';
import { useSession } from './session.ts';

function PermissionChecks({ idPrefix, value, onChange }: { idPrefix: string; value: Set<string>; onChange: (s: Set<string>) => void }) {
  const { t } = useAdminI18n();
  return (
    <fieldset>
      <legend>{t('users.permissions')}</legend>
      <div className="checks">
        {DOMAIN_PERMISSIONS.map((p) => (
          <label className="check" key={p}>
            <input type="checkbox" id={`${idPrefix}-${p}`} checked={value.has(p)} onChange={(e) => {
              const s = new Set(value); if (e.target.checked) s.add(p); else s.delete(p); onChange(s);
            }} />{t(`perm.${p}` as AdminKey)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

type UsersLoad = Loaded<Paginated<AdminUser>>;
type GroupsLoad = Loaded<Paginated<AdminGroup>>;

function Users({ users, groups, onChange }: { users: UsersLoad; groups: AdminGroup[]; onChange: () => void }) {
  const { t } = useAdminI18n();
  const session = useSession();
  const outcome = useOutcome();
  const [form, setForm] = useState({ username: '', email: '', password: '', is_admin: false });
  const [perms, setPerms] = useState<Set<string>>(new Set());
  const [deleting, setDeleting] = useState<AdminUser | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [editPerms, setEditPerms] = useState<Set<string>>(new Set());
  const [editActive, setEditActive] = useState(true);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await outcome.run(async () => { await provisionUser({ ...form, username: form.username.trim(), permissions: [...perms] }); return t('users.added', { name: form.username.trim() }); });
    if (ok) { setForm({ username: '', email: '', password: '', is_admin: false }); setPerms(new Set()); onChange(); }
  };
  const me = session.status === 'signed-in' ? session.username : '';
  const groupTitle = (uid: string) => groups.find((g) => g.uid === uid)?.title ?? uid;
  return (
    <section aria-labelledby="users-title">
      <h2 id="users-title">{t('users.users')}</h2>
      <Outcome message={outcome.message} error={outcome.error} />
      <FormError error={users.error} />
      {!users.data && !users.error && <Loading />}
      {users.data && (
        <div className="table-scroll">
          <table className="data-table admin-table">
            <caption className="visually-hidden">{t('users.users')}</caption>
            <thead><tr>
              <th scope="col">{t('users.username')}</th><th scope="col">{t('users.email')}</th><th scope="col">{t('users.admin')}</th>
              <th scope="col">{t('users.permissions')}</th><th scope="col">{t('users.groups')}</th><th scope="col">{t('datasets.actions')}</th>
            </tr></thead>
            <tbody>
              {users.data.results.map((u) => (
                <tr key={u.username}>
                  <th scope="row">{u.username}</th>
                  <td>{u.email}</td>
                  <td>{u.is_admin ? t('common.yes') : t('common.no')}{u.is_active ? '' : ` (${t('users.inactive')})`}</td>
                  <td>{u.permissions.map((p) => t(`perm.${p}` as AdminKey)).join(', ')}</td>
                  <td>{(u.groups ?? []).map((g) => groupTitle(g.uid)).join(', ')}</td>
                  <td>
                    <div className="button-row">
                      <button type="button" aria-expanded={editing === u.username} aria-label={t('users.editOf', { name: u.username })}
                        onClick={() => { setEditing(editing === u.username ? null : u.username); setEditPerms(new Set(u.permissions)); setEditActive(u.is_active); }}>{t('users.edit')}</button>
                      {u.username !== me && <button type="button" className="danger" aria-label={t('users.deleteOf', { name: u.username })} onClick={() => setDeleting(u)}>{t('common.delete')}</button>}
                    </div>
                    {editing === u.username && (
                      <form className="admin-form user-edit" aria-label={t('users.editOf', { name: u.username })} onSubmit={(e) => {
                        e.preventDefault();
                        void outcome.run(async () => { await updateUser(u.username, { permissions: [...editPerms], is_active: editActive }); setEditing(null); onChange(); return t('users.updated', { name: u.username }); });
                      }}>
                        <PermissionChecks idPrefix={`edit-${u.username}`} value={editPerms} onChange={setEditPerms} />
                        <label className="check"><input type="checkbox" checked={editActive} onChange={(e) => setEditActive(e.target.checked)} />{t('users.active')}</label>
                        <button type="submit" className="primary">{t('common.save')}</button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form className="admin-form" onSubmit={submit} aria-labelledby="user-add-title">
        <h3 id="user-add-title">{t('users.add')}</h3>
        <div className="field"><label htmlFor="user-username">{t('users.username')}</label>
          <input id="user-username" required autoComplete="off" value={form.username} onChange={(e) => setForm({ ...form, username: e.target.value })} /></div>
        <div className="field"><label htmlFor="user-email">{t('users.email')}</label>
          <input id="user-email" type="email" autoComplete="off" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} /></div>
        <div className="field"><label htmlFor="user-password">{t('users.password')}</label>
          <input id="user-password" type="password" required minLength={8} autoComplete="new-password" aria-describedby="user-password-help" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} />
          <p className="help" id="user-password-help">{t('users.passwordHelp')}</p></div>
        {session.status === 'signed-in' && session.is_admin && (
          <label className="check"><input type="checkbox" checked={form.is_admin} onChange={(e) => setForm({ ...form, is_admin: e.target.checked })} />{t('users.admin')}</label>
        )}
        <PermissionChecks idPrefix="user-perm" value={perms} onChange={setPerms} />
        <button type="submit" className="primary">{t('users.add')}</button>
      </form>
      <ConfirmDialog open={deleting !== null} title={t('users.confirmTitle')} body={deleting ? t('users.confirmBody', { name: deleting.username }) : ''}
        confirm={t('common.delete')} onCancel={() => setDeleting(null)}
        onConfirm={() => {
          const u = deleting!; setDeleting(null);
          void outcome.run(async () => { await deleteUser(u.username); onChange(); return t('users.deleted', { name: u.username }); });
        }} />
    </section>
  );
}

function Groups({ groups, users, reload }: { groups: GroupsLoad; users: AdminUser[]; reload: () => void }) {
  const { t } = useAdminI18n();
  const outcome = useOutcome();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [perms, setPerms] = useState<Set<string>>(new Set());
  const [member, setMember] = useState<Record<string, string>>({});
  const [editing, setEditing] = useState<string | null>(null);
  const [editPerms, setEditPerms] = useState<Set<string>>(new Set());
  const members: Record<string, string[]> = {};
  for (const u of users) for (const g of u.groups ?? []) (members[g.uid] ??= []).push(u.username);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await outcome.run(async () => { const g = await createGroup(title.trim(), description.trim(), [...perms]); return t('groups.added', { name: g.title }); });
    if (ok) { setTitle(''); setDescription(''); setPerms(new Set()); reload(); }
  };
  return (
    <section aria-labelledby="groups-title">
      <h2 id="groups-title">{t('groups.title')}</h2>
      <Outcome message={outcome.message} error={outcome.error} />
      <FormError error={groups.error} />
      {groups.data && groups.data.results.length === 0 && <Empty>{t('groups.none')}</Empty>}
      {groups.data && groups.data.results.length > 0 && (
        <ul className="card-list group-list">
          {groups.data.results.map((g) => (
            <li key={g.uid} className="card">
              <h3 className="card-title">{g.title} <span className="small muted">({g.uid})</span></h3>
              {g.description && <p>{g.description}</p>}
              <p className="small">{t('users.permissions')}: {g.permissions.map((p) => t(`perm.${p}` as AdminKey)).join(', ') || '—'}</p>
              <button type="button" aria-expanded={editing === g.uid} aria-label={t('groups.editOf', { name: g.title })}
                onClick={() => { setEditing(editing === g.uid ? null : g.uid); setEditPerms(new Set(g.permissions)); }}>{t('users.edit')}</button>
              {editing === g.uid && (
                <form className="admin-form" aria-label={t('groups.editOf', { name: g.title })} onSubmit={(e) => {
                  e.preventDefault();
                  void outcome.run(async () => { await updateGroupPermissions(g.uid, [...editPerms]); setEditing(null); reload(); return t('groups.updated', { name: g.title }); });
                }}>
                  <PermissionChecks idPrefix={`group-edit-${g.uid}`} value={editPerms} onChange={setEditPerms} />
                  <button type="submit" className="primary">{t('common.save')}</button>
                </form>
              )}
              <p className="small">{t('groups.members')}:</p>
              <ul className="tags">
                {(members[g.uid] ?? []).map((u) => (
                  <li key={u} className="tag">{u}{' '}
                    <button type="button" className="link-button" aria-label={t('groups.removeMember', { user: u, name: g.title })}
                      onClick={() => void outcome.run(async () => { await removeMember(g.uid, u); reload(); return null; })}>×</button>
                  </li>
                ))}
              </ul>
              <form className="button-row" onSubmit={(e) => {
                e.preventDefault();
                const u = (member[g.uid] ?? '').trim();
                void outcome.run(async () => { await addMember(g.uid, u); setMember({ ...member, [g.uid]: '' }); reload(); return null; });
              }}>
                <label className="visually-hidden" htmlFor={`member-${g.uid}`}>{t('groups.addMember', { name: g.title })}</label>
                <input id={`member-${g.uid}`} required placeholder={t('users.username')} value={member[g.uid] ?? ''} onChange={(e) => setMember({ ...member, [g.uid]: e.target.value })} />
                <button type="submit">{t('groups.addMemberButton')}</button>
                <button type="button" className="danger" aria-label={t('groups.deleteOf', { name: g.title })}
                  onClick={() => void outcome.run(async () => { await deleteGroup(g.uid); reload(); return t('groups.deleted', { name: g.title }); })}>{t('common.delete')}</button>
              </form>
            </li>
          ))}
        </ul>
      )}
      <form className="admin-form" onSubmit={submit} aria-labelledby="group-add-title">
        <h3 id="group-add-title">{t('groups.add')}</h3>
        <div className="field"><label htmlFor="group-title">{t('groups.name')}</label>
          <input id="group-title" required value={title} onChange={(e) => setTitle(e.target.value)} /></div>
        <div className="field"><label htmlFor="group-description">{t('groups.description')}</label>
          <input id="group-description" value={description} onChange={(e) => setDescription(e.target.value)} /></div>
        <PermissionChecks idPrefix="group-perm" value={perms} onChange={setPerms} />
        <button type="submit" className="primary">{t('groups.add')}</button>
      </form>
    </section>
  );
}

export function UsersPage() {
  const { t } = useAdminI18n();
  const groups = useLoad(listGroups, []);
  const users = useLoad(listUsers, []);
  const reload = () => { groups.reload(); users.reload(); };
  return (
    <div>
      <h1>{t('users.title')}</h1>
      <Users users={users} groups={groups.data?.results ?? []} onChange={reload} />
      <Groups groups={groups} users={users.data?.results ?? []} reload={reload} />
    </div>
  );
}
