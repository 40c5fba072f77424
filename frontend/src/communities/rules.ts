// Rules of the community pages: the community form (the mirror of the domain's
// Community.Validate), who may create an event, and the words of memberships.
// Pure functions, unit-tested.
import { z } from "zod";
import type { AccessRole, MemberRole } from "../gql/graphql";
import { textProblem } from "../profile/forms";
import { paths } from "../paths";

/**
 * CODE_PATTERN mirrors the domain's codePattern (passerelles.ValidateCode): 1 to 40
 * letters, digits, dots, dashes, pluses or underscores, not starting with a sign.
 */
export const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,39}$/;

/** MAX_COMMUNITY_SKILLS is the domain's MaxCommunitySkills. */
export const MAX_COMMUNITY_SKILLS = 12;

/** MAX_ANIMATORS is the domain's MaxAnimators. */
export const MAX_ANIMATORS = 20;

/** countChars counts code points after NFC and trimming, as Go's ValidateText counts. */
function countChars(s: string): number {
  return [...s.normalize("NFC").trim()].length;
}

/**
 * communitySchema is the community form: code (only when creating), name,
 * description, skills. It mirrors Community.Validate: name required, 200
 * characters; description 4 000 characters, several lines; 12 skills.
 */
export const communitySchema = z
  .object({
    code: z.string(),
    name: z.string(),
    description: z.string(),
    skillIds: z.array(z.string()),
    creating: z.boolean(),
  })
  .superRefine((v, ctx) => {
    if (v.creating) {
      const code = v.code.trim();
      if (code === "") ctx.addIssue({ code: "custom", path: ["code"], message: "Le code de la communauté est obligatoire." });
      else if (!CODE_PATTERN.test(code))
        ctx.addIssue({
          code: "custom",
          path: ["code"],
          message: `Le code de la communauté « ${code.slice(0, 40)} » est invalide : 1 à 40 lettres, chiffres, points, tirets ou soulignés.`,
        });
    }
    const nameProblem = textProblem("Le nom de la communauté", v.name, { required: true });
    if (nameProblem) ctx.addIssue({ code: "custom", path: ["name"], message: nameProblem });
    else if (countChars(v.name) > 200)
      ctx.addIssue({ code: "custom", path: ["name"], message: "Le nom de la communauté dépasse 200 caractères." });
    const descriptionProblem = textProblem("La description de la communauté", v.description, { multiLine: true });
    if (descriptionProblem) ctx.addIssue({ code: "custom", path: ["description"], message: descriptionProblem });
    else if (countChars(v.description) > 4000)
      ctx.addIssue({ code: "custom", path: ["description"], message: "La description de la communauté dépasse 4 000 caractères." });
    if (v.skillIds.length > MAX_COMMUNITY_SKILLS)
      ctx.addIssue({
        code: "custom",
        path: ["skillIds"],
        message: `Une communauté développe au plus ${MAX_COMMUNITY_SKILLS} compétences.`,
      });
  });

/** CommunityDraft is what the community form holds. */
export type CommunityDraft = z.infer<typeof communitySchema>;

/**
 * canCreateEvent mirrors passerelles.CanManageEvents: a community's animators
 * and administrators manage its events (the server decides again).
 */
export function canCreateEvent(accessRoles: readonly AccessRole[], viewerRole: MemberRole | null | undefined): boolean {
  return accessRoles.includes("ADMIN") || viewerRole === "ANIMATOR";
}

/** roleLabel names the viewer's place in a community. */
export function roleLabel(viewerRole: MemberRole | null | undefined): string {
  switch (viewerRole) {
    case "ANIMATOR":
      return "Vous animez cette communauté";
    case "MEMBER":
      return "Vous êtes membre";
    default:
      return "Vous n’êtes pas membre";
  }
}

/**
 * eventPaths are the event pages of the events part of the SPA (src/events):
 * the calendar files name /evenements/{id} as an event's address
 * (api.EventPagePath).
 */
export const eventPaths = {
  events: paths.events,
  event: paths.event,
  newEvent: (communityCode: string) => paths.newEvent(communityCode),
} as const;

/** quoted puts a name between French quotation marks, with non-breaking spaces. */
export function quoted(name: string): string {
  return `«\u00a0${name}\u00a0»`;
}
