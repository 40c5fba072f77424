import { describe, expect, it } from "vitest";
import { preferencesSchema, preferencesSummary, toDraft, toInput, type PreferencesDraft } from "./preferences";
import { unreadLabel } from "./UnreadCount";

const defaults: PreferencesDraft = {
  delivery: "IMMEDIATE",
  byEmail: true,
  quiet: false,
  quietHoursStart: "",
  quietHoursEnd: "",
  digestDay: "MONDAY",
  digestTime: "08:00",
};

function problems(draft: Partial<PreferencesDraft>) {
  const result = preferencesSchema.safeParse({ ...defaults, ...draft });
  return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
}

// The messages are the server's (passerelles.NotificationPreferencesInput.Preferences), on the same fields.
describe("preferencesSchema", () => {
  it("accepts the defaults and quiet hours across midnight", () => {
    expect(problems({})).toEqual({});
    expect(problems({ quiet: true, quietHoursStart: "22:00", quietHoursEnd: "07:00" })).toEqual({});
    expect(problems({ delivery: "WEEKLY_DIGEST", digestDay: "SUNDAY", digestTime: "23:59" })).toEqual({});
  });
  it("refuses a time that is not HH:MM from 00:00 to 23:59", () => {
    expect(problems({ quiet: true, quietHoursStart: "25:00", quietHoursEnd: "07:00" })).toEqual({
      quietHoursStart: "L’heure de début des heures de calme s’écrit HH:MM, de 00:00 à 23:59 (reçu « 25:00 »).",
    });
    expect(problems({ quiet: true, quietHoursStart: "22:00", quietHoursEnd: "7:00" })).toEqual({
      quietHoursEnd: "L’heure de fin des heures de calme s’écrit HH:MM, de 00:00 à 23:59 (reçu « 7:00 »).",
    });
    expect(problems({ digestTime: "08:60" })).toEqual({
      digestTime: "L’heure du résumé s’écrit HH:MM, de 00:00 à 23:59 (reçu « 08:60 »).",
    });
  });
  it("asks for both ends of the quiet hours, which must differ", () => {
    expect(problems({ quiet: true, quietHoursStart: "22:00" })).toEqual({
      quietHoursEnd: "Indiquez aussi l’heure de fin des heures de calme, ou retirez celle du début.",
    });
    expect(problems({ quiet: true, quietHoursEnd: "07:00" })).toEqual({
      quietHoursStart: "Indiquez aussi l’heure de début des heures de calme, ou retirez celle de la fin.",
    });
    expect(problems({ quiet: true, quietHoursStart: "22:00", quietHoursEnd: "22:00" })).toEqual({
      quietHoursEnd: "Les heures de calme finissent à une autre heure qu’elles ne commencent.",
    });
    expect(problems({ quiet: true })).toHaveProperty("quietHoursStart");
  });
  it("ignores quiet hours left in the fields when the box is unticked", () => {
    expect(problems({ quiet: false, quietHoursStart: "25:00" })).toEqual({});
    expect(toInput({ ...defaults, quiet: false, quietHoursStart: "22:00", quietHoursEnd: "07:00" })).toMatchObject({
      quietHoursStart: null,
      quietHoursEnd: null,
    });
  });
  it("requires the digest's time", () => {
    expect(problems({ digestTime: "" })).toEqual({ digestTime: "L’heure du résumé est obligatoire (HH:MM, par exemple 08:00)." });
  });
});

describe("preferences in and out", () => {
  it("fills the form from the server and sends it back unchanged", () => {
    const read = {
      delivery: "WEEKLY_DIGEST" as const,
      byEmail: true,
      quietHoursStart: "22:00",
      quietHoursEnd: "07:00",
      digestDay: "FRIDAY" as const,
      digestTime: "17:30",
    };
    expect(toInput(toDraft(read))).toEqual(read);
    expect(toDraft({ ...read, quietHoursStart: null, quietHoursEnd: null }).quiet).toBe(false);
  });
  it("says what will happen, and that this server sends no email", () => {
    const input = toInput({ ...defaults, delivery: "WEEKLY_DIGEST", digestDay: "FRIDAY", digestTime: "17:30" });
    expect(preferencesSummary(input, true)).toBe(
      "Un résumé de la semaine vous sera envoyé par courriel chaque vendredi à 17\u00a0h\u00a030 (heure de Paris).",
    );
    expect(preferencesSummary(input, false)).toMatch(/Ce serveur n’envoie pas de courriel pour le moment/);
    expect(preferencesSummary({ ...input, byEmail: false }, true)).toBe(
      "Vos notifications restent dans Passerelles : aucun courriel ne vous sera envoyé.",
    );
    const quiet = toInput({ ...defaults, quiet: true, quietHoursStart: "22:00", quietHoursEnd: "07:00" });
    expect(preferencesSummary(quiet, true)).toBe(
      "Chaque notification vous sera aussi envoyée par courriel, au fil de l’eau. Aucun courriel entre 22\u00a0h\u00a000 et 7\u00a0h\u00a000 (heure de Paris).",
    );
  });
  it("counts unread notifications in the header's link", () => {
    expect(unreadLabel(0)).toBe("Notifications");
    expect(unreadLabel(1)).toBe("Notifications (1 non lue)");
    expect(unreadLabel(12)).toBe("Notifications (12 non lues)");
  });
});
