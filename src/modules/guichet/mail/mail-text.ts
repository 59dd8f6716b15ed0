/** Text of a received mail: HTML-only mail turned into text, quoted history of a reply cut off. */

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', eacute: 'é', egrave: 'è', agrave: 'à', ccedil: 'ç', ecirc: 'ê', ocirc: 'ô', ucirc: 'û', icirc: 'î' };

export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style|head)[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|tr|h[1-6]|blockquote)>/gi, '\n')
    .replace(/<li[^>]*>/gi, '- ')
    .replace(/<[^>]+>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
      if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
      return entities[name.toLowerCase()] ?? whole;
    })
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * What a reply says, without the message it quotes: lines from the usual "Le … a écrit :" /
 * "On … wrote:" / "-----Original Message-----" marker on, and trailing "> " lines, are dropped.
 */
export function replyText(text: string): string {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const cut = lines.findIndex((l) => /^(Le .+a écrit\s*:|On .+wrote:|-{2,}\s*(Original Message|Message d'origine)\s*-{2,})\s*$/i.test(l.trim()));
  const kept = cut >= 0 ? lines.slice(0, cut) : lines;
  while (kept.length && (kept[kept.length - 1].startsWith('>') || kept[kept.length - 1].trim() === '')) kept.pop();
  const body = kept.join('\n').trim();
  return body || text.trim();
}

/** French for an SMTP reply line: SMTP answers in 7-bit ASCII, so accents are dropped. */
export function smtpText(message: string): string {
  return message
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’‘]/g, "'")
    .replace(/[«»]/g, '"')
    .replace(/[^\x20-\x7e]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
