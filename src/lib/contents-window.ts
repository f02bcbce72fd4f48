/** Which entries a long series' contents list shows on one page, so no page grows with the square of the series. */

/** A shown entry with its 1-based position, or a gap standing for the entries left out. */
export type WindowSlot<T> = { item: T; position: number } | { gap: number };

/** Lists of up to this many entries are shown whole. */
export const CONTENTS_LIMIT = 15;

/**
 * All of `items` when there are at most `limit`; otherwise the first and the last, the `radius` entries
 * on each side of the current one (index `current`, -1 for none), and a gap where entries are left out.
 */
export function contentsWindow<T>(
  items: readonly T[],
  current: number,
  limit = CONTENTS_LIMIT,
  radius = 3,
): WindowSlot<T>[] {
  const all = (index: number) => ({ item: items[index]!, position: index + 1 });
  if (items.length <= limit) return items.map((_, i) => all(i));
  const shown = new Set([0, items.length - 1]);
  const centre = current < 0 ? 0 : current;
  for (let i = Math.max(0, centre - radius); i <= Math.min(items.length - 1, centre + radius); i++) shown.add(i);
  const slots: WindowSlot<T>[] = [];
  let last = -1;
  for (const index of [...shown].sort((a, b) => a - b)) {
    if (index > last + 1) slots.push({ gap: index - last - 1 });
    slots.push(all(index));
    last = index;
  }
  return slots;
}
