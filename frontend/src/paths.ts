/** paths are the in-app paths that pages and the layout link to. */
export const paths = {
  home: "/",
  frameworks: "/referentiels",
  framework: (code: string) => `/referentiels/${encodeURIComponent(code)}`,
  legalNotice: "/mentions-legales",
  personalData: "/donnees-personnelles",
  accessibility: "/accessibilite",
  mySpace: "/mon-espace",
  onboarding: "/bienvenue",
  myProfile: "/mon-profil",
  mySkills: "/mes-competences",
  myData: "/mes-donnees",
  myLists: "/mes-listes",
  profile: (id: string) => `/profils/${encodeURIComponent(id)}`,
  administration: "/administration",
  talents: "/talents",
  events: "/evenements",
  event: (id: string) => `/evenements/${encodeURIComponent(id)}`,
  newEvent: (community?: string) =>
    community ? `/evenements/nouveau?communaute=${encodeURIComponent(community)}` : "/evenements/nouveau",
} as const;
