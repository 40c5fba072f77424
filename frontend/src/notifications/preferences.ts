// The rules of the notification preferences form: the mirror of the domain's
// NotificationPreferencesInput.Preferences (same messages, same fields), and
// the words of the page. Pure functions, unit-tested.
import { formatClock } from "../dates";
import { z } from "zod";
import type { NotificationDelivery, NotificationKind, Weekday } from "../gql/graphql";

/** CLOCK is a wall-clock time HH:MM, 00:00 to 23:59, as parseClock reads it. */
const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

/** WEEKDAYS are the digest's days, Monday first, with their French names. */
export const WEEKDAYS: readonly { value: Weekday; label: string }[] = [
  { value: "MONDAY", label: "lundi" },
  { value: "TUESDAY", label: "mardi" },
  { value: "WEDNESDAY", label: "mercredi" },
  { value: "THURSDAY", label: "jeudi" },
  { value: "FRIDAY", label: "vendredi" },
  { value: "SATURDAY", label: "samedi" },
  { value: "SUNDAY", label: "dimanche" },
];

/**
 * preferencesSchema checks the form as the server does: each time HH:MM, quiet
 * hours both or neither and not starting when they end, a digest time. Quiet
 * hours are on when the box is ticked; unticked, none are sent.
 */
export const preferencesSchema = z
  .object({
    delivery: z.enum(["IMMEDIATE", "WEEKLY_DIGEST"]),
    byEmail: z.boolean(),
    quiet: z.boolean(),
    quietHoursStart: z.string(),
    quietHoursEnd: z.string(),
    digestDay: z.enum(["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"]),
    digestTime: z.string(),
  })
  .superRefine((v, ctx) => {
    if (v.quiet) {
      const start = v.quietHoursStart.trim();
      const end = v.quietHoursEnd.trim();
      if (start !== "" && !CLOCK.test(start)) {
        ctx.addIssue({ code: "custom", path: ["quietHoursStart"], message: clockMessage("L’heure de début des heures de calme", start) });
      }
      if (end !== "" && !CLOCK.test(end)) {
        ctx.addIssue({ code: "custom", path: ["quietHoursEnd"], message: clockMessage("L’heure de fin des heures de calme", end) });
      }
      if (start === "" && end === "") {
        ctx.addIssue({
          code: "custom",
          path: ["quietHoursStart"],
          message: "Indiquez l’heure de début et l’heure de fin des heures de calme, ou décochez la case.",
        });
      } else if (start !== "" && end === "") {
        ctx.addIssue({
          code: "custom",
          path: ["quietHoursEnd"],
          message: "Indiquez aussi l’heure de fin des heures de calme, ou retirez celle du début.",
        });
      } else if (start === "" && end !== "") {
        ctx.addIssue({
          code: "custom",
          path: ["quietHoursStart"],
          message: "Indiquez aussi l’heure de début des heures de calme, ou retirez celle de la fin.",
        });
      } else if (CLOCK.test(start) && start === end) {
        ctx.addIssue({
          code: "custom",
          path: ["quietHoursEnd"],
          message: "Les heures de calme finissent à une autre heure qu’elles ne commencent.",
        });
      }
    }
    const digest = v.digestTime.trim();
    if (digest === "") {
      ctx.addIssue({ code: "custom", path: ["digestTime"], message: "L’heure du résumé est obligatoire (HH:MM, par exemple 08:00)." });
    } else if (!CLOCK.test(digest)) {
      ctx.addIssue({ code: "custom", path: ["digestTime"], message: clockMessage("L’heure du résumé", digest) });
    }
  });

function clockMessage(what: string, got: string): string {
  return `${what} s’écrit HH:MM, de 00:00 à 23:59 (reçu « ${[...got].slice(0, 20).join("")} »).`;
}

/** PreferencesDraft is what the preferences form holds. */
export type PreferencesDraft = z.infer<typeof preferencesSchema>;

/** PreferencesInput is the mutation's input (UpdateNotificationPreferencesInput). */
export type PreferencesInput = {
  delivery: NotificationDelivery;
  byEmail: boolean;
  quietHoursStart: string | null;
  quietHoursEnd: string | null;
  digestDay: Weekday;
  digestTime: string;
};

/** toInput turns a checked draft into the mutation's input: no quiet hours when unticked. */
export function toInput(d: PreferencesDraft): PreferencesInput {
  return {
    delivery: d.delivery,
    byEmail: d.byEmail,
    quietHoursStart: d.quiet ? d.quietHoursStart.trim() : null,
    quietHoursEnd: d.quiet ? d.quietHoursEnd.trim() : null,
    digestDay: d.digestDay,
    digestTime: d.digestTime.trim(),
  };
}

/** toDraft fills the form from the preferences read. */
export function toDraft(p: {
  delivery: NotificationDelivery;
  byEmail: boolean;
  quietHoursStart?: string | null;
  quietHoursEnd?: string | null;
  digestDay: Weekday;
  digestTime: string;
}): PreferencesDraft {
  return {
    delivery: p.delivery,
    byEmail: p.byEmail,
    quiet: p.quietHoursStart != null,
    quietHoursStart: p.quietHoursStart ?? "",
    quietHoursEnd: p.quietHoursEnd ?? "",
    digestDay: p.digestDay,
    digestTime: p.digestTime,
  };
}

/** preferencesSummary says in one sentence how notifications will reach the agent. */
export function preferencesSummary(p: PreferencesInput, emailAvailable: boolean): string {
  if (!p.byEmail) return "Vos notifications restent dans Passerelles : aucun courriel ne vous sera envoyé.";
  const quiet =
    p.quietHoursStart && p.quietHoursEnd
      ? ` Aucun courriel entre ${formatClock(p.quietHoursStart)} et ${formatClock(p.quietHoursEnd)} (heure de Paris).`
      : "";
  const day = WEEKDAYS.find((d) => d.value === p.digestDay)?.label ?? p.digestDay;
  const how =
    p.delivery === "IMMEDIATE"
      ? "Chaque notification vous sera aussi envoyée par courriel, au fil de l’eau."
      : `Un résumé de la semaine vous sera envoyé par courriel chaque ${day} à ${formatClock(p.digestTime)} (heure de Paris).`;
  const unavailable = emailAvailable ? "" : " Ce serveur n’envoie pas de courriel pour le moment : rien ne partira tant qu’il n’est pas configuré.";
  return `${how}${quiet}${unavailable}`;
}

/** KIND_ICONS give each notification kind its DSFR icon (decorative). */
export const KIND_ICONS: Record<NotificationKind, string> = {
  REGISTRATION_CONFIRMED: "fr-icon-checkbox-circle-line",
  WAITLISTED: "fr-icon-time-line",
  PROMOTED_FROM_WAITLIST: "fr-icon-arrow-up-circle-line",
  EVENT_CHANGED: "fr-icon-edit-line",
  EVENT_CANCELLED: "fr-icon-close-circle-line",
};
