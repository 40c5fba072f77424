// The one way the SPA writes dates and times: French, Paris time whatever the
// browser's zone, « 1er », non-breaking spaces inside « 14 h 00 ».
import { describe, expect, it } from "vitest";
import { dayKey, formatClock, formatDate, formatDateTime, formatDay, formatDayTime, formatSpan, formatTime, localInput, zoneNote } from "./dates";

/** nb makes the expected strings readable: « _ » stands for a non-breaking space. */
const nb = (s: string) => s.replaceAll("_", "\u00a0");

describe("dates and times", () => {
  const spans: { name: string; start: string; end: string; zone?: string; want: string }[] = [
    { name: "SameDayWrittenOnce", start: "2026-12-01T13:00:00Z", end: "2026-12-01T15:00:00Z", want: "mardi 1er décembre 2026, 14_h_00_– 16_h_00" },
    { name: "MinutesKept", start: "2026-12-03T08:05:00Z", end: "2026-12-03T15:30:00Z", want: "jeudi 3 décembre 2026, 9_h_05_– 16_h_30" },
    {
      name: "SeveralDays",
      start: "2026-12-03T08:00:00Z",
      end: "2026-12-04T16:00:00Z",
      want: "jeudi 3 décembre 2026, 9_h_00_– vendredi 4 décembre 2026, 17_h_00",
    },
    // 23 h 00 UTC on 31 December is 0 h 00 on 1 January in Paris: midnight is « 0 h 00 », on the new day.
    { name: "Midnight", start: "2026-12-31T23:00:00Z", end: "2027-01-01T01:00:00Z", want: "vendredi 1er janvier 2027, 0_h_00_– 2_h_00" },
    // An evening in Paris that is already the next day in UTC stays on its Paris day.
    { name: "EveningBeforeUTCMidnight", start: "2026-06-30T20:00:00Z", end: "2026-06-30T21:30:00Z", want: "mardi 30 juin 2026, 22_h_00_– 23_h_30" },
    // Summer time starts on 29 March 2026 at 2 h 00 (UTC+1 → UTC+2): a morning across the change lasts one hour less.
    { name: "SpringForward", start: "2026-03-29T00:30:00Z", end: "2026-03-29T07:00:00Z", want: "dimanche 29 mars 2026, 1_h_30_– 9_h_00" },
    // Winter time comes back on 25 October 2026 at 3 h 00 (UTC+2 → UTC+1).
    { name: "FallBack", start: "2026-10-25T00:30:00Z", end: "2026-10-25T02:30:00Z", want: "dimanche 25 octobre 2026, 2_h_30_– 3_h_30" },
    { name: "SummerTime", start: "2026-07-01T07:30:00Z", end: "2026-07-01T09:00:00Z", want: "mercredi 1er juillet 2026, 9_h_30_– 11_h_00" },
    { name: "OtherZone", start: "2026-07-01T13:30:00Z", end: "2026-07-01T15:00:00Z", zone: "America/Cayenne", want: "mercredi 1er juillet 2026, 10_h_30_– 12_h_00" },
  ];
  for (const c of spans) {
    it(`formatSpan/${c.name}`, () => expect(formatSpan(c.start, c.end, c.zone)).toBe(nb(c.want)));
  }

  it("keeps « 14 h 00 » whole: no breakable space inside a time, nor before the dash", () => {
    const span = formatSpan("2026-12-01T13:00:00Z", "2026-12-01T15:00:00Z");
    expect(span).not.toMatch(/\d h|h \d| –/);
    expect(formatTime("2026-12-01T13:00:00Z")).toBe("14\u00a0h\u00a000");
  });

  it("writes the first of the month as an ordinal, and only the first", () => {
    expect(formatDay("2026-12-01T10:00:00Z")).toBe("mardi 1er décembre 2026");
    expect(formatDay("2026-12-11T10:00:00Z")).toBe("vendredi 11 décembre 2026");
    expect(formatDay("2026-12-21T10:00:00Z")).toBe("lundi 21 décembre 2026");
    expect(formatDate("2026-12-01")).toBe("1er décembre 2026");
    expect(formatDate("2026-03-12")).toBe("12 mars 2026");
  });

  it("writes an instant with its time, in Paris whatever the browser's zone", () => {
    // The reviewer's « 1 décembre … 00:27 »: a notification received at 0 h 27 in Paris.
    expect(formatDateTime("2026-11-30T23:27:00Z")).toBe(nb("1er décembre 2026 à 0_h_27"));
    expect(formatDayTime("2026-12-03T13:00:00Z")).toBe(nb("jeudi 3 décembre 2026 à 14_h_00"));
  });

  it("reads a calendar day as that day", () => {
    expect(formatDate("2027-01-01")).toBe("1er janvier 2027");
    expect(formatDate("2026-12-31")).toBe("31 décembre 2026");
  });

  it("gives back what it cannot read", () => {
    expect(formatDate("hier")).toBe("hier");
    expect(formatDateTime("")).toBe("");
    expect(localInput("")).toBe("");
  });

  it("fills datetime-local fields with the wall-clock time of the zone", () => {
    expect(localInput("2026-12-03T13:30:00Z")).toBe("2026-12-03T14:30");
    expect(localInput("2026-07-03T13:30:00Z")).toBe("2026-07-03T15:30");
    expect(localInput("2026-07-03T13:30:00Z", "America/Cayenne")).toBe("2026-07-03T10:30");
    expect(localInput("2026-12-31T23:00:00Z")).toBe("2027-01-01T00:00");
    expect(dayKey("2026-12-31T23:30:00Z")).toBe("2027-01-01");
  });

  it("writes times of day and the clock they are on", () => {
    expect(formatClock("07:00")).toBe(nb("7_h_00"));
    expect(formatClock("17:30")).toBe(nb("17_h_30"));
    expect(formatClock("00:00")).toBe(nb("0_h_00"));
    expect(zoneNote()).toBe("heure de Paris");
  });
});
