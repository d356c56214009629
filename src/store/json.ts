/** JSON columns are text in every dialect; they are read back with src/store/json-columns.ts. */
export function toJson(value: unknown): string {
  return JSON.stringify(value);
}
