// E-mail to the portal's operators (active admins with an address, plus AGORA_ALERT_EMAIL): the path
// every alert takes (silence of a live dataset, a failed scheduled refresh). A mail that cannot be
// sent is logged and audited, never thrown: the alert itself is already in the audit log.
import type { AuditLog } from './audit.ts';
import { Mailer, mailConfigFromEnv, type MailMessage } from './mail.ts';
import type { GovernanceStore } from './store.ts';

export type OperatorMail = (message: MailMessage, target: string, failedAction: string) => Promise<void>;

/** null when no mail server is configured (AGORA_SMTP_URL). */
export function operatorMail(store: GovernanceStore, audit: AuditLog, env: NodeJS.ProcessEnv, baseUrl: string, portal: () => string): OperatorMail | null {
  const mail = mailConfigFromEnv(env, baseUrl, portal());
  if (!mail) return null;
  const mailer = new Mailer(mail);
  return async (message, target, failedAction) => {
    const to = [...new Set([...store.users().filter((u) => u.isAdmin && u.isActive && u.email).map((u) => u.email!), ...(env.AGORA_ALERT_EMAIL ?? '').split(',').map((x) => x.trim()).filter(Boolean)])];
    for (const address of to) {
      await mailer.send(address, message).catch(async (err: unknown) => {
        console.error(`[agora] alert e-mail to an operator failed: ${(err as Error).message}`);
        await audit.record({ actor: 'system', action: failedAction, target, detail: { server: mail.server }, ip: null });
      });
    }
  };
}
