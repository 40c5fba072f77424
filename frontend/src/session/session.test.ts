import { describe, expect, it } from "vitest";
import {
  addressAfterSignOut,
  asMe,
  fullName,
  initialSessionState,
  loginHref,
  sessionReducer,
  sortedAccessRoles,
  type Me,
  type SessionEvent,
  type SessionState,
} from "./session";

const CAMILLE: Me = {
  id: "a1",
  givenName: "Camille",
  usualName: "Lefèvre",
  email: "camille.lefevre@travail.demo.gouv.fr",
  organisationLabel: "DREETS Bretagne",
  accessRoles: ["AGENT"],
  animatedCommunities: [],
  profile: { id: "a1", visibilityChosen: true },
};

const signedIn: SessionState = { me: CAMILLE, loading: false, expired: false, noticeDismissed: false };
const signedOut: SessionState = { me: null, loading: false, expired: false, noticeDismissed: false };
const expired: SessionState = { me: null, loading: false, expired: true, noticeDismissed: false };

const headerExpired: SessionEvent = { type: "signal", sessionExpired: true, unauthenticated: false };
const unauthenticated: SessionEvent = { type: "signal", sessionExpired: false, unauthenticated: true };

describe("sessionReducer", () => {
  const cases: { name: string; from: SessionState; events: SessionEvent[]; want: SessionState }[] = [
    { name: "StartsLoading", from: initialSessionState, events: [], want: { ...signedOut, loading: true } },
    { name: "LoadedSignedIn", from: initialSessionState, events: [{ type: "loaded", me: CAMILLE }], want: signedIn },
    { name: "LoadedSignedOut", from: initialSessionState, events: [{ type: "loaded", me: null }], want: signedOut },
    { name: "LoadFailedShowsSignedOut", from: initialSessionState, events: [{ type: "failed" }], want: signedOut },
    { name: "LoadFailedLaterKeepsThePerson", from: signedIn, events: [{ type: "failed" }], want: signedIn },
    { name: "ExpiredHeaderWhileSignedIn", from: signedIn, events: [headerExpired], want: expired },
    { name: "UnauthenticatedWhileSignedIn", from: signedIn, events: [unauthenticated], want: expired },
    {
      name: "BothSignalsWhileSignedIn",
      from: signedIn,
      events: [{ type: "signal", sessionExpired: true, unauthenticated: true }],
      want: expired,
    },
    // Nobody was signed in: the page that asked explains that sign-in is needed.
    { name: "UnauthenticatedWhileSignedOut", from: signedOut, events: [unauthenticated], want: signedOut },
    // The very first answer (to me) says that the cookie of an earlier session expired.
    {
      name: "ExpiredHeaderOnFirstLoad",
      from: initialSessionState,
      events: [headerExpired, { type: "loaded", me: null }],
      want: expired,
    },
    { name: "ExpiredStaysExpired", from: expired, events: [headerExpired, unauthenticated], want: expired },
    {
      name: "DismissedNoticeStaysDismissedOnLaterUnauthenticated",
      from: expired,
      events: [{ type: "notice-dismissed" }, unauthenticated],
      want: { ...expired, noticeDismissed: true },
    },
    { name: "SigningInAgainEndsExpiry", from: expired, events: [{ type: "loaded", me: CAMILLE }], want: signedIn },
    {
      name: "AReloadThatFindsNobodyKeepsExpiry",
      from: expired,
      events: [{ type: "loaded", me: null }],
      want: expired,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(c.events.reduce(sessionReducer, c.from)).toEqual(c.want);
    });
  }

  it("returns the same state when nothing changes, so that nothing re-renders", () => {
    expect(sessionReducer(expired, headerExpired)).toBe(expired);
    expect(sessionReducer(signedOut, unauthenticated)).toBe(signedOut);
    expect(sessionReducer(signedIn, { type: "signal", sessionExpired: false, unauthenticated: false })).toBe(signedIn);
  });
});

describe("loginHref", () => {
  it("returns to the given path", () => {
    expect(loginHref("/mon-espace")).toBe("/auth/login?return_to=%2Fmon-espace");
    expect(loginHref("/referentiels/pix?x=1")).toBe("/auth/login?return_to=%2Freferentiels%2Fpix%3Fx%3D1");
  });
  it("never returns to another site", () => {
    expect(loginHref("//evil.example/")).toBe("/auth/login?return_to=%2F");
    expect(loginHref("/\\evil.example/")).toBe("/auth/login?return_to=%2F");
    expect(loginHref("https://evil.example/")).toBe("/auth/login?return_to=%2F");
  });
});

describe("names", () => {
  it("fullName is the given name then the usual name", () => {
    expect(fullName(CAMILLE)).toBe("Camille Lefèvre");
    expect(fullName({ givenName: " Sophie ", usualName: "" })).toBe("Sophie");
  });
  it("sortedAccessRoles goes from AGENT to ADMIN without duplicates", () => {
    expect(sortedAccessRoles(["ADMIN", "AGENT", "ADMIN"])).toEqual(["AGENT", "ADMIN"]);
    expect(sortedAccessRoles(["MANAGER", "AGENT"])).toEqual(["AGENT", "MANAGER"]);
  });
});

describe("addressAfterSignOut", () => {
  it("drops the state that the provider echoes on the home page", () => {
    expect(addressAfterSignOut("https://passerelles.example/?state=abc")).toBe("/");
  });
  it("leaves any other address alone", () => {
    expect(addressAfterSignOut("https://passerelles.example/")).toBeNull();
    expect(addressAfterSignOut("https://passerelles.example/referentiels?state=abc")).toBeNull();
    expect(addressAfterSignOut("https://passerelles.example/?state=abc&q=1")).toBeNull();
    expect(addressAfterSignOut("https://passerelles.example/?q=1")).toBeNull();
  });
});

describe("visibility-chosen", () => {
  it("marks the signed-in person's profile as completed, and does nothing when nobody is signed in", () => {
    const me: Me = { ...CAMILLE, profile: { id: "a1", visibilityChosen: false } };
    const state = sessionReducer({ ...initialSessionState, me, loading: false }, { type: "visibility-chosen" });
    expect(state.me?.profile.visibilityChosen).toBe(true);
    const nobody = { ...initialSessionState, loading: false };
    expect(sessionReducer(nobody, { type: "visibility-chosen" })).toBe(nobody);
  });
});

describe("asMe", () => {
  it("keeps the signed-in person with their profile, and reads an answer without it as nobody", () => {
    expect(asMe(null)).toBeNull();
    expect(asMe(undefined)).toBeNull();
    expect(asMe({ ...CAMILLE, profile: null })).toBeNull();
    expect(asMe(CAMILLE)?.profile.id).toBe("a1");
  });
});
