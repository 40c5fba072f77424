import { graphql } from "../gql";
import { useGraphQLQuery } from "../graphql/query";

/** SITE_QUERY reads what the server's configuration says about the service: its contact address. */
export const SITE_QUERY = graphql(`
  query Site {
    site {
      contactEmail
    }
  }
`);

/**
 * ContactEmail writes the service's contact address (PASSERELLES_CONTACT_EMAIL)
 * as a mailto: link, inside a sentence of the legal pages.
 */
export function ContactEmail() {
  const { data, error } = useGraphQLQuery(SITE_QUERY, {});
  if (data) return <a href={`mailto:${data.site.contactEmail}`}>{data.site.contactEmail}</a>;
  if (error) return <>l’équipe Passerelles (son adresse n’a pas pu être chargée : rechargez la page)</>;
  return <>l’équipe Passerelles</>;
}
