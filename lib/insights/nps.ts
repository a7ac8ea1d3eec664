// How an NPS is shown (pure: the server panel and the client chart both use it).

/** Whole points, halves away from zero (−12.5 → −13, like PostgreSQL's round and the usual NPS convention: Math.round gives −12). */
export const roundNps = (nps: number) => Math.sign(nps) * Math.round(Math.abs(nps)) || 0;
