// A message for the event page to show once, after a form saved the event and
// went there (« Vos modifications sont enregistrées »). It lives in memory
// only: a reload or another event's page does not show it again.

let pending: { eventId: string; text: string } | null = null;

/** flashOnEventPage leaves text for the next showing of that event's page. */
export function flashOnEventPage(eventId: string, text: string): void {
  pending = { eventId, text };
}

/** peekEventFlash returns the text left for that event's page, if any, without taking it. */
export function peekEventFlash(eventId: string): string | null {
  return pending?.eventId === eventId ? pending.text : null;
}

/** clearEventFlash forgets the text once the page showed it. */
export function clearEventFlash(): void {
  pending = null;
}

/** SAVED_DRAFT is said on a new draft's page. */
export const SAVED_DRAFT = "Le brouillon est créé. Relisez-le, puis publiez-le pour ouvrir les inscriptions.";

/** savedChanges is said on an edited event's page: who is told depends on whether people registered. */
export function savedChanges(published: boolean, registered: number): string {
  const saved = "Vos modifications sont enregistrées.";
  return published && registered > 0
    ? `${saved} Si la date, l’heure, le lieu ou le lien a changé, les personnes inscrites et en attente en sont prévenues.`
    : saved;
}
