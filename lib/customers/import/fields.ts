// What a customer import can fill in, and the first guess of which column of the
// merchant's file holds it (Dutch and English headers). Pure: the wizard in the
// browser and the server use the same functions.

export const IMPORT_FIELDS = ["name", "email", "phone", "birthday", "stamps", "rewards", "joinedAt", "consent", "externalId"] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Our field → the index of the file's column that holds it (unmapped fields are absent). */
export type Mapping = Partial<Record<ImportField, number>>;

/** Headers as people write them, lower case without accents, spaces or punctuation. */
const ALIASES: Record<ImportField, string[]> = {
  name: ["naam", "volledigenaam", "klantnaam", "klant", "name", "fullname", "customername", "customer", "voornaam", "firstname"],
  email: ["email", "emailadres", "mail", "emailaddress"],
  phone: ["telefoon", "telefoonnummer", "tel", "mobiel", "mobielnummer", "gsm", "phone", "phonenumber", "mobile", "mobilenumber", "telephone"],
  birthday: ["geboortedatum", "verjaardag", "geboortedag", "birthday", "dateofbirth", "birthdate", "dob"],
  stamps: ["stempels", "aantalstempels", "huidigestempels", "stamps", "currentstamps", "stampcount", "points", "punten"],
  rewards: ["beloningen", "beloning", "openbeloningen", "beloningenklaar", "rewards", "rewardswaiting", "rewardsavailable", "reward"],
  joinedAt: [
    "klantsinds",
    "lidsinds",
    "aangemeld",
    "aanmelddatum",
    "inschrijfdatum",
    "joined",
    "joinedat",
    "joindate",
    "customersince",
    "membersince",
    "signupdate",
    "createdat",
  ],
  consent: ["toestemming", "marketingtoestemming", "nieuwsbrief", "consent", "marketingconsent", "optin", "newsletter", "marketing"],
  externalId: ["klantnummer", "klantnr", "klantid", "nummer", "id", "customerid", "customernumber", "externalid", "memberid", "lidnummer"],
};

/** "E-mail adres " → "emailadres", "Geboortedatum" → "geboortedatum", "Klant sinds" → "klantsinds". */
export function normalizeHeader(header: string): string {
  return header
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

/**
 * The first guess: each field takes the first column whose header is one of its
 * aliases (earlier aliases win, so "Naam" beats "Voornaam"), and a column goes
 * to one field at most.
 */
export function guessMapping(headers: readonly string[]): Mapping {
  const normalized = headers.map(normalizeHeader);
  const taken = new Set<number>();
  const mapping: Mapping = {};
  for (const field of IMPORT_FIELDS) {
    for (const alias of ALIASES[field]) {
      const column = normalized.findIndex((h, i) => h === alias && !taken.has(i));
      if (column >= 0) {
        mapping[field] = column;
        taken.add(column);
        break;
      }
    }
  }
  return mapping;
}
