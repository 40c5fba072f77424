import type { ComponentType } from "react";
import type { Route } from "./router";
import { paths } from "./paths";
import { HomePage } from "./pages/HomePage";
import { FrameworksPage } from "./pages/FrameworksPage";
import { FrameworkPage } from "./pages/FrameworkPage";
import { LegalNoticePage } from "./pages/LegalNoticePage";
import { PersonalDataPage } from "./pages/PersonalDataPage";
import { AccessibilityPage } from "./pages/AccessibilityPage";
import { MySpacePage } from "./pages/MySpacePage";
import { MySkillsPage } from "./pages/MySkillsPage";
import { OnboardingPage } from "./pages/OnboardingPage";
import { MyDataPage } from "./pages/MyDataPage";
import { ProfilePage } from "./pages/ProfilePage";

/** PageProps are what a page receives from the router. */
export type PageProps = { params: Record<string, string> };

/**
 * routes is the route table; a path that matches none shows NotFoundPage. A
 * route with requiresAuth shows SignInRequiredPage to people not signed in.
 */
export const routes: readonly Route<ComponentType<PageProps>>[] = [
  { pattern: paths.home, component: HomePage },
  { pattern: paths.frameworks, component: FrameworksPage },
  { pattern: "/referentiels/:code", component: FrameworkPage },
  { pattern: paths.legalNotice, component: LegalNoticePage },
  { pattern: paths.personalData, component: PersonalDataPage },
  { pattern: paths.accessibility, component: AccessibilityPage },
  { pattern: paths.mySpace, component: MySpacePage, requiresAuth: true },
  { pattern: paths.mySkills, component: MySkillsPage, requiresAuth: true },
  { pattern: paths.onboarding, component: OnboardingPage, requiresAuth: true },
  { pattern: paths.myData, component: MyDataPage, requiresAuth: true },
  { pattern: "/profils/:id", component: ProfilePage, requiresAuth: true },
];
