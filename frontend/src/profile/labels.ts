// French labels of the profile enums.
import type { EvidenceKind, SkillChange, ValidationStatus, Visibility, RoleFamily } from "../gql/graphql";

export const VISIBILITY_LABELS: Record<Visibility, string> = {
  PRIVATE: "Moi uniquement",
  MANAGERS: "Les managers et administrateurs",
  ALL_AGENTS: "Tous les agents connectés",
};

export const VISIBILITY_HINTS: Record<Visibility, string> = {
  PRIVATE: "Personne d’autre ne voit votre profil : vos compétences ne servent qu’à vous.",
  MANAGERS: "Les managers et les administrateurs peuvent consulter votre profil, et les managers valider vos niveaux ; chaque consultation est inscrite dans « Mes données ».",
  ALL_AGENTS: "Tout agent connecté peut voir votre profil et recommander vos compétences.",
};

export const VALIDATION_LABELS: Record<ValidationStatus, string> = {
  NOT_VALIDATED: "Non validé",
  VALIDATED: "Validé",
  VALIDATED_LOWER: "Validé à un niveau inférieur",
  ABOVE_VALIDATED: "Au-dessus du niveau validé",
};

export const VALIDATION_SEVERITY: Record<ValidationStatus, "info" | "success" | "warning" | "new"> = {
  NOT_VALIDATED: "info",
  VALIDATED: "success",
  VALIDATED_LOWER: "warning",
  ABOVE_VALIDATED: "new",
};

export const EVIDENCE_KIND_LABELS: Record<EvidenceKind, string> = {
  CERTIFICATION: "Certification",
  EXPERIENCE: "Expérience professionnelle",
  TRAINING: "Formation",
};

export const CHANGE_LABELS: Record<SkillChange, string> = {
  DECLARED: "Déclaration",
  UPDATED: "Modification",
  VALIDATED: "Validation par un manager",
  REMOVED: "Retrait",
};

export const FAMILY_LABELS: Record<RoleFamily, string> = {
  BUSINESS: "Métiers administratifs",
  DIGITAL: "Métiers du numérique",
};
