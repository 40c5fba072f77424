import { Header, type HeaderProps } from "@codegouvfr/react-dsfr/Header";
import { Footer } from "@codegouvfr/react-dsfr/Footer";
import { SkipLinks } from "@codegouvfr/react-dsfr/SkipLinks";
import { Suspense, useEffect, useState } from "react";
import { QueryClientProvider } from "@tanstack/react-query";
import { headerFooterDisplayItem } from "@codegouvfr/react-dsfr/Display";
import { matchRoute, useLocation } from "./router";
import { routes } from "./routes";
import { paths } from "./paths";
import { NotFoundPage } from "./pages/NotFoundPage";
import { SignInRequiredPage } from "./pages/SignInRequiredPage";
import { Loading } from "./components/Loading";
import { AccessRoleBadges } from "./components/AccessRoleBadges";
import { SessionExpiredNotice } from "./components/SessionExpiredNotice";
import { createQueryClient } from "./graphql/query";
import { SessionProvider, useSession, type Session } from "./session/SessionProvider";
import { fullName, loginHref, LOGOUT_PATH } from "./session/session";
import { canSearchAllVisible, talentPageTitle } from "./talent/scope";
import { UnreadCount } from "./notifications/UnreadCount";

// The bloc-marque names the issuing administration, as the DSFR asks.
const brandTop = (
  <>
    Ministères
    <br />
    sociaux
  </>
);

const homeLinkProps = { href: paths.home, title: "Accueil — Passerelles" };

/** LOGOUT_FORM_ID names the hidden sign-out form that the header's buttons submit. */
const LOGOUT_FORM_ID = "pl-logout-form";

/**
 * App provides the data cache and the session to the page layout. The cache
 * lives as long as the SPA: signing in or out reloads the page, so one
 * person's data never serves another.
 */
export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <SessionProvider>
        <Layout />
      </SessionProvider>
    </QueryClientProvider>
  );
}

/**
 * quickAccessItems are the header's tools: "Se connecter" when nobody is
 * signed in; the person's name (to their space), "Mon profil", roles and "Se déconnecter"
 * otherwise; nothing while the session is being checked.
 */
function quickAccessItems(session: Session, returnTo: string): NonNullable<HeaderProps["quickAccessItems"]> {
  if (session.loading) return [];
  if (session.me === null) {
    return [{ iconId: "fr-icon-account-circle-line", text: "Se connecter", linkProps: { href: loginHref(returnTo) } }];
  }
  // « Compléter mon profil » until the onboarding is done, « Mon profil » afterwards.
  const profile: NonNullable<HeaderProps["quickAccessItems"]> = session.me.profile.visibilityChosen
    ? [{ iconId: "fr-icon-user-setting-line", text: "Mon profil", linkProps: { href: paths.myProfile } }]
    : [{ iconId: "fr-icon-edit-line", text: "Compléter mon profil", linkProps: { href: paths.onboarding } }];
  return [
    { iconId: "fr-icon-account-circle-line", text: fullName(session.me), linkProps: { href: paths.mySpace } },
    ...profile,
    // The unread count: one small query of its own, refetched when notifications are marked read.
    { iconId: "fr-icon-notification-3-line", text: <UnreadCount />, linkProps: { href: paths.notifications } },
    <AccessRoleBadges key="roles" roles={session.me.accessRoles} />,
    {
      iconId: "fr-icon-logout-box-r-line",
      text: "Se déconnecter",
      // Submits the hidden form below: a same-origin POST, no script needed.
      buttonProps: { type: "submit", form: LOGOUT_FORM_ID },
    },
  ];
}

/**
 * useCloseMenusOnNavigation folds the header's open menu (« Communautés et
 * événements ») once one of its links took the person to another page: the
 * DSFR folds it on a click outside, not on a client-side navigation, and it
 * would stay open over the new page.
 */
function useCloseMenusOnNavigation(pathname: string) {
  useEffect(() => {
    // A menu still opening (the DSFR animates it) ignores the first request:
    // ask again on the next frames until it is folded.
    let frames = 0;
    let id = 0;
    const fold = () => {
      const open = document.querySelectorAll<HTMLButtonElement>("header .fr-nav__btn[aria-expanded='true']");
      for (const button of open) {
        const menu = document.getElementById(button.getAttribute("aria-controls") ?? "");
        const dsfr = (window as { dsfr?: (el: Element) => { collapse?: { conceal: () => void } } }).dsfr;
        if (menu !== null && dsfr?.(menu).collapse) dsfr(menu).collapse?.conceal();
        else button.click();
      }
      if (open.length > 0 && ++frames < 30) id = requestAnimationFrame(fold);
    };
    fold();
    return () => cancelAnimationFrame(id);
  }, [pathname]);
}

