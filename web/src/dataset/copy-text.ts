// Copies a text field's value: the async Clipboard API when the page may use it, otherwise the
// field's text is selected and the legacy copy command tried, so the reader can press Ctrl+C.

export type CopyResult = 'copied' | 'selected';

export async function copyFieldText(field: HTMLInputElement | HTMLTextAreaElement): Promise<CopyResult> {
  try {
    await navigator.clipboard.writeText(field.value);
    return 'copied';
  } catch {
    field.focus();
    field.select();
    try { return document.execCommand('copy') ? 'copied' : 'selected'; } catch { return 'selected'; }
  }
}
