import { describe, expect, it } from "vitest";
import {
  addMonths,
  EMPTY_EVENT_SEARCH,
  eventSearchSchema,
  formatEventSearch,
  monthName,
  monthWeeks,
  parseEventSearch,
  toEventFilter,
  type EventSearch,
} from "./filter";
import { attendanceDone, attendanceState, cancelDone, cancelQuestion, ofName, rank, seatsSummary, type SeatsView } from "./labels";
import { draftFrom, EMPTY_EVENT, eventField, eventInput, eventSchema, type EventDraft } from "./eventForm";
import { afterUnregistering, registrationState, type RegistrationView } from "./registration";
import { clearEventFlash, flashOnEventPage, peekEventFlash, SAVED_DRAFT, savedChanges } from "./flash";

describe("event search in the address", () => {
  const cases: { name: string; search: EventSearch; address: string }[] = [
    { name: "Default", search: EMPTY_EVENT_SEARCH, address: "" },
    { name: "Past", search: { ...EMPTY_EVENT_SEARCH, when: "PAST" }, address: "?quand=passes" },
    {
      name: "EveryFilter",
      search: {
        ...EMPTY_EVENT_SEARCH,
        community: "data",
        kind: "WORKSHOP",
        format: "ONLINE",
        region: "11",
        skill: "42",
        text: "journée data",
      },
      address: "?communaute=data&type=atelier&format=en-ligne&region=11&competence=42&texte=journ%C3%A9e+data",
    },
    { name: "Month", search: { ...EMPTY_EVENT_SEARCH, view: "month", month: "2026-12" }, address: "?vue=mois&mois=2026-12" },
    { name: "CurrentMonth", search: { ...EMPTY_EVENT_SEARCH, view: "month" }, address: "?vue=mois" },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(formatEventSearch(c.search)).toBe(c.address);
      expect(parseEventSearch(c.address)).toEqual(c.search);
    });
  }

  it("leaves out what it does not understand", () => {
    expect(parseEventSearch("?type=fete&format=CONF&mois=2026-13&vue=semaine&quand=hier")).toEqual(EMPTY_EVENT_SEARCH);
  });

  it("trims the text and reads « + » as a space", () => {
    expect(parseEventSearch("?texte=+salon+de+la+data+").text).toBe("salon de la data");
  });

  it("gives the API's filter", () => {
    const s = parseEventSearch("?quand=passes&communaute=data&type=salon&region=3&texte=data");
    expect(toEventFilter(s)).toEqual({ when: "PAST", community: "data", kind: "FAIR", regionId: "3", text: "data" });
    expect(toEventFilter(s, null)).toEqual({ community: "data", kind: "FAIR", regionId: "3", text: "data" });
  });

  it("refuses a text longer than the server takes, or with control characters", () => {
    const ok = { community: "", kind: "", format: "", region: "", skill: "", text: "data" };
    expect(eventSearchSchema.safeParse(ok).success).toBe(true);
    expect(eventSearchSchema.safeParse({ ...ok, text: "é".repeat(201) }).success).toBe(false);
    expect(eventSearchSchema.safeParse({ ...ok, text: ` ${"é".repeat(200)} ` }).success).toBe(true);
    expect(eventSearchSchema.safeParse({ ...ok, text: "data\u202e" }).success).toBe(false);
  });
});

describe("month calendar", () => {
  it("starts weeks on Monday and pads with the days of other months", () => {
    // 1 December 2026 is a Tuesday; the 31st a Thursday.
    const weeks = monthWeeks("2026-12");
    expect(weeks).toHaveLength(5);
    expect(weeks[0]).toEqual([null, "2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04", "2026-12-05", "2026-12-06"]);
    expect(weeks[4]).toEqual(["2026-12-28", "2026-12-29", "2026-12-30", "2026-12-31", null, null, null]);
  });

  it("fits February 2027 (a Monday start) in four weeks", () => {
    expect(monthWeeks("2027-02")).toHaveLength(4);
    expect(monthWeeks("2027-02")[0]?.[0]).toBe("2027-02-01");
  });

  it("moves across years", () => {
    expect(addMonths("2026-12", 1)).toBe("2027-01");
    expect(addMonths("2026-01", -1)).toBe("2025-12");
    expect(addMonths("2026-05", -17)).toBe("2024-12");
  });

  it("names the month in French", () => {
    expect(monthName("2026-12")).toBe("décembre 2026");
  });
});

