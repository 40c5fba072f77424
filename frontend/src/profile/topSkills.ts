// The top skills: up to five declared skills, best first, ordered with
// « Monter » and « Descendre » buttons. Pure functions, unit-tested.

/** MAX_TOP_SKILLS is how many top skills an agent may rank. */
export const MAX_TOP_SKILLS = 5;

/** moveItem returns a copy of list with the item at index moved by delta (-1 up, +1 down), bounded. */
export function moveItem<T>(list: readonly T[], index: number, delta: number): T[] {
  const copy = [...list];
  const target = index + delta;
  if (index < 0 || index >= copy.length || target < 0 || target >= copy.length) return copy;
  const [item] = copy.splice(index, 1);
  copy.splice(target, 0, item as T);
  return copy;
}

/** addTop appends id at the end of the ranking unless it is there already or the ranking is full. */
export function addTop(list: readonly string[], id: string, max = MAX_TOP_SKILLS): string[] {
  if (list.includes(id) || list.length >= max) return [...list];
  return [...list, id];
}

/** removeTop returns the ranking without id. */
export function removeTop(list: readonly string[], id: string): string[] {
  return list.filter((x) => x !== id);
}

/** rankingFrom reads the current ranking from declared skills (topRank 1…5), best first. */
export function rankingFrom(skills: readonly { id: string; topRank: number | null }[]): string[] {
  return skills
    .filter((s): s is { id: string; topRank: number } => s.topRank !== null)
    .sort((a, b) => a.topRank - b.topRank)
    .map((s) => s.id);
}

/** sameOrder tells whether two rankings are equal. */
export function sameOrder(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
