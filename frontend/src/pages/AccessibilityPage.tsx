import { ContactEmail } from "../components/ContactEmail";
import { ExternalLink, LegalPage } from "../components/LegalPage";
import { Link } from "../router";
import { paths } from "../paths";

/** AccessibilityPage is the "déclaration d'accessibilité" required by article 47 of law 2005-102. */
export function AccessibilityPage() {
  return (
    <LegalPage title="Déclaration d’accessibilité">
      <p>
        Les ministères sociaux s’engagent à rendre leurs sites internet, intranet et extranet et leurs applications
        accessibles, conformément à l’article 47 de la loi n° 2005-102 du 11 février 2005.
      </p>
      <p>Cette déclaration d’accessibilité s’applique à Passerelles.</p>

      <h2>État de conformité</h2>
      <p>
        Passerelles est <strong>non conforme</strong> avec le référentiel général d’amélioration de l’accessibilité
        (RGAA), version 4.1, car il n’a pas encore fait l’objet d’un audit de conformité.
      </p>

      <h2>Résultats des tests</h2>
      <p>
        Aucun audit n’ayant encore été réalisé, aucun taux de conformité ne peut être publié. Un audit sera mené par un
        prestataire indépendant ; cette déclaration sera alors mise à jour.
      </p>

      <h2>Contenus non accessibles</h2>
      <h3>Non-conformités</h3>
      <p>
        Les non-conformités ne sont pas encore identifiées par un audit. En attendant, chaque page est vérifiée à chaque
        évolution du service avec un outil de test automatique (axe-core) et un parcours au clavier seul. Ces
        vérifications ne remplacent pas un audit.
      </p>
      <h3>Dérogations pour charge disproportionnée</h3>
      <p>Aucune.</p>
      <h3>Contenus non soumis à l’obligation d’accessibilité</h3>
      <p>Aucun.</p>

      <h2>Établissement de cette déclaration</h2>
      <p>Cette déclaration a été établie le 28 novembre 2026.</p>
      <h3>Technologies utilisées pour la réalisation de Passerelles</h3>
      <ul>
        <li>HTML5</li>
        <li>CSS</li>
        <li>JavaScript</li>
        <li>WAI-ARIA</li>
      </ul>
      <h3>Environnement de test</h3>
      <p>Les vérifications ont été faites avec le navigateur Chromium, à la souris et au clavier seul.</p>
      <h3>Outils pour évaluer l’accessibilité</h3>
      <ul>
        <li>axe-core, règles WCAG 2.1 niveaux A et AA</li>
      </ul>
      <h3>Pages du site ayant fait l’objet de la vérification</h3>
      <ul>
        <li>
          <Link href={paths.home}>Accueil</Link>
        </li>
        <li>
          <Link href={paths.frameworks}>Référentiels</Link>
        </li>
        <li>
          <Link href={paths.framework("pix")}>Référentiel Pix</Link>
        </li>
        <li>
          <Link href={paths.legalNotice}>Mentions légales</Link>
        </li>
        <li>
          <Link href={paths.personalData}>Données personnelles</Link>
        </li>
        <li>Déclaration d’accessibilité</li>
        <li>
          <Link href={paths.mySpace}>Mon espace</Link>
        </li>
        <li>
          <Link href={paths.onboarding}>Compléter mon profil</Link>
        </li>
        <li>
          <Link href={paths.mySkills}>Mes compétences</Link>
        </li>
        <li>
          <Link href={paths.myData}>Mes données</Link>
        </li>
        <li>Profil d’un agent, vu par un autre agent, un manager et un administrateur</li>
      </ul>

      <h2>Retour d’information et contact</h2>
      <p>
        Si vous n’arrivez pas à accéder à un contenu ou à un service, écrivez à <ContactEmail /> : nous vous
        orienterons vers une alternative accessible ou vous transmettrons le contenu sous une autre forme.
      </p>

      <h2>Voies de recours</h2>
      <p>
        Cette procédure est à utiliser dans le cas suivant : vous avez signalé au responsable du service un défaut
        d’accessibilité qui vous empêche d’accéder à un contenu ou à l’une de ses fonctionnalités, et vous n’avez pas
        obtenu de réponse satisfaisante.
      </p>
      <ul>
        <li>
          Écrire un message au{" "}
          <ExternalLink href="https://formulaire.defenseurdesdroits.fr/">Défenseur des droits</ExternalLink> ;
        </li>
        <li>
          Contacter{" "}
          <ExternalLink href="https://www.defenseurdesdroits.fr/saisir/delegues">
            le délégué du Défenseur des droits dans votre région
          </ExternalLink>{" "}
          ;
        </li>
        <li>
          Envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) :
          <br />
          Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.
        </li>
      </ul>
    </LegalPage>
  );
}