describe("seats, the same sentence everywhere", () => {
  const open = { status: "PUBLISHED" as const, capacity: 40, seatsLeft: 12, registeredCount: 28, waitlistCount: 0, registrationDeadline: "2026-12-01T13:00:00Z" };
  const now = new Date("2026-11-20T10:00:00Z");
  const cases: { name: string; event: SeatsView; want: string; full?: boolean }[] = [
    { name: "SeatsLeft", event: open, want: "12 places libres sur 40" },
    { name: "OneSeatLeft", event: { ...open, seatsLeft: 1, registeredCount: 39 }, want: "1 place libre sur 40" },
    { name: "ThousandsSeparator", event: { ...open, capacity: 1200, seatsLeft: 1100 }, want: "1\u202f100 places libres sur 1\u202f200" },
    { name: "FullThreeWaiting", event: { ...open, seatsLeft: 0, registeredCount: 40, waitlistCount: 3 }, want: "Complet : 3 personnes en liste d’attente", full: true },
    { name: "FullOneWaiting", event: { ...open, seatsLeft: 0, registeredCount: 40, waitlistCount: 1 }, want: "Complet : 1 personne en liste d’attente", full: true },
    { name: "FullNoneWaiting", event: { ...open, seatsLeft: 0, registeredCount: 40 }, want: "Complet : liste d’attente ouverte", full: true },
    { name: "Unlimited", event: { ...open, capacity: null, seatsLeft: null, registeredCount: 12 }, want: "Places illimitées : 12 personnes inscrites" },
    { name: "UnlimitedOne", event: { ...open, capacity: null, seatsLeft: null, registeredCount: 1 }, want: "Places illimitées : 1 personne inscrite" },
    { name: "UnlimitedNone", event: { ...open, capacity: null, seatsLeft: null, registeredCount: 0 }, want: "Places illimitées : aucune personne inscrite" },
    // A closed or cancelled event offers no waitlist.
    {
      name: "ClosedAndFull",
      event: { ...open, seatsLeft: 0, registeredCount: 40, waitlistCount: 3, registrationDeadline: "2026-11-19T10:00:00Z" },
      want: "Inscriptions closes : 40 personnes inscrites",
    },
    {
      name: "UnderWay",
      event: { ...open, registeredCount: 20, startsAt: "2026-11-20T09:00:00Z", endsAt: "2026-11-20T11:00:00Z" },
      want: "En cours : 20 personnes inscrites",
    },
    {
      name: "TookPlace",
      event: { ...open, registeredCount: 20, startsAt: "2026-11-19T09:00:00Z", endsAt: "2026-11-19T11:00:00Z" },
      want: "A eu lieu : 20 personnes inscrites",
    },
    { name: "Cancelled", event: { ...open, status: "CANCELLED", seatsLeft: 0, waitlistCount: 3 }, want: "" },
    { name: "Draft", event: { ...open, status: "DRAFT" }, want: "40 places" },
    { name: "DraftUnlimited", event: { ...open, status: "DRAFT", capacity: null, seatsLeft: null }, want: "Places illimitées" },
  ];
  for (const c of cases) {
    it(c.name, () => expect(seatsSummary(c.event, now)).toEqual({ text: c.want, full: c.full ?? false }));
  }

  it("asks before cancelling, agreeing with 0, 1 or n people", () => {
    const ask = "Annuler «\u00a0Atelier\u00a0»\u00a0? ";
    const end = " L’annulation ne peut pas être défaite.";
    expect(cancelQuestion("Atelier", 0, 0)).toBe(`${ask}Personne n’est à prévenir : aucune inscription ni liste d’attente.${end}`);
    expect(cancelQuestion("Atelier", 1, 0)).toBe(`${ask}La personne inscrite sera prévenue.${end}`);
    expect(cancelQuestion("Atelier", 0, 1)).toBe(`${ask}La personne en attente sera prévenue.${end}`);
    expect(cancelQuestion("Atelier", 2, 0)).toBe(`${ask}Les 2 personnes inscrites seront prévenues.${end}`);
    expect(cancelQuestion("Atelier", 2, 1)).toBe(`${ask}Les 2 personnes inscrites et la personne en attente seront prévenues.${end}`);
    expect(cancelQuestion("Atelier", 1, 3)).toBe(`${ask}La personne inscrite et les 3 personnes en attente seront prévenues.${end}`);
  });

  it("says what leaving did, from where the viewer stood", () => {
    expect(afterUnregistering(true, 3)).toBe("Votre inscription est annulée. Vous n’êtes plus sur la liste d’attente.");
    expect(afterUnregistering(false, 2)).toBe(
      "Votre inscription est annulée. Votre place revient à la personne en tête de la liste d’attente, qui en est prévenue.",
    );
    expect(afterUnregistering(false, 0)).toBe("Votre inscription est annulée. Votre place est libérée.");
  });

  it("says who was told once the event is cancelled, agreeing with 0, 1 or n people", () => {
    expect(cancelDone(0, 0)).toBe("L’événement est annulé. Personne n’était à prévenir.");
    expect(cancelDone(1, 0)).toBe("L’événement est annulé : la personne inscrite est prévenue.");
    expect(cancelDone(0, 1)).toBe("L’événement est annulé : la personne en attente est prévenue.");
    expect(cancelDone(2, 1)).toBe("L’événement est annulé : les 2 personnes inscrites et la personne en attente sont prévenues.");
  });

  it("says what attendance was noted, without gender", () => {
    expect(attendanceDone("Inès Moreau", true)).toBe("Présence d’Inès Moreau notée.");
    expect(attendanceDone("Nathalie Garnier", false)).toBe("Absence de Nathalie Garnier notée.");
    expect(attendanceState(null)).toBe("Pas encore notée");
    expect(attendanceState(true)).toBe("Présence notée");
    expect(attendanceState(false)).toBe("Absence notée");
    expect(ofName("Élodie Roux")).toBe("d’Élodie Roux");
  });

  it("confirms a saved event, naming who is told only when someone registered", () => {
    expect(savedChanges(false, 0)).toBe("Vos modifications sont enregistrées.");
    expect(savedChanges(true, 0)).toBe("Vos modifications sont enregistrées.");
    expect(savedChanges(true, 2)).toMatch(/^Vos modifications sont enregistrées\. Si la date.*en sont prévenues\.$/);
    flashOnEventPage("12", SAVED_DRAFT);
    expect(peekEventFlash("13")).toBeNull();
    expect(peekEventFlash("12")).toBe(SAVED_DRAFT);
    clearEventFlash();
    expect(peekEventFlash("12")).toBeNull();
  });

  it("ranks in French", () => {
    expect(rank(1)).toBe("1re");
    expect(rank(3)).toBe("3e");
  });
});

