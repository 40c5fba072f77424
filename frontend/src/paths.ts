/** paths are the in-app paths that pages and the layout link to. */
export const paths = {
  home: "/",
  frameworks: "/referentiels",
  framework: (code: string) => `/referentiels/${encodeURIComponent(code)}`,
  legalNotice: "/mentions-legales",
  personalData: "/donnees-personnelles",
  accessibility: "/accessibilite",
  mySpace: "/mon-espace",
  /** myCalendar is Mon espace's « Mon agenda » section (the personal calendar feed). */
  myCalendar: "/mon-espace#agenda",
  onboarding: "/bienvenue",
  myProfile: "/mon-profil",
  mySkills: "/mes-competences",
  myData: "/mes-donnees",
  myLists: "/mes-listes",
  profile: (id: string) => `/profils/${encodeURIComponent(id)}`,
  administration: "/administration",
  talents: "/talents",
  communities: "/communautes",
  community: (code: string) => `/communautes/${encodeURIComponent(code)}`,
  communityAdministration: "/administration/communautes",
  notifications: "/notifications",
  notificationPreferences: "/notifications#preferences",
  events: "/evenements",
  event: (id: string) => `/evenements/${encodeURIComponent(id)}`,
  newEvent: (community?: string) =>
    community ? `/evenements/nouveau?communaute=${encodeURIComponent(community)}` : "/evenements/nouveau",
} as const;
