// The rules of a manager's validation form, as a zod schema over what the form
// holds: they mirror the store's (sqlite ValidateSkill: the comment is a
// multi-line text of MAX_VALIDATION_COMMENT characters, required when the
// validated level differs from the declared one). The server checks again.
import { z } from "zod";
import { textProblem } from "./forms";
import { storedText } from "./evidence";

/** MAX_VALIDATION_COMMENT is passerelles.MaxValidationComment. */
export const MAX_VALIDATION_COMMENT = 500;

/** validationSchema checks the form that validates a skill declared at declaredLevel. */
export function validationSchema(declaredLevel: number) {
  return z
    .object({ level: z.string(), comment: z.string() })
    .superRefine((v, ctx) => {
      const problem = textProblem("Le commentaire", v.comment, { multiLine: true });
      const comment = storedText(v.comment, true);
      const message =
        problem ??
        ([...comment].length > MAX_VALIDATION_COMMENT
          ? `Le commentaire compte ${MAX_VALIDATION_COMMENT} caractères au plus.`
          : Number(v.level) !== declaredLevel && comment === ""
            ? "Expliquez pourquoi vous validez un autre niveau."
            : undefined);
      if (message) ctx.addIssue({ code: "custom", message, path: ["comment"] });
    });
}

/** ValidationDraft is the validation form's values. */
export type ValidationDraft = z.input<ReturnType<typeof validationSchema>>;
