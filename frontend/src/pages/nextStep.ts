import { paths } from "../paths";

/** NextStep is what the home page proposes to a signed-in person: a sentence and one or two links. */
export type NextStep = {
  title: string;
  text: string;
  links: { label: string; href: string }[];
};

/**
 * nextStep returns the step a signed-in person is at: completing their
 * profile (onboarding not done), declaring a first skill, then using their
 * skills and space. declaredSkills is null while it is not known yet.
 */
export function nextStep(onboarded: boolean, declaredSkills: number | null): NextStep | null {
  if (!onboarded) {
    return {
      title: "Complétez votre profil",
      text: "Indiquez votre organisation et votre métier, et choisissez qui peut voir votre profil.",
      links: [{ label: "Compléter mon profil", href: paths.onboarding }],
    };
  }
  if (declaredSkills === null) return null;
  if (declaredSkills === 0) {
    return {
      title: "Déclarez vos compétences",
      text: "Vous n’avez encore déclaré aucune compétence : choisissez-les dans les référentiels Pix et e-CF.",
      links: [{ label: "Déclarer mes compétences", href: paths.mySkills }],
    };
  }
  return {
    title: "Votre profil est prêt",
    text: `Vous avez déclaré ${declaredSkills === 1 ? "une compétence" : `${declaredSkills} compétences`}. Tenez-les à jour, et retrouvez votre profil et vos données dans votre espace.`,
    links: [
      { label: "Mes compétences", href: paths.mySkills },
      { label: "Mon espace", href: paths.mySpace },
    ],
  };
}
