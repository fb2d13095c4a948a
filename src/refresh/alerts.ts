// A failed scheduled refresh raises an alert the way a silent live dataset does: an audit entry
// (source.refresh_failed, then source.refresh_recovered when a run succeeds again) and, with a mail
// server set, an e-mail to the operators (governance/operator-mail.ts). English: operators read it.
import type { AuditLog } from '../governance/audit.ts';
import { esc, type MailMessage } from '../governance/mail.ts';
import type { OperatorMail } from '../governance/operator-mail.ts';
import type { RefreshAlert, Refresher } from './refresher.ts';

export function refreshAlertMessage(a: RefreshAlert, portal: string, link: string): MailMessage {
  const failed = a.kind === 'failed';
  const subject = failed ? `[${portal}] The refresh of dataset ${a.datasetId} failed` : `[${portal}] Dataset ${a.datasetId} refreshes again`;
  const first = failed
    ? `The refresh of dataset ${a.datasetId} started at ${a.run.started} failed; the published data is unchanged. ${a.run.message ?? ''}`.trim()
    : `The refresh of dataset ${a.datasetId} started at ${a.run.started} succeeded (${a.run.outcome}) after a failed one.`;
  const text = `${first}\n\nThe dataset: ${link}\n`;
  return { subject, text, html: `<p>${esc(first)}</p><p><a href="${esc(link)}">${esc(link)}</a></p>` };
}

export function wireRefreshAlerts(refresher: Refresher, audit: AuditLog, mail: OperatorMail | null, baseUrl: string, portal: () => string): void {
  refresher.onAlert(async (a) => {
    const r = a.run;
    await audit.record({
      actor: 'system', action: a.kind === 'failed' ? 'source.refresh_failed' : 'source.refresh_recovered', target: r.datasetUid,
      detail: { dataset_id: a.datasetId, run_uid: r.uid, trigger: r.trigger, started: r.started, message: r.message }, ip: null,
    });
    const link = `${baseUrl}/admin/datasets/${encodeURIComponent(r.datasetUid)}`;
    await mail?.(refreshAlertMessage(a, portal(), link), r.datasetUid, 'source.refresh.mail_failed');
  });
}
