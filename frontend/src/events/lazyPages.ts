// The events pages are loaded on demand, in one chunk of their own: they are
// for signed-in agents, and the first load of the home page stays within its
// budget (e2e/app.test.js).
import { lazy } from "react";

const load = () => import("./pages");

/** EventsPage is « Événements » (/evenements), loaded on demand. */
export const EventsPage = lazy(() => load().then((m) => ({ default: m.EventsPage })));

/** EventPage is an event's page (/evenements/:id), loaded on demand. */
export const EventPage = lazy(() => load().then((m) => ({ default: m.EventPage })));

/** NewEventPage is the creation form (/evenements/nouveau), loaded on demand. */
export const NewEventPage = lazy(() => load().then((m) => ({ default: m.NewEventPage })));

/** EditEventPage is the edit form (/evenements/:id/modifier), loaded on demand. */
export const EditEventPage = lazy(() => load().then((m) => ({ default: m.EditEventPage })));
