import { ExternalLink, LegalPage } from "../components/LegalPage";

/** PersonalDataPage explains what personal data Passerelles processes and the rights of agents (GDPR). */
export function PersonalDataPage() {
  return (
    <LegalPage title="Données personnelles">
      <p className="fr-text--lead">
        Passerelles traite des données personnelles des agents qui l’utilisent. Cette page explique lesquelles,
        pourquoi, qui y a accès et comment exercer vos droits.
      </p>

      <h2>Responsable du traitement</h2>
      <p>
        Le responsable du traitement est la Direction du numérique (DNUM) des ministères sociaux, représentée par le
        directeur du numérique.
      </p>

      <h2>Finalités et base légale</h2>
      <p>Passerelles sert à :</p>
      <ul>
        <li>permettre à chaque agent de déclarer ses compétences et celles qu’il souhaite développer ;</li>
        <li>lui montrer les parcours possibles vers un métier, l’écart à combler et les moyens de le combler ;</li>
        <li>permettre aux managers habilités de trouver des compétences, dans la limite de ce que les agents rendent visible ;</li>
        <li>organiser les communautés de pratique et leurs événements.</li>
      </ul>
      <p>
        Ce traitement est nécessaire à l’exécution d’une mission d’intérêt public, le développement des compétences et
        la gestion des parcours professionnels des agents (article 6, paragraphe 1, point e, du règlement général sur la
        protection des données).
      </p>

      <h2>Données traitées</h2>
      <ul>
        <li>identité transmise par ProConnect : nom, prénom, adresse électronique professionnelle, identifiant ;</li>
        <li>affectation : ministère, structure, région, catégorie ou grade, métier actuel ;</li>
        <li>compétences déclarées, niveaux, souhaits de développement, justificatifs que vous choisissez d’indiquer ;</li>
        <li>préférences : visibilité du profil, ouverture à la mobilité, métier visé ;</li>
        <li>inscriptions aux événements et participation aux communautés ;</li>
        <li>journal des consultations et des modifications de votre profil.</li>
      </ul>
      <p>Passerelles ne traite aucune donnée de santé, aucune évaluation professionnelle ni aucune donnée de rémunération.</p>

      <h2>Qui peut voir vos données</h2>
      <p>
        Votre profil est privé tant que vous n’avez pas choisi de le rendre visible. Vous décidez ensuite s’il est
        visible des seuls managers habilités ou de l’ensemble des agents, et vous pouvez le masquer à certaines
        structures. Les animateurs d’une communauté voient la liste des inscrits à leurs événements. Vous pouvez
        consulter à tout moment la liste des personnes qui ont consulté votre profil.
      </p>
      <p>Aucune donnée n’est cédée ni transmise à des tiers.</p>

      <h2>Durée de conservation</h2>
      <p>
        Vos données sont conservées tant que vous utilisez Passerelles. Elles sont supprimées lorsque vous supprimez
        votre compte. Les journaux techniques de connexion sont conservés un an.
      </p>

      <h2>Vos droits</h2>
      <p>
        Vous disposez d’un droit d’accès, de rectification, d’effacement et de limitation du traitement de vos données,
        ainsi que d’un droit d’opposition. Depuis votre profil, vous pouvez à tout moment modifier vos informations,
        exporter l’ensemble de vos données ou supprimer votre compte.
      </p>
      <p>
        Pour toute autre demande, écrivez à l’équipe Passerelles via la messagerie de la DNUM ou au délégué à la
        protection des données des ministères sociaux. Si vous estimez, après nous avoir contactés, que vos droits ne
        sont pas respectés, vous pouvez adresser une réclamation à la{" "}
        <ExternalLink href="https://www.cnil.fr/fr/plaintes">Commission nationale de l’informatique et des libertés (CNIL)</ExternalLink>.
      </p>

      <h2>Cookies et stockage local</h2>
      <p>
        Passerelles dépose un seul cookie, strictement nécessaire : il maintient votre session après la connexion. Votre
        choix d’affichage (thème clair ou sombre) est enregistré dans votre navigateur. Passerelles n’utilise aucun
        outil de mesure d’audience ni aucun traceur publicitaire : aucun consentement ne vous est donc demandé.
      </p>

      <h2>Sécurité</h2>
      <p>
        Les données sont hébergées en France par les ministères sociaux. Les échanges sont chiffrés, l’accès est réservé
        aux agents authentifiés et chaque consultation de profil est journalisée.
      </p>
    </LegalPage>
  );
}
