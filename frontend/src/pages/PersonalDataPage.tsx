import { ContactEmail } from "../components/ContactEmail";
import { ExternalLink, LegalPage } from "../components/LegalPage";
import { Link } from "../router";
import { paths } from "../paths";

/**
 * PersonalDataPage explains what personal data Passerelles processes and the
 * rights of agents (GDPR). It lists what the server stores today (agents,
 * declarations and their history, validations, recommendations, the audit log
 * with profile views, sessions) and nothing that does not exist yet.
 */
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
        <li>
          permettre aux managers et aux administrateurs de consulter les profils que les agents leur rendent visibles, et
          aux managers de valider les niveaux déclarés ;
        </li>
        <li>
          permettre aux managers et aux administrateurs de rechercher des talents parmi ces profils, de les garder dans
          des listes avec des notes privées et d’enregistrer leurs recherches, et à chaque agent de trouver les collègues
          qui montrent leur profil à tous les agents ;
        </li>
        <li>permettre aux agents de recommander les compétences de leurs collègues dont le profil leur est visible ;</li>
        <li>garder la trace des consultations de profil et des actions sensibles, pour les agents concernés.</li>
      </ul>
      <p>
        Ce traitement est nécessaire à l’exécution d’une mission d’intérêt public, le développement des compétences des
        agents (article 6, paragraphe 1, point e, du règlement général sur la protection des données).
      </p>

      <h2>Données traitées</h2>
      <ul>
        <li>
          identité transmise par ProConnect à chaque connexion : prénom, nom d’usage, adresse électronique
          professionnelle, identifiants, numéro SIRET et nom de votre organisation ;
        </li>
        <li>
          profil que vous complétez : organisation, région, catégorie ou grade, métier actuel, présentation, ouverture à
          la mobilité, métiers visés, disponibilité pour accompagner d’autres agents, visibilité du profil et
          organisations auxquelles il est masqué ;
        </li>
        <li>
          compétences déclarées : niveau, usage actuel ou passé, souhait de développement, compétences phares,
          justificatifs que vous choisissez d’indiquer, et l’historique de chaque déclaration ;
        </li>
        <li>validations de vos niveaux par un manager, avec son commentaire, et recommandations reçues ou données ;</li>
        <li>rôles d’accès qui vous sont attribués (manager, administrateur) ;</li>
        <li>
          journal : consultations de votre profil par les managers et les administrateurs, leurs recherches de talents
          (qui, quand, les critères, le nombre de résultats), validations, attributions et retraits de rôles, suppression
          de compte ;
        </li>
        <li>
          listes de profils des managers et des administrateurs sur lesquelles vous figurez, avec leur note privée, que
          vous ne lisez pas ; si vous restreignez la visibilité de votre profil ou supprimez votre compte, vous quittez
          ces listes et les notes sont effacées ;
        </li>
        <li>sessions de connexion : date de connexion, dernière activité et échéance.</li>
      </ul>
      <p>Passerelles ne traite aucune donnée de santé, aucune évaluation professionnelle ni aucune donnée de rémunération.</p>

      <h2>Qui peut voir vos données</h2>
      <p>
        Votre profil n’est visible que de vous tant que vous n’avez pas choisi de le rendre visible. Vous décidez ensuite
        s’il est visible des managers et des administrateurs, ou de l’ensemble des agents connectés, et vous pouvez le
        masquer aux agents de certaines organisations. Votre adresse électronique n’est montrée qu’aux managers et aux
        administrateurs. La page <Link href={paths.myData}>Mes données</Link> indique à tout moment quels managers et
        administrateurs ont consulté votre profil.
      </p>
      <p>Aucune donnée n’est cédée ni transmise à des tiers.</p>

      <h2>Durée de conservation</h2>
      <p>
        Vos données sont conservées tant que vous utilisez Passerelles et supprimées lorsque vous supprimez votre compte :
        profil, compétences, historique, justificatifs, recommandations données et sessions. Une session prend fin après
        une période sans activité et au plus tard quelques heures après la connexion (30 minutes et 12 heures dans la
        configuration par défaut), puis elle est effacée. Les entrées du
        journal qui vous concernent sont conservées après la suppression du compte, mais ne vous désignent plus que par
        un pseudonyme.
      </p>

      <h2>Vos droits</h2>
      <p>
        Vous disposez d’un droit d’accès, de rectification, d’effacement et de limitation du traitement de vos données,
        ainsi que d’un droit d’opposition. Depuis la page <Link href={paths.myData}>Mes données</Link>, vous pouvez à
        tout moment télécharger l’ensemble de vos données (fichier JSON) ou supprimer votre compte. Les informations
        transmises par ProConnect se corrigent auprès de votre fournisseur d’identité et sont mises à jour à chaque
        connexion.
      </p>
      <p>
        Pour toute autre demande, écrivez à <ContactEmail /> ou au délégué à la protection des données des ministères
        sociaux. Si vous estimez, après nous avoir contactés, que vos droits ne sont pas respectés, vous pouvez adresser
        une réclamation à la{" "}
        <ExternalLink href="https://www.cnil.fr/fr/plaintes">Commission nationale de l’informatique et des libertés (CNIL)</ExternalLink>.
      </p>

      <h2>Cookies et stockage local</h2>
      <p>
        Passerelles dépose un cookie strictement nécessaire, qui maintient votre session après la connexion, et pendant
        la connexion un cookie temporaire qui la protège. Votre choix d’affichage (thème clair ou sombre) est enregistré
        dans votre navigateur. Passerelles n’utilise aucun outil de mesure d’audience ni aucun traceur publicitaire :
        aucun consentement ne vous est donc demandé.
      </p>

      <h2>Sécurité</h2>
      <p>
        Les données sont hébergées en France par les ministères sociaux. Les échanges sont chiffrés, l’accès est réservé
        aux agents authentifiés et chaque consultation de profil par un manager ou un administrateur est journalisée.
      </p>
    </LegalPage>
  );
}
