// The back office's real-time section of a dataset: its push API endpoints and MQTT subscriptions
// (state, counts, malformed messages), adding one (a sample record fixes the fields of a dataset that
// has none), enable/disable, renewing the push key (shown once, with a copy button), deleting; the
// silence alert and retention settings (LiveSettingsForm.tsx).
import { useRef, useState, type FormEvent } from 'react';
import type { AdminDataset } from './api.ts';
import {
  createRealtime, deadLetters, deleteRealtime, listRealtime, renewPushKey, setRealtimeEnabled, type RealtimeResource,
} from './realtime-api.ts';
import { useRealtimeI18n, type RealtimeKey } from './realtime-messages.ts';
import { ConfirmDialog, FormError, Outcome, useLoad, useOutcome } from './ui.tsx';
import { copyFieldText } from '../dataset/copy-text.ts';
import { LiveSettingsForm } from './LiveSettingsForm.tsx';

type T = (key: RealtimeKey, vars?: Record<string, string | number>) => string;

function parseJson(t: T, what: string, text: string): unknown {
  if (!text.trim()) return undefined;
  try { return JSON.parse(text); } catch (e) { throw new Error(t('rt.badJson', { what, message: (e as Error).message })); }
}

/** The key of a resource just made or renewed, with a copy button and an example push. */
function KeyOnce({ resource }: { resource: RealtimeResource }) {
  const { t } = useRealtimeI18n();
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const example = `curl -XPOST '${resource.push_url}?pushkey=${resource.push_key}' -d '{"field": "value"}'`;
  return (
    <div className="key-once">
      <label htmlFor={`key-${resource.uid}`}>{t('rt.keyOnce')}</label>
      <div className="search-row">
        <input id={`key-${resource.uid}`} ref={field} readOnly value={resource.push_key} className="mono" />
        <button type="button" onClick={async () => setCopied((await copyFieldText(field.current!)) === 'copied' ? t('rt.copied') : t('rt.selected'))}>{t('rt.copy')}</button>
      </div>
      <p role="status" className="small">{copied}</p>
      <p className="small">{t('rt.example')} <code>{example}</code></p>
    </div>
  );
}

function DeadLetters({ dataset, resource }: { dataset: AdminDataset; resource: RealtimeResource }) {
  const { t } = useRealtimeI18n();
  const [open, setOpen] = useState(false);
  const list = useLoad(() => (open ? deadLetters(dataset.uid, resource.uid) : Promise.resolve([])), [open, resource.status?.malformed]);
  return (
    <details onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>{t('rt.deadLetters', { count: resource.status?.malformed ?? 0 })}</summary>
      {list.data && list.data.length === 0 && <p className="muted">{t('rt.deadNone')}</p>}
      {list.data && list.data.length > 0 && (
        <ul className="dead-letters">
          {list.data.map((d, i) => <li key={i}><code>{d.topic}</code> · {new Date(d.received).toLocaleString()} — {d.error}<br /><code className="small">{d.payload}</code></li>)}
        </ul>
      )}
    </details>
  );
}

function ResourceItem({ dataset, r, fresh, onChanged }: { dataset: AdminDataset; r: RealtimeResource; fresh: RealtimeResource | null; onChanged: (made?: RealtimeResource) => void }) {
  const { t } = useRealtimeI18n();
  const outcome = useOutcome();
  const [confirm, setConfirm] = useState<'renew' | 'delete' | null>(null);
  const mqtt = r.type === 'mqtt';
  const act = (fn: () => Promise<RealtimeResource | void>, done: string) => outcome.run(async () => {
    const out = await fn();
    onChanged(out && out.push_key ? out : undefined);
    return done;
  });
  return (
    <li className="rt-resource">
      <h3>{r.title} <span className="small muted">({mqtt ? t('rt.kindMqtt') : t('rt.kindPush')})</span></h3>
      <p>{r.enabled ? t('rt.enabled') : t('rt.disabled')}{r.push_key_hint ? ` · ${t('rt.keyHint', { hint: r.push_key_hint })}` : ''}</p>
      {r.push_url && <p className="small"><code>{r.push_url}</code></p>}
      {mqtt && (
        <p className="small">
          <code>{r.params.url}</code> · <code>{r.params.topic}</code> · {r.status?.connected ? t('rt.connected') : t('rt.disconnected')} · {t('rt.counts', { received: r.status?.received ?? 0, malformed: r.status?.malformed ?? 0 })}
          {r.status?.last_error ? ` · ${t('rt.lastError', { error: r.status.last_error })}` : ''}
        </p>
      )}
      {fresh && <KeyOnce resource={fresh} />}
      {mqtt && <DeadLetters dataset={dataset} resource={r} />}
      <div className="button-row">
        <button type="button" onClick={() => act(() => setRealtimeEnabled(dataset.uid, r.uid, !r.enabled), r.enabled ? t('rt.disabled') : t('rt.enabled'))}>{r.enabled ? t('rt.disable') : t('rt.enable')}</button>
        <button type="button" onClick={() => setConfirm('renew')}>{t('rt.renew')}</button>
        <button type="button" className="danger" onClick={() => setConfirm('delete')}>{t('rt.delete')}</button>
      </div>
      <Outcome message={outcome.message} error={outcome.error} />
      <ConfirmDialog open={confirm !== null} title={confirm === 'renew' ? t('rt.renew') : `${t('rt.delete')} — ${r.title}`}
        body={confirm === 'renew' ? t('rt.renewConfirm') : t('rt.deleteConfirm')} confirm={confirm === 'renew' ? t('rt.renew') : t('rt.delete')}
        onCancel={() => setConfirm(null)}
        onConfirm={() => { const which = confirm; setConfirm(null); void act(() => (which === 'renew' ? renewPushKey(dataset.uid, r.uid) : deleteRealtime(dataset.uid, r.uid)), which === 'renew' ? t('rt.renewed') : t('rt.deleted')); }} />
    </li>
  );
}

