/** Every row of some tables of a SQLite file, as one string: equal before and after shows that nothing was written. */
import Database from 'better-sqlite3';

export function tableRows(file: string, tables: readonly string[]): string {
  const db = new Database(file, { readonly: true });
  try {
    return JSON.stringify(tables.map((t) => db.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).all()));
  } finally {
    db.close();
  }
}

/** Every row of every table of a SQLite file, as one string. */
export function allTableRows(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string }[];
    return JSON.stringify(tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}"`).all()]));
  } finally {
    db.close();
  }
}
