// English and French strings of the metadata widgets (Markdown editor, pick lists, tags) and of
// the branding page; kept apart from messages.ts. Every key exists in both languages (type-checked).
import { useI18n } from '../i18n/i18n.tsx';

const en = {
  'md.mode': 'Editing mode',
  'md.markdown': 'Markdown',
  'md.html': 'HTML',
  'md.toolbar': 'Formatting',
  'md.bold': 'Bold',
  'md.italic': 'Italic',
  'md.link': 'Link',
  'md.list': 'List',
  'md.preview': 'Preview',
  'md.previewEmpty': 'Nothing to preview yet.',
  'md.help': 'Markdown: **bold**, *italic*, [link](https://…), lines starting with "- " for a list. Saved as HTML (what ODS clients read); scripts and unsafe links are removed.',
  'md.htmlHelp': 'The stored HTML, edited as it is: nothing is converted. Scripts, event handlers and unsafe links are removed on save.',
  'md.toHtml': 'Switching to HTML replaces the Markdown with the HTML it renders to.',
  'md.linkPrompt': 'Address of the link (https://…)',
  'tags.add': 'Type a keyword, then Enter or a comma',
  'tags.remove': 'Remove {tag}',
  'tags.none': 'No keywords yet.',
  'themes.standard': 'Standard themes',
  'themes.other': 'Other themes',
  'themes.otherAdd': 'Type another theme, then Enter',
  'licence.choose': 'License',
  'licence.none': '— No license —',
  'licence.other': 'Other…',
  'licence.otherName': 'License name',
  'licence.otherUrl': 'License URL',
  'licence.url': 'License text: {url}',
  'brand.title': 'Portal branding',
  'brand.intro': 'Name, logo, colours, home page text and footer links of the public site. An empty value falls back to the server’s configuration.',
  'brand.name': 'Portal name',
  'brand.logo': 'Logo',
  'brand.logoHelp': 'PNG, JPEG, GIF, WebP or SVG, at most 1 MB.',
  'brand.logoRemove': 'Remove the logo',
  'brand.logoNone': 'No logo uploaded.',
  'brand.logoUploaded': 'Logo saved.',
  'brand.primary': 'Primary colour',
  'brand.accent': 'Accent colour',
  'brand.colorHelp': 'Hex colour, e.g. #1f4e8c.',
  'brand.home': 'Home page text',
  'brand.footer': 'Footer links',
  'brand.linkLabel': 'Label',
  'brand.linkUrl': 'Address (https://…)',
  'brand.linkAdd': 'Add a link',
  'brand.linkRemove': 'Remove link {n}',
  'brand.save': 'Save branding',
  'brand.nav': 'Branding',
} as const;

export type EditorKey = keyof typeof en;

const fr: Record<EditorKey, string> = {
  'md.mode': 'Mode d’édition',
  'md.markdown': 'Markdown',
  'md.html': 'HTML',
  'md.toolbar': 'Mise en forme',
  'md.bold': 'Gras',
  'md.italic': 'Italique',
  'md.link': 'Lien',
  'md.list': 'Liste',
  'md.preview': 'Aperçu',
  'md.previewEmpty': 'Rien à afficher pour l’instant.',
  'md.help': 'Markdown : **gras**, *italique*, [lien](https://…), lignes commençant par « - » pour une liste. Enregistré en HTML (ce que lisent les clients ODS) ; scripts et liens dangereux retirés.',
  'md.htmlHelp': 'Le HTML enregistré, modifié tel quel : rien n’est converti. Scripts, gestionnaires d’événements et liens dangereux sont retirés à l’enregistrement.',
  'md.toHtml': 'Passer en HTML remplace le Markdown par le HTML qu’il produit.',
  'md.linkPrompt': 'Adresse du lien (https://…)',
  'tags.add': 'Saisissez un mot-clé, puis Entrée ou une virgule',
  'tags.remove': 'Retirer {tag}',
  'tags.none': 'Aucun mot-clé.',
  'themes.standard': 'Thèmes standard',
  'themes.other': 'Autres thèmes',
  'themes.otherAdd': 'Saisissez un autre thème, puis Entrée',
  'licence.choose': 'Licence',
  'licence.none': '— Aucune licence —',
  'licence.other': 'Autre…',
  'licence.otherName': 'Nom de la licence',
  'licence.otherUrl': 'URL de la licence',
  'licence.url': 'Texte de la licence : {url}',
  'brand.title': 'Identité du portail',
  'brand.intro': 'Nom, logo, couleurs, texte d’accueil et liens de pied de page du site public. Une valeur vide reprend la configuration du serveur.',
  'brand.name': 'Nom du portail',
  'brand.logo': 'Logo',
  'brand.logoHelp': 'PNG, JPEG, GIF, WebP ou SVG, 1 Mo au plus.',
  'brand.logoRemove': 'Retirer le logo',
  'brand.logoNone': 'Aucun logo envoyé.',
  'brand.logoUploaded': 'Logo enregistré.',
  'brand.primary': 'Couleur principale',
  'brand.accent': 'Couleur d’accent',
  'brand.colorHelp': 'Couleur hexadécimale, par ex. #1f4e8c.',
  'brand.home': 'Texte de la page d’accueil',
  'brand.footer': 'Liens du pied de page',
  'brand.linkLabel': 'Libellé',
  'brand.linkUrl': 'Adresse (https://…)',
  'brand.linkAdd': 'Ajouter un lien',
  'brand.linkRemove': 'Retirer le lien {n}',
  'brand.save': 'Enregistrer l’identité',
  'brand.nav': 'Identité',
};

export type Vars = Record<string, string | number>;

/** The translator of a pair of English/French tables kept beside the app's: `{name}` takes vars.name
 *  (an unknown name stays as written). Shared by the back office's smaller message files. */
export function useTables<K extends string>(en: Record<K, string>, fr: Record<K, string>): { t: (key: K, vars?: Vars) => string; lang: 'en' | 'fr' } {
  const { lang } = useI18n();
  const table = lang === 'fr' ? fr : en;
  const t = (key: K, vars?: Vars) => table[key].replace(/\{(\w+)\}/g, (m, k: string) => (vars && k in vars ? String(vars[k]) : m));
  return { t, lang: lang === 'fr' ? 'fr' : 'en' };
}

export function useEditorI18n(): { t: (key: EditorKey, vars?: Vars) => string; lang: 'en' | 'fr' } {
  return useTables<EditorKey>(en, fr);
}