function AddForm({ dataset, onAdded }: { dataset: AdminDataset; onAdded: (made: RealtimeResource) => void }) {
  const { t } = useRealtimeI18n();
  const outcome = useOutcome();
  const [kind, setKind] = useState<'realtime' | 'mqtt'>('realtime');
  const [v, setV] = useState({ title: '', sample: '', url: '', topic: '', username: '', password: '', fields: '' });
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    await outcome.run(async () => {
      const params: Record<string, unknown> = {};
      const sample = parseJson(t, t('rt.sample'), v.sample);
      if (sample !== undefined) params.sample_record = sample;
      if (kind === 'mqtt') {
        Object.assign(params, { url: v.url.trim(), topic: v.topic.trim() });
        if (v.username) params.username = v.username;
        if (v.password) params.password = v.password;
        const fields = parseJson(t, t('rt.fields'), v.fields);
        if (fields !== undefined) params.fields = fields;
      }
      const made = await createRealtime(dataset.uid, { type: kind, title: v.title.trim(), params });
      setV({ title: '', sample: '', url: '', topic: '', username: '', password: '', fields: '' });
      onAdded(made);
      return t('rt.created');
    });
    setBusy(false);
  };
  return (
    <form className="admin-form" onSubmit={submit} aria-label={t('rt.create')}>
      <div className="field">
        <label htmlFor="rt-kind">{t('rt.kind')}</label>
        <select id="rt-kind" value={kind} onChange={(e) => setKind(e.target.value as 'realtime' | 'mqtt')}>
          <option value="realtime">{t('rt.kindPush')}</option>
          <option value="mqtt">{t('rt.kindMqtt')}</option>
        </select>
      </div>
      <div className="field"><label htmlFor="rt-title">{t('rt.title')}</label><input id="rt-title" required value={v.title} onChange={set('title')} /></div>
      {kind === 'mqtt' && (
        <>
          <div className="field"><label htmlFor="rt-url">{t('rt.url')}</label><input id="rt-url" required value={v.url} onChange={set('url')} aria-describedby="rt-url-help" placeholder="mqtt://broker.example:1883" /><p id="rt-url-help" className="help">{t('rt.urlHelp')}</p></div>
          <div className="field"><label htmlFor="rt-topic">{t('rt.topic')}</label><input id="rt-topic" required value={v.topic} onChange={set('topic')} aria-describedby="rt-topic-help" /><p id="rt-topic-help" className="help">{t('rt.topicHelp')}</p></div>
          <div className="field"><label htmlFor="rt-user">{t('rt.username')}</label><input id="rt-user" value={v.username} onChange={set('username')} autoComplete="off" /></div>
          <div className="field"><label htmlFor="rt-pass">{t('rt.password')}</label><input id="rt-pass" type="password" value={v.password} onChange={set('password')} autoComplete="new-password" /></div>
          <div className="field"><label htmlFor="rt-fields">{t('rt.fields')}</label><textarea id="rt-fields" className="mono" rows={3} value={v.fields} onChange={set('fields')} aria-describedby="rt-fields-help" /><p id="rt-fields-help" className="help">{t('rt.fieldsHelp')}</p></div>
        </>
      )}
      <div className="field">
        <label htmlFor="rt-sample">{t('rt.sample')}</label>
        <textarea id="rt-sample" className="mono" rows={3} value={v.sample} onChange={set('sample')} aria-describedby="rt-sample-help" />
        <p id="rt-sample-help" className="help">{t('rt.sampleHelp')}</p>
      </div>
      <button type="submit" className="primary" disabled={busy}>{t('rt.create')}</button>
      <Outcome message={outcome.message} error={outcome.error} />
    </form>
  );
}

export function RealtimeSection({ dataset, onFieldsChanged }: { dataset: AdminDataset; onFieldsChanged: () => void }) {
  const { t } = useRealtimeI18n();
  const list = useLoad(() => listRealtime(dataset.uid), [dataset.uid]);
  /** The resource whose key was just made: shown once, until the page is left. */
  const [fresh, setFresh] = useState<RealtimeResource | null>(null);
  const [version, setVersion] = useState(0);
  const changed = (made?: RealtimeResource) => { if (made) setFresh(made); list.reload(); onFieldsChanged(); setVersion((x) => x + 1); };
  return (
    <section className="admin-section" aria-labelledby="rt-heading">
      <h2 id="rt-heading">{t('rt.heading')}</h2>
      <p className="help">{t('rt.help')}</p>
      <FormError error={list.error} />
      {list.data && list.data.length === 0 && <p className="muted">{t('rt.none')}</p>}
      {list.data && list.data.length > 0 && (
        <ul className="rt-resources">
          {list.data.map((r) => <ResourceItem key={r.uid} dataset={dataset} r={r} fresh={fresh?.uid === r.uid ? fresh : null} onChanged={changed} />)}
        </ul>
      )}
      {list.data && list.data.length > 0 && <LiveSettingsForm dataset={dataset} version={version} />}
      <AddForm dataset={dataset} onAdded={changed} />
    </section>
  );
}