describe("event form rules", () => {
  const valid: EventDraft = {
    ...EMPTY_EVENT,
    title: "Atelier Python",
    startsAt: "2026-12-03T14:00",
    endsAt: "2026-12-03T16:00",
    address: "Tour Mirabeau, Paris",
  };
  const problems = (d: EventDraft) => {
    const r = eventSchema.safeParse(d);
    return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [String(i.path[0]), i.message]));
  };

  it("accepts a complete event", () => expect(problems(valid)).toEqual({}));

  const cases: { name: string; draft: EventDraft; field: string; message: string }[] = [
    { name: "TitleMissing", draft: { ...valid, title: "  " }, field: "title", message: "Le titre de l’événement est obligatoire." },
    { name: "TitleTooLong", draft: { ...valid, title: "a".repeat(201) }, field: "title", message: "Le titre tient en 200 caractères au plus." },
    {
      name: "EndBeforeStart",
      draft: { ...valid, endsAt: "2026-12-03T13:00" },
      field: "endsAt",
      message: "La fin de l’événement doit suivre son début.",
    },
    { name: "EndEqualsStart", draft: { ...valid, endsAt: valid.startsAt }, field: "endsAt", message: "La fin de l’événement doit suivre son début." },
    {
      name: "LastsMoreThan31Days",
      draft: { ...valid, endsAt: "2027-01-03T16:01" },
      field: "endsAt",
      message: "Un événement dure au plus 31 jours : vérifiez la date de fin.",
    },
    { name: "StartMissing", draft: { ...valid, startsAt: "" }, field: "startsAt", message: "Indiquez la date et l’heure de début." },
    {
      name: "CapacityZero",
      draft: { ...valid, capacity: "0" },
      field: "capacity",
      message: "Une capacité limitée est d’au moins une place (laissez-la vide pour ne pas limiter).",
    },
    {
      name: "CapacityNotWhole",
      draft: { ...valid, capacity: "2.5" },
      field: "capacity",
      message: "Une capacité limitée est d’au moins une place (laissez-la vide pour ne pas limiter).",
    },
    {
      name: "OnsiteWithoutAddress",
      draft: { ...valid, address: " " },
      field: "address",
      message: "Indiquez l’adresse du lieu : un événement sur place ou hybride en a une.",
    },
    {
      name: "OnlineWithoutLink",
      draft: { ...valid, format: "ONLINE" },
      field: "onlineUrl",
      message: "Indiquez le lien de connexion : un événement en ligne ou hybride en a un.",
    },
    {
      name: "OnlineOverHttp",
      draft: { ...valid, format: "ONLINE", onlineUrl: "http://visio.example.fr/salle" },
      field: "onlineUrl",
      message: "Le lien de connexion doit commencer par https:// (une connexion chiffrée).",
    },
    {
      name: "HybridLinkWithUserPart",
      draft: { ...valid, format: "HYBRID", onlineUrl: "https://gouv.fr@evil.example/" },
      field: "onlineUrl",
      message: "Donnez l’adresse du site sans partie « nom@ » ni barre oblique inversée avant lui.",
    },
    {
      name: "DeadlineAfterStart",
      draft: { ...valid, registrationDeadline: "2026-12-03T14:01" },
      field: "registrationDeadline",
      message: "La date limite d’inscription doit précéder le début de l’événement.",
    },
    {
      name: "TooManySkills",
      draft: { ...valid, skillIds: Array.from({ length: 13 }, (_, i) => String(i)) },
      field: "skillIds",
      message: "Un événement développe au plus 12 compétences.",
    },
  ];
  for (const c of cases) {
    it(c.name, () => expect(problems(c.draft)[c.field]).toBe(c.message));
  }

  it("does not ask an online event for an address, nor an on-site one for a link", () => {
    expect(problems({ ...valid, format: "ONLINE", address: "", onlineUrl: "https://webinaire.numerique.gouv.fr/s/1" })).toEqual({});
    expect(problems({ ...valid, onlineUrl: "pas un lien" })).toEqual({});
  });

  it("accepts a deadline at the start", () => {
    expect(problems({ ...valid, registrationDeadline: valid.startsAt })).toEqual({});
  });

  it("sends what the format uses, an empty capacity as unlimited", () => {
    const online = eventInput({ ...valid, format: "ONLINE", onlineUrl: " https://visio.gouv.fr/a ", regionId: "3", capacity: "" });
    expect(online).toMatchObject({ address: null, regionId: null, onlineUrl: "https://visio.gouv.fr/a", capacity: null });
    expect(online.timeZone).toBe("Europe/Paris");
    const onsite = eventInput({ ...valid, regionId: "3", capacity: "2", onlineUrl: "https://x.fr" });
    expect(onsite).toMatchObject({ address: "Tour Mirabeau, Paris", regionId: "3", onlineUrl: null, capacity: 2, registrationDeadline: null });
  });

  it("fills the edit form in the event's time zone, without a deadline equal to the start", () => {
    const draft = draftFrom({
      title: "Salon",
      description: "",
      kind: "FAIR",
      format: "HYBRID",
      address: "Paris",
      region: { id: "11" },
      onlineUrl: "https://visio.gouv.fr/a",
      startsAt: "2026-07-03T07:00:00Z",
      endsAt: "2026-07-03T15:00:00Z",
      timeZone: "Europe/Paris",
      capacity: null,
      registrationDeadline: "2026-07-03T07:00:00Z",
      skills: [{ id: "5" }],
    });
    expect(draft).toMatchObject({ startsAt: "2026-07-03T09:00", endsAt: "2026-07-03T17:00", registrationDeadline: "", capacity: "", regionId: "11" });
    expect(draft.skillIds).toEqual(["5"]);
  });

  it("maps the server's fields to the form's", () => {
    expect(eventField("capacity")).toBe("capacity");
    expect(eventField("skillIds.3")).toBe("skillIds");
    expect(eventField("communityId")).toBeNull();
  });
});

