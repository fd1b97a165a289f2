// A key for one submission of a dialog: sent with the request so that a retried or doubled submission is
// recorded once. crypto.randomUUID exists only in secure contexts (https or localhost); an intranet server
// reached over plain http by its address still has crypto.getRandomValues.
export function newRequestKey(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === 'function') return c.randomUUID();
  const bytes = new Uint8Array(16);
  c.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
