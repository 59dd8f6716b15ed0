/** A value quoted in an error message, cut at 40 characters so a bad cell never floods the message. */
export function shown(raw: unknown): string {
  const text = typeof raw === 'string' ? raw : JSON.stringify(raw);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
