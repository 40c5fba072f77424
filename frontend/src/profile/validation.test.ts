// @vitest-environment node
import { describe, expect, it } from "vitest";
import { validationSchema } from "./validation";

describe("validationSchema", () => {
  const cases = [
    { name: "SameLevelNoComment", level: "3", comment: "", want: undefined },
    { name: "OtherLevelWithComment", level: "2", comment: "Pratique encore récente.", want: undefined },
    { name: "OtherLevelNoComment", level: "2", comment: "", want: "Expliquez pourquoi vous validez un autre niveau." },
    { name: "OtherLevelBlankComment", level: "2", comment: " \n\u00a0", want: "Expliquez pourquoi vous validez un autre niveau." },
    { name: "CommentOnSeveralLines", level: "3", comment: "Ligne 1\r\nLigne 2", want: undefined },
    { name: "CommentTooLong", level: "3", comment: "é".repeat(501), want: "Le commentaire compte 500 caractères au plus." },
    {
      name: "CommentBidi",
      level: "2",
      comment: "ok\u202e",
      want: "Le commentaire contient un caractère invisible qui peut inverser l’ordre d’affichage du texte (3e caractère) : retirez-le.",
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const result = validationSchema(3).safeParse({ level: c.level, comment: c.comment });
      expect(result.error?.issues.find((i) => i.path.join(".") === "comment")?.message).toBe(c.want);
    });
  }
});
