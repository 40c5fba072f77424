import type { ComponentType } from "react";
import type { Route } from "./router";
import routeTable from "./routes.json";
import { HomePage } from "./pages/HomePage";
import { FrameworksPage } from "./pages/FrameworksPage";
import { FrameworkPage } from "./pages/FrameworkPage";
import { LegalNoticePage } from "./pages/LegalNoticePage";
import { PersonalDataPage } from "./pages/PersonalDataPage";
import { AccessibilityPage } from "./pages/AccessibilityPage";
import { MySpacePage } from "./pages/MySpacePage";
import { MySkillsPage } from "./pages/MySkillsPage";
import { OnboardingPage } from "./pages/OnboardingPage";
import { MyProfilePage } from "./pages/MyProfilePage";
import { MyDataPage } from "./pages/MyDataPage";
import { MyListsPage } from "./pages/MyListsPage";
import { ProfilePage } from "./pages/ProfilePage";
import { AdministrationPage } from "./pages/AdministrationPage";
import { TalentSearchPage } from "./pages/TalentSearchPage";
import { CommunitiesPage } from "./pages/CommunitiesPage";
import { CommunityPage } from "./pages/CommunityPage";
import { CommunityAdministrationPage } from "./pages/CommunityAdministrationPage";
import { NotificationsPage } from "./pages/NotificationsPage";
import { EditEventPage, EventPage, EventsPage, NewEventPage } from "./events/lazyPages";

/** PageProps are what a page receives from the router. */
export type PageProps = { params: Record<string, string> };

/** RouteName names an entry of routes.json. */
export type RouteName = keyof typeof routeTable;

/** RouteEntry is an entry of routes.json: what the server knows of a route too. */
type RouteEntry = { pattern: string; requiresAuth?: boolean };

/**
 * pages gives each route of routes.json its page: the type requires one page
 * per entry, and no page without an entry.
 */
const pages: Record<RouteName, ComponentType<PageProps>> = {
  home: HomePage,
  frameworks: FrameworksPage,
  framework: FrameworkPage,
  legalNotice: LegalNoticePage,
  personalData: PersonalDataPage,
  accessibility: AccessibilityPage,
  mySpace: MySpacePage,
  mySkills: MySkillsPage,
  onboarding: OnboardingPage,
  myProfile: MyProfilePage,
  myData: MyDataPage,
  myLists: MyListsPage,
  profile: ProfilePage,
  administration: AdministrationPage,
  talentSearch: TalentSearchPage,
  communities: CommunitiesPage,
  community: CommunityPage,
  communityAdministration: CommunityAdministrationPage,
  notifications: NotificationsPage,
  events: EventsPage,
  newEvent: NewEventPage,
  event: EventPage,
  editEvent: EditEventPage,
};

/**
 * routes is the route table, in the order of routes.json (the first match
 * wins); a path that matches none shows NotFoundPage. A route with
 * requiresAuth shows SignInRequiredPage to people not signed in.
 *
 * The patterns live in routes.json alone, because the Go server reads the
 * same file (server/web): it answers HTTP 404 to a path that matches no
 * pattern, while still sending this SPA, which shows « Page introuvable ».
 * A route added here is therefore added to routes.json, never to this list.
 */
export const routes: readonly Route<ComponentType<PageProps>>[] = (
  Object.entries(routeTable) as [RouteName, RouteEntry][]
).map(([name, entry]) => ({
  pattern: entry.pattern,
  component: pages[name],
  ...(entry.requiresAuth === true ? { requiresAuth: true } : {}),
}));
