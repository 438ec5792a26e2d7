const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * Text for a Markdown table cell or line (GitHub-flavoured): markup characters are backslash-
 * escaped, `< > &` become entities (GitHub renders inline HTML), pipes cannot end the cell and
 * line breaks become spaces.
 *
 * @example md('a|b *c* <x>'); // 'a\\|b \\*c\\* &lt;x&gt;'
 */
export function md(text: string): string {
  return text
    .replace(/[&<>]/g, (c) => ENTITIES[c]!)
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/\r\n|\r|\n/g, ' ');
}

/** A table row from already escaped cells. */
export function mdRow(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** A table head; a label starting with '#' is right-aligned. */
export function mdHead(labels: readonly string[]): string {
  return `${mdRow(labels.map((l) => (l.startsWith('#') ? l.slice(1) : l)))}\n${mdRow(labels.map((l) => (l.startsWith('#') ? '---:' : '---')))}`;
}
