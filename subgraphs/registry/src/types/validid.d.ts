// validid ships type files that only re-export its JavaScript; this declares the one function we use.
declare module 'validid/cnid' {
  export function validateCnid(id: string): { ok: boolean; status: { code: number; text: string } };
}
