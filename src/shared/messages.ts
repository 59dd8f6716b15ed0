/** « adresse e-mail invalide » → « Adresse e-mail invalide. »: zod's French defaults as the product writes its messages. */
export const sentence = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?…]$/.test(text) ? '' : '.'}`;
