import { ContactEmail } from "../components/ContactEmail";
import { LegalPage } from "../components/LegalPage";
import { Link } from "../router";
import { paths } from "../paths";

/** LegalNoticePage is the "mentions légales" a French public service must publish. */
export function LegalNoticePage() {
  return (
    <LegalPage title="Mentions légales">
      <h2>Éditeur</h2>
      <p>
        Passerelles est édité par les ministères sociaux (ministère du Travail, ministère de la Santé, ministère des
        Solidarités), par l’intermédiaire de leur Direction du numérique (DNUM) :
      </p>
      <address className="fr-mb-3w">
        Direction du numérique des ministères sociaux
        <br />
        39-43 quai André Citroën
        <br />
        75015 Paris
      </address>

      <h2>Directeur de la publication</h2>
      <p>Le directeur du numérique des ministères sociaux.</p>

      <h2>Hébergement</h2>
      <p>
        Passerelles est hébergé en France, sur l’infrastructure des ministères sociaux exploitée par la Direction du
        numérique. Aucune donnée n’est hébergée hors de l’Union européenne.
      </p>

      <h2>Objet du service</h2>
      <p>
        Passerelles est réservé aux agents des ministères sociaux. Il leur permet de déclarer leurs compétences sur des
        référentiels reconnus, de choisir qui voit leur profil et de faire valider leurs niveaux par un manager. La
        connexion se fait avec ProConnect, l’identité numérique des professionnels.
      </p>

      <h2>Référentiels de compétences</h2>
      <p>
        Les compétences de culture numérique sont celles du référentiel Pix, lui-même dérivé du cadre européen DigComp.
        Les compétences des métiers du numérique sont celles du cadre européen des compétences numériques (e-CF, norme
        EN 16234-1) ; leurs libellés en français sont une traduction de travail de la DNUM.
      </p>

      <h2>Propriété intellectuelle et réutilisation</h2>
      <p>
        Sauf mention contraire, les textes de ce service sont publiés sous la Licence Ouverte / <span lang="en">Open Licence</span> version 2.0
        d’Etalab : vous pouvez les réutiliser librement, à condition de mentionner leur source. Les logos et la marque
        de l’État ne peuvent pas être réutilisés.
      </p>

      <h2>Accessibilité</h2>
      <p>
        Les ministères sociaux s’engagent à rendre leurs services numériques accessibles. Le niveau d’accessibilité de
        Passerelles est précisé dans la <Link href={paths.accessibility}>déclaration d’accessibilité</Link>.
      </p>

      <h2>Données personnelles</h2>
      <p>
        Le traitement de vos données et vos droits sont décrits sur la page{" "}
        <Link href={paths.personalData}>données personnelles</Link>.
      </p>

      <h2>Contact et signalement d’un dysfonctionnement</h2>
      <p>
        Pour toute question sur le service, ou si vous constatez une erreur ou un dysfonctionnement, écrivez à{" "}
        <ContactEmail />, en précisant la page concernée et, si possible, ce que vous faisiez.
      </p>
    </LegalPage>
  );
}
