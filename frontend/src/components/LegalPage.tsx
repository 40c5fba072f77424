import type { ReactNode } from "react";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { PageHeading, useDocumentTitle } from "../router";
import { paths } from "../paths";

/** LegalPage lays out a page of text: breadcrumb, heading, a readable column. */
export function LegalPage({ title, children }: { title: string; children: ReactNode }) {
  useDocumentTitle(title);
  return (
    <>
      <Breadcrumb currentPageLabel={title} homeLinkProps={{ href: paths.home }} segments={[]} />
      <div className="fr-grid-row">
        <div className="fr-col-12 fr-col-md-10 fr-col-lg-8 pl-prose">
          <PageHeading>{title}</PageHeading>
          {children}
        </div>
      </div>
    </>
  );
}

/** ExternalLink opens another site in a new tab and says so, as the DSFR asks. */
export function ExternalLink({ href, children }: { href: string; children: string }) {
  return (
    <a href={href} target="_blank" rel="noopener noreferrer" title={`${children} — nouvelle fenêtre`}>
      {children}
    </a>
  );
}
