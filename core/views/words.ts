/** "an agent", "a client", "a lead": the article a word takes, by its first sound's usual spelling. */
export function withArticle(word: string): string {
  return `${/^[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`;
}

export function capitalized(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
