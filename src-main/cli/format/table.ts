export type Align = 'left' | 'right';

/** Text columns separated by two spaces; `align` per column (default left). */
export function renderTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  options: { indent?: string; align?: readonly Align[] } = {},
): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    (options.indent ?? '') +
    cells
      .map((cell, i) =>
        options.align?.[i] === 'right' ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!),
      )
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}
