import { Header } from "@codegouvfr/react-dsfr/Header";
import { Footer } from "@codegouvfr/react-dsfr/Footer";
import { SkipLinks } from "@codegouvfr/react-dsfr/SkipLinks";
import { headerFooterDisplayItem } from "@codegouvfr/react-dsfr/Display";
import { matchRoute, useLocation } from "./router";
import { routes } from "./routes";
import { paths } from "./paths";
import { NotFoundPage } from "./pages/NotFoundPage";

// The bloc-marque names the issuing administration, as the DSFR asks.
const brandTop = (
  <>
    Ministères
    <br />
    sociaux
  </>
);

const homeLinkProps = { href: paths.home, title: "Accueil — Passerelles" };

/** App is the page layout: skip link, header, the current route, footer. */
export function App() {
  const { pathname } = useLocation();
  const match = matchRoute(routes, pathname);
  const Page = match?.route.component ?? NotFoundPage;
  const section = match?.route.pattern.startsWith(paths.frameworks) ? "frameworks" : match?.route.pattern;

  return (
    <>
      <SkipLinks links={[{ label: "Aller au contenu", anchor: "#contenu" }]} />
      <Header
        brandTop={brandTop}
        homeLinkProps={homeLinkProps}
        serviceTitle="Passerelles"
        serviceTagline="Compétences et parcours de la filière numérique"
        navigation={[
          { text: "Accueil", linkProps: { href: paths.home }, isActive: section === paths.home },
          { text: "Référentiels", linkProps: { href: paths.frameworks }, isActive: section === "frameworks" },
        ]}
      />
      <main id="contenu" tabIndex={-1} className="fr-container fr-pt-4w fr-pb-8w">
        {/* key: a new route mounts a fresh page, so no state leaks between frameworks. */}
        <Page key={pathname} params={match?.params ?? {}} />
      </main>
      <Footer
        brandTop={brandTop}
        homeLinkProps={homeLinkProps}
        accessibility="non compliant"
        contentDescription="Passerelles recense les compétences numériques des agents des ministères sociaux et les parcours entre métiers, pour développer les talents de la filière numérique. Service de la Direction du numérique (DNUM) des ministères sociaux."
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
