// The events pages, imported by lazyPages.ts as one chunk.
export { EventsPage } from "./EventsPage";
export { EventPage } from "./EventPage";
export { EditEventPage, NewEventPage } from "./EventFormPage";
