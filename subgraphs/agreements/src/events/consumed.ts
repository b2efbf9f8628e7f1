/** Agreements applies no events: it is the source of institution facts. */
export type AgreementsReads = Record<never, never>;
