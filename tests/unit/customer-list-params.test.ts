// Issue 13: the customer list's state lives in the URL. Whatever a link says, the
// list opens: bad values are dropped or clamped, never an error.
import { describe, expect, it } from "vitest";
import { customerListSearch, DEFAULT_LIST, isFiltered, parseCustomerListParams, TagInput, NoteInput } from "@/lib/validation/customers";
import { searchTerms } from "@/lib/customers/search-terms";

const parse = (qs: string) => parseCustomerListParams(new URLSearchParams(qs));

describe("parseCustomerListParams", () => {
  it("gives the defaults for an empty URL", () => {
    expect(parse("")).toEqual(DEFAULT_LIST);
    expect(DEFAULT_LIST).toEqual({ sort: "joined", dir: "desc", page: 1, size: 25 });
  });

  it("reads every field", () => {
    const id = "cmabc123def456ghi789";
    const p = parse(
      `q=Jos%C3%A9&program=${id}&source=POSTER&location=${id}&consent=yes&reward=no&lastVisitFrom=2026-01-01&lastVisitTo=2026-01-31` +
        `&joinedFrom=2025-06-01&joinedTo=2025-12-31&tag=VIP&sort=lastVisit&dir=asc&page=3&size=50`,
    );
    expect(p).toEqual({
      q: "José",
      program: id,
      source: "POSTER",
      location: id,
      consent: "yes",
      reward: "no",
      lastVisitFrom: "2026-01-01",
      lastVisitTo: "2026-01-31",
      joinedFrom: "2025-06-01",
      joinedTo: "2025-12-31",
      tag: "VIP",
      sort: "lastVisit",
      dir: "asc",
      page: 3,
      size: 50,
    });
  });

  it("drops what makes no sense, field by field", () => {
    expect(
      parse("q=%20%20&program='%3B%20DROP&source=MAGIC&location=x&consent=maybe&reward=1&lastVisitFrom=2026-02-30&joinedTo=yesterday&tag=&sort=evil&dir=up"),
    ).toEqual(DEFAULT_LIST);
  });

  it("clamps page and size", () => {
    expect(parse("page=-4")).toMatchObject({ page: 1 });
    expect(parse("page=0")).toMatchObject({ page: 1 });
    expect(parse("page=abc")).toMatchObject({ page: 1 });
    expect(parse("page=99999999")).toMatchObject({ page: 10_000 });
    expect(parse("page=2.7")).toMatchObject({ page: 2 });
    expect(parse("size=1")).toMatchObject({ size: 25 });
    expect(parse("size=30")).toMatchObject({ size: 50 });
    expect(parse("size=100000")).toMatchObject({ size: 100 });
    expect(parse("size=x")).toMatchObject({ size: 25 });
  });

  it("gives each sort its natural direction unless one is asked", () => {
    expect(parse("sort=name")).toMatchObject({ sort: "name", dir: "asc" });
    expect(parse("sort=name&dir=desc")).toMatchObject({ sort: "name", dir: "desc" });
    expect(parse("sort=lastVisit")).toMatchObject({ sort: "lastVisit", dir: "desc" });
  });

  it("turns a backwards date range around", () => {
    expect(parse("joinedFrom=2026-03-01&joinedTo=2026-01-01")).toMatchObject({ joinedFrom: "2026-01-01", joinedTo: "2026-03-01" });
  });

  it("tidies and bounds free text", () => {
    expect(parse("q=%20%20jan%20%20%20bakker%20").q).toBe("jan bakker");
    expect(parse(`q=${"a".repeat(500)}`).q).toHaveLength(100);
    expect(parse(`tag=${"b".repeat(500)}`).tag).toHaveLength(40);
  });

  it("takes the first of repeated values (Next's searchParams give arrays)", () => {
    expect(parseCustomerListParams({ consent: ["no", "yes"], page: ["2"], q: undefined })).toMatchObject({ consent: "no", page: 2 });
  });
});

describe("customerListSearch", () => {
  it("leaves defaults out and round-trips", () => {
    expect(customerListSearch(DEFAULT_LIST)).toBe("");
    const p = parse("q=jan&consent=yes&sort=name&page=4&size=50");
    expect(parse(customerListSearch(p))).toEqual(p);
  });

  it("goes back to page 1 when a filter or sort changes, not when the page does", () => {
    const p = parse("q=jan&page=4");
    expect(customerListSearch(p, { consent: "no" })).toBe("q=jan&consent=no");
    expect(customerListSearch(p, { sort: "name", dir: "desc" })).toBe("q=jan&sort=name&dir=desc");
    expect(customerListSearch(p, { page: 5 })).toBe("q=jan&page=5");
    expect(customerListSearch(p, { q: undefined })).toBe("");
  });

  it("knows whether anything is filtered", () => {
    expect(isFiltered(parse("sort=name&page=3"))).toBe(false);
    expect(isFiltered(parse("tag=VIP"))).toBe(true);
  });
});

describe("tag and note input", () => {
  it("tags are one tidy line of 1–40 characters", () => {
    expect(TagInput.parse("  Vaste   klant ")).toBe("Vaste klant");
    expect(TagInput.safeParse("   ").error?.issues[0].message).toBe("tagRequired");
    expect(TagInput.safeParse("x".repeat(41)).error?.issues[0].message).toBe("tooLong");
  });

  it("an empty note clears it", () => {
    expect(NoteInput.parse("  ")).toBeNull();
    expect(NoteInput.parse(" Havermelk\r\n")).toBe("Havermelk");
    expect(NoteInput.safeParse("x".repeat(2001)).error?.issues[0].message).toBe("tooLong");
  });
});

describe("searchTerms", () => {
  it("every word, longest first, wildcards escaped", () => {
    expect(searchTerms("Jan  Bakker")).toEqual({ words: ["%bakker%", "%jan%"], digits: null, serial: null });
    expect(searchTerms("50%_off\\")?.words).toEqual(["%50\\%\\_off\\\\%"]);
    expect(searchTerms("   ")).toBeNull();
    expect(searchTerms(undefined)).toBeNull();
  });

  it("one or two letters: the name starts with them", () => {
    expect(searchTerms("Jo")?.words).toEqual(["jo%"]);
    expect(searchTerms("jo de")?.words).toEqual(["jo%", "%de%"]);
  });

  it("phone numbers in any notation, without the national 0 or international 00", () => {
    expect(searchTerms("06-1234 5678")?.digits).toBe("%612345678%");
    expect(searchTerms("+31 6 1234")?.digits).toBe("%3161234%");
    expect(searchTerms("0031 6 1234")?.digits).toBe("%3161234%");
    expect(searchTerms("(020) 555")?.digits).toBe("%20555%");
    expect(searchTerms("06")?.digits).toBeNull();
    expect(searchTerms("jan 06")?.digits).toBeNull();
  });

  it("card numbers with or without dashes, any case; a plain name is not one", () => {
    expect(searchTerms("k7qm-2xhd-9p")?.serial).toBe("%K7QM2XHD9P%");
    expect(searchTerms("QM-2X")?.serial).toBe("%QM2X%");
    expect(searchTerms("2xhd")?.serial).toBe("%2XHD%");
    expect(searchTerms("emma")?.serial).toBeNull(); // could be one, but reads as a name
    expect(searchTerms("MXHDQP")?.serial).toBe("%MXHDQP%");
    expect(searchTerms("jose")?.serial).toBeNull(); // O is not in card numbers
    expect(searchTerms("K7Q")?.serial).toBeNull();
  });
});