/** Layout is the page layout: skip link, header, the current route, footer. */
function Layout() {
  const session = useSession();
  const { pathname, search } = useLocation();
  const match = matchRoute(routes, pathname);
  const section = match?.route.pattern.startsWith(paths.frameworks)
    ? "frameworks"
    : match?.route.pattern.startsWith(paths.events)
      ? paths.events
      : match?.route.pattern;
  const requiresAuth = match?.route.requiresAuth === true;
  useCloseMenusOnNavigation(pathname);
  const returnTo = pathname + search;

  let page;
  if (requiresAuth && session.loading) {
    page = <Loading label="Vérification de votre connexion…" />;
  } else if (requiresAuth && session.me === null) {
    page = <SignInRequiredPage expired={session.expired} />;
  } else {
    const Page = match?.route.component ?? NotFoundPage;
    // key: a new route mounts a fresh page, so no state leaks between frameworks.
    page = <Page key={pathname} params={match?.params ?? {}} />;
  }

  // No « Accueil »: the service's name in the header leads home, and the
  // navigation must hold on one line at 1024 px for an administrator.
  const navigation: HeaderProps["navigation"] = [
    { text: "Référentiels", linkProps: { href: paths.frameworks }, isActive: section === "frameworks" },
  ];
  if (session.me !== null) {
    navigation.push(
      // « Mes données » and « Mes listes » are reached from Mon espace.
      {
        text: "Mon espace",
        linkProps: { href: paths.mySpace },
        isActive: section === paths.mySpace || section === paths.myData || section === paths.myLists,
      },
      { text: "Mes compétences", linkProps: { href: paths.mySkills }, isActive: section === paths.mySkills },
      {
        text: talentPageTitle(canSearchAllVisible(session.me.accessRoles)),
        linkProps: { href: paths.talents },
        isActive: section === paths.talents,
      },
      // One menu for the communities and their events: the header holds at 1024 px.
      {
        text: "Communautés et événements",
        isActive: section === paths.communities || section === "/communautes/:code" || section === paths.events,
        menuLinks: [
          {
            text: "Communautés",
            linkProps: { href: paths.communities },
            isActive: section === paths.communities || section === "/communautes/:code",
          },
          { text: "Événements", linkProps: { href: paths.events }, isActive: section === paths.events },
        ],
      },
    );
    if (session.me.accessRoles.includes("ADMIN")) {
      navigation.push({
        text: "Administration",
        linkProps: { href: paths.administration },
        isActive: section === paths.administration || section === paths.communityAdministration,
      });
    }
  }

  return (
    <>
      <SkipLinks links={[{ label: "Aller au contenu", anchor: "#contenu" }]} />
      <Header
        brandTop={brandTop}
        homeLinkProps={homeLinkProps}
        serviceTitle="Passerelles"
        serviceTagline="Compétences de la filière numérique"
        quickAccessItems={quickAccessItems(session, returnTo)}
        navigation={navigation}
      />
      {/* The sign-in page of a protected route already says that the session expired. */}
      <SessionExpiredNotice hidden={requiresAuth} />
      <form id={LOGOUT_FORM_ID} method="post" action={LOGOUT_PATH} hidden />
      <main id="contenu" tabIndex={-1} className="fr-container fr-pt-4w fr-pb-8w">
        {/* Some pages (the events) are loaded on demand. */}
        <Suspense fallback={<Loading label="Chargement de la page…" />}>{page}</Suspense>
      </main>
      <Footer
        brandTop={brandTop}
        homeLinkProps={homeLinkProps}
        accessibility="non compliant"
        contentDescription="Passerelles recense les compétences numériques des agents des ministères sociaux, pour les faire connaître, les faire reconnaître et les développer. Service de la Direction du numérique (DNUM) des ministères sociaux."
        termsLinkProps={{ href: paths.legalNotice }}
        accessibilityLinkProps={{ href: paths.accessibility }}
        bottomItems={[
          { text: "Données personnelles", linkProps: { href: paths.personalData } },
          headerFooterDisplayItem,
        ]}
      />
    </>
  );
}
