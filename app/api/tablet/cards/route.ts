import { withTablet } from "@/lib/http/principals";
import { ok } from "@/lib/http/result";
import { findCards } from "@/lib/stamping/find-cards";

export const GET = withTablet(async (req, p) => ok({ cards: await findCards(p, { q: req.query.get("q") ?? "" }) }));