describe("registration state", () => {
  const now = new Date("2026-12-01T10:00:00Z");
  const open: RegistrationView = {
    status: "PUBLISHED",
    registrationDeadline: "2026-12-03T13:00:00Z",
    timeZone: "Europe/Paris",
    capacity: 2,
    seatsLeft: 1,
    myRegistration: null,
  };
  const at = "2026-11-30T10:00:00Z";

  it("offers to register while seats are left", () => {
    expect(registrationState(open, now)).toMatchObject({ action: "register", message: "Inscrivez-vous pour réserver votre place." });
  });

  it("says an event took place, with the viewer's standing, and offers nothing", () => {
    const past = { ...open, registrationDeadline: "2026-11-20T08:00:00Z", endsAt: "2026-11-20T11:00:00Z" };
    expect(registrationState(past, now)).toEqual({
      tone: "neutral",
      message: "Cet événement a eu lieu : il s’est terminé le vendredi 20 novembre 2026 à 12\u00a0h\u00a000.",
      action: null,
    });
    const seated = { ...past, myRegistration: { status: "REGISTERED" as const, waitlistPosition: null, registeredAt: at, updatedAt: at } };
    expect(registrationState(seated, now).message).toMatch(/ Vous y aviez une place\.$/);
  });

  it("says a full event puts newcomers on the waitlist", () => {
    expect(registrationState({ ...open, seatsLeft: 0 }, now).message).toMatch(/^L’événement est complet : en vous inscrivant/);
  });

  it("gives the waitlist position", () => {
    const s = registrationState(
      { ...open, myRegistration: { status: "WAITLISTED", waitlistPosition: 1, registeredAt: at, updatedAt: at } },
      now,
    );
    expect(s).toMatchObject({ action: "unregister", tone: "info" });
    expect(s.message).toMatch(/^Vous êtes sur la liste d’attente, en 1re position\./);
  });

  it("says a seat came from the waitlist", () => {
    const s = registrationState(
      { ...open, myRegistration: { status: "REGISTERED", waitlistPosition: null, registeredAt: at, updatedAt: "2026-11-30T12:00:00Z" } },
      now,
    );
    expect(s.message).toMatch(/^Une place s’est libérée pour vous/);
  });

  it("does not take a marked attendance for a promotion", () => {
    const s = registrationState(
      {
        ...open,
        myRegistration: { status: "REGISTERED", waitlistPosition: null, registeredAt: at, updatedAt: "2026-12-03T15:00:00Z", attended: true },
      },
      now,
    );
    expect(s.message).toBe("Votre inscription est confirmée : votre place est réservée.");
  });

  it("closes at the deadline, keeping the viewer's standing", () => {
    const later = new Date("2026-12-03T13:00:00Z");
    expect(registrationState(open, later)).toEqual({
      tone: "warning",
      message: "Les inscriptions sont closes depuis le jeudi 3 décembre 2026 à 14\u00a0h\u00a000.",
      action: null,
    });
    const mine = registrationState(
      { ...open, myRegistration: { status: "REGISTERED", waitlistPosition: null, registeredAt: at, updatedAt: at } },
      later,
    );
    expect(mine.action).toBeNull();
    expect(mine.message).toMatch(/^Votre inscription est confirmée.*closes depuis/);
  });

  it("says a cancelled event is cancelled, whatever the registration", () => {
    const s = registrationState(
      { ...open, status: "CANCELLED", myRegistration: { status: "CANCELLED", waitlistPosition: null, registeredAt: at, updatedAt: at } },
      now,
    );
    expect(s).toMatchObject({ action: null, tone: "warning" });
    expect(s.message).toMatch(/^Cet événement est annulé/);
  });

  it("lets one who left register again", () => {
    const s = registrationState(
      { ...open, myRegistration: { status: "CANCELLED", waitlistPosition: null, registeredAt: at, updatedAt: at } },
      now,
    );
    expect(s.action).toBe("register");
  });
});
