export const SCALE_DATABASE = 'payment_qualification_scale';

/** One size of the province in a database of its own (`seed:scale -- --sized`), for the benchmark's comparison across sizes. */
export const sizedScaleDatabase = (persons: number) => `${SCALE_DATABASE}_${persons}`;
