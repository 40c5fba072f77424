import { graphql } from "../gql";
import type { ReviewedEvidenceFragment } from "../gql/graphql";
import { EVIDENCE_KIND_LABELS } from "../profile/labels";
import { formatDate } from "../dates";

/**
 * REVIEWED_EVIDENCE_FRAGMENT is what a manager reads of a declared skill's
 * evidence while validating its level; the profile query spreads it.
 */
export const REVIEWED_EVIDENCE_FRAGMENT = graphql(`
  fragment ReviewedEvidence on DeclaredSkill {
    evidence {
      id
      kind
      title
      description
      score
      obtainedOn
      url
    }
  }
`);

/** linkHost names the site a link leads to, so that the reader knows before following it. */
function linkHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/**
 * ReviewedEvidence lists the evidence of the skill a manager validates, in the
 * validation form itself: kind, title, date, Pix score, details and link — what
 * the level rests on, without leaving the form. headingId names the list for
 * the form's region.
 */
export function ReviewedEvidence({
  declared,
  skillName,
  headingId,
}: {
  declared: ReviewedEvidenceFragment;
  skillName: string;
  headingId: string;
}) {
  return (
    <div className="pl-review-evidence">
      <h4 id={headingId} className="fr-h6 fr-mb-1w">
        Justificatifs déclarés
      </h4>
      {declared.evidence.length === 0 ? (
        <p className="fr-text--sm fr-mb-0">Aucun justificatif n’accompagne cette déclaration.</p>
      ) : (
        <ul aria-labelledby={headingId}>
          {declared.evidence.map((e) => (
            <li key={e.id}>
              <p className="fr-mb-0">
                <span className="pl-mention fr-text--sm">{EVIDENCE_KIND_LABELS[e.kind]}</span>
                <br />
                <strong>{e.title}</strong>
              </p>
              <p className="fr-text--sm fr-mb-0">
                {e.obtainedOn ? `Obtenu le ${formatDate(e.obtainedOn)}` : "Date non précisée"}
                {e.score !== null && ` · score Pix ${e.score}`}
              </p>
              {e.description !== "" && <p className="fr-text--sm fr-mb-0 pl-pre-line">{e.description}</p>}
              {e.url && (
                <p className="fr-text--sm fr-mb-0">
                  <a
                    className="fr-link fr-text--sm"
                    href={e.url}
                    target="_blank"
                    rel="noopener noreferrer"
                    title={`${e.title} (${skillName}) – nouvelle fenêtre`}
                  >
                    Voir le justificatif ({linkHost(e.url)})
                  </a>
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
