// Engine error messages made fit for users: the first line only, without the engine's error class
// ("Invalid Input Error: ") nor our temp file paths. Pure string handling.

export function engineMessage(e: unknown): string {
  const msg = String((e as Error)?.message ?? e);
  return msg.split('\n')[0]
    .replace(/^([A-Z][A-Za-z]* )*Error: /, '')
    .replace(/ in file "[^"]*"/g, '')
    .replace(/(File )?'[^']*\/agora-[^']*'/g, 'the file')
    .replace(/"[^"]*\/agora-[^"]*"/g, 'the file')
    .trim()
    .replace(/\.$/, '');
}
