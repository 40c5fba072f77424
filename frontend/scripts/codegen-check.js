// codegen-check fails when src/gql/ differs from what `npm run codegen` would
// write now, i.e. when the schema or an operation changed without regenerating.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const committed = "src/gql";
const fresh = mkdtempSync(join(tmpdir(), "passerelles-codegen-"));
try {
  execFileSync("graphql-codegen", ["--config", "codegen.ts", "--silent"], {
    stdio: "inherit",
    env: { ...process.env, CODEGEN_OUT_DIR: fresh },
  });
  const names = new Set([...readdirSync(committed), ...readdirSync(fresh)]);
  const stale = [...names].filter((name) => {
    try {
      return readFileSync(join(committed, name), "utf8") !== readFileSync(join(fresh, name), "utf8");
    } catch {
      return true; // present on one side only
    }
  });
  if (stale.length > 0) {
    console.error(`codegen:check: ${stale.join(", ")} in ${committed}/ is stale; run \`npm run codegen\` and commit the result.`);
    process.exit(1);
  }
  console.log(`codegen:check: ${committed}/ is up to date.`);
} finally {
  rmSync(fresh, { recursive: true, force: true });
}
