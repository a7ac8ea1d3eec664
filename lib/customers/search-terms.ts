// What the customer list's search box means, as LIKE patterns for the database's
// search function (customer_search_ids, migration 20261125231000_customer_search):
//  - words: every word must appear in the name, email or phone digits, in any
//    order, case and accents ignored (the database folds accents, so "Jose"
//    finds "José"); the longest word goes first, it is the one the trigram index
//    looks up. One or two letters alone mean "name starts with".
//  - digits: a phone number or part of one, in any notation ("06-1234",
//    "+31 6 1234"); phones are stored as +31…, so a leading 0 or 00 is dropped.
//  - serial: part of a card number, with or without dashes, any case.
import { SERIAL_ALPHABET } from "@/lib/validation/serial";

export type SearchTerms = { words: string[]; digits: string | null; serial: string | null };

const MAX_WORDS = 5;
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const SERIAL_CHARS = new RegExp(`^[${SERIAL_ALPHABET}]+$`);

export function searchTerms(q: string | undefined): SearchTerms | null {
  const text = (q ?? "").normalize("NFC").trim().toLowerCase();
  if (!text) return null;
  const unique = [...new Set(text.split(/\s+/))].slice(0, MAX_WORDS).sort((a, b) => b.length - a.length);
  const words = unique.map((w) => `%${likeEscape(w)}%`);
  // Too short for a trigram anywhere: the first word starts the name instead.
  if (unique[0].length < 3) words[0] = `${likeEscape(unique[0])}%`;

  let digits: string | null = null;
  if (/^[\d\s+\-().\/]+$/.test(text)) {
    let d = text.replace(/\D/g, "");
    if (d.startsWith("00")) d = d.slice(2);
    else if (d.startsWith("0")) d = d.slice(1);
    if (d.length >= 3) digits = `%${d}%`;
  }

  // A card number fragment: 4+ of its characters, with a digit, or 6+ without a
  // space (so that "Emma" or "Jan Bakker" do not also find a card whose number
  // happens to hold those letters).
  const key = text.toUpperCase().replace(/[\s-]+/g, "");
  const likeSerial = /\d/.test(text) || (!/\s/.test(text) && key.length >= 6);
  const serial = key.length >= 4 && key.length <= 10 && SERIAL_CHARS.test(key) && likeSerial ? `%${key}%` : null;

  return { words, digits, serial };
}
