/** XML 1.0 cannot carry most control characters, even escaped; a text pasted with one must not break a file or a feed. */
export const xmlText = (value: string) => [...value].map((c) => (/[\p{Cc}\uFFFE\uFFFF]/u.test(c) && !'\t\n\r'.includes(c) ? ' ' : c)).join('')
