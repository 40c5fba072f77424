import { seatsSummary, type SeatsView } from "./labels";

/**
 * SeatsSummary writes how an event's seats stand (seatsSummary's sentence),
 * the same in the lists, the month view, the community page, Mon espace and
 * the event page; a full event's sentence is marked so. Nothing for a
 * cancelled event.
 */
export function SeatsSummary({ event, className }: { event: SeatsView; className?: string }) {
  const { text, full } = seatsSummary(event);
  if (text === "") return null;
  return <span className={[className, full ? "pl-seats pl-seats--full" : "pl-seats"].filter(Boolean).join(" ")}>{text}</span>;
}
