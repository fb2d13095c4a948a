// English and French strings of the back office's reuses page (moderation queue and the user's own
// submissions). Every key exists in both languages (type-checked).
import { useTables, type Vars } from './editor-messages.ts';

const en = {
  'ru.nav': 'Reuses',
  'ru.title': 'Reuses to moderate',
  'ru.help': 'You moderate the reuses whose every dataset you may publish (publish_dataset). An approved reuse shows on its datasets\u2019 pages and in the public gallery.',
  'ru.status': 'Show',
  'ru.s.pending': 'Waiting for approval',
  'ru.s.approved': 'Approved',
  'ru.s.rejected': 'Rejected',
  'ru.s.all': 'All',
  'ru.count': '{count} reuse(s)',
  'ru.none': 'No reuse here for you to moderate.',
  'ru.by': 'Submitted by {name} on {date}',
  'ru.datasets': 'Datasets used:',
  'ru.reason': 'Reason: {reason}',
  'ru.approve': 'Approve {title}',
  'ru.approveShort': 'Approve',
  'ru.approved': '\u201c{title}\u201d is approved and public.',
  'ru.reject': 'Reject',
  'ru.rejectReason': 'Why reject \u201c{title}\u201d? (the submitter reads it)',
  'ru.rejectConfirm': 'Reject with this reason',
  'ru.rejected': '\u201c{title}\u201d is rejected.',
  'ru.delete': 'Delete',
  'ru.deleteTitle': 'Delete \u201c{title}\u201d?',
  'ru.deleteBody': 'The reuse is removed for good, from the gallery and from its datasets\u2019 pages.',
  'ru.deleted': '\u201c{title}\u201d is deleted.',
  'ru.mine': 'Your submissions',
  'ru.mineNone': 'You have not submitted a reuse yet: use the form on a dataset\u2019s page.',
  'ru.withdraw': 'Withdraw',
} as const;

export type ReuseKey = keyof typeof en;

const fr: Record<ReuseKey, string> = {
  'ru.nav': 'Réutilisations',
  'ru.title': 'Réutilisations à modérer',
  'ru.help': 'Vous modérez les réutilisations dont vous pouvez publier chacun des jeux de données (publish_dataset). Une réutilisation approuvée s\u2019affiche sur la page de ses jeux de données et dans la galerie publique.',
  'ru.status': 'Afficher',
  'ru.s.pending': 'En attente d\u2019approbation',
  'ru.s.approved': 'Approuvées',
  'ru.s.rejected': 'Refusées',
  'ru.s.all': 'Toutes',
  'ru.count': '{count} réutilisation(s)',
  'ru.none': 'Aucune réutilisation à modérer ici pour vous.',
  'ru.by': 'Proposée par {name} le {date}',
  'ru.datasets': 'Jeux de données utilisés :',
  'ru.reason': 'Motif : {reason}',
  'ru.approve': 'Approuver {title}',
  'ru.approveShort': 'Approuver',
  'ru.approved': '« {title} » est approuvée et publique.',
  'ru.reject': 'Refuser',
  'ru.rejectReason': 'Pourquoi refuser « {title} » ? (l\u2019auteur le lira)',
  'ru.rejectConfirm': 'Refuser avec ce motif',
  'ru.rejected': '« {title} » est refusée.',
  'ru.delete': 'Supprimer',
  'ru.deleteTitle': 'Supprimer « {title} » ?',
  'ru.deleteBody': 'La réutilisation est retirée définitivement, de la galerie et des pages de ses jeux de données.',
  'ru.deleted': '« {title} » est supprimée.',
  'ru.mine': 'Vos propositions',
  'ru.mineNone': 'Vous n\u2019avez encore proposé aucune réutilisation : utilisez le formulaire sur la page d\u2019un jeu de données.',
  'ru.withdraw': 'Retirer',
};

export function useReusesI18n(): { t: (key: ReuseKey, vars?: Vars) => string; lang: 'en' | 'fr' } {
  return useTables<ReuseKey>(en, fr);
}
