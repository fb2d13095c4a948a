// Polls until a check passes, for what other processes or nodes do in their own time (a notification,
// a reload): the bound only keeps a failure short, it is never a timing assertion.
export async function eventually(check: () => Promise<void>, ms = 5000, everyMs = 50): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    try { return await check(); } catch (e) { if (Date.now() > end) throw e; }
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
