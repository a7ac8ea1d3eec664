// The first save of a new card moves from /dashboard/cards/new to the card's own
// page, a new page whose form has no message yet: the URL carries the
// confirmation across (?saved=1) and the card page shows it (issue 12 §5).
export const SAVED_PARAM = "saved";

/** Where the designer goes after creating a card. */
export const firstSaveUrl = (programId: string) => `/dashboard/cards/${programId}?${SAVED_PARAM}=1`;

/** Whether the card page was opened by a first save. */
export const openedByFirstSave = (searchParams: Record<string, string | string[] | undefined>) => searchParams[SAVED_PARAM] === "1";
