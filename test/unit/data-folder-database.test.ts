import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DATABASE_RECORD, dataFolderDatabase, loadConfig } from "../../shared/config.js";

describe("the data folder's PostgreSQL database, when DATABASE_URL is unset", () => {
  const root = mkdtempSync(path.join(tmpdir(), "cg-dbname-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const folder = (...parts: string[]) => {
    const dir = path.join(root, ...parts);
    mkdirSync(dir, { recursive: true });
    return dir;
  };

  it("is named after the folder and a hash of its absolute path, the same at every start, another for another folder", () => {
    const a = folder("checkout-a", ".data");
    const b = folder("checkout-b", ".data");
    const name = dataFolderDatabase(a);
    expect(name).toMatch(/^cg_checkout_a_data_[0-9a-f]{8}$/);
    expect(dataFolderDatabase(a)).toBe(name);
    expect(loadConfig({ DATA_DIR: a }).databaseUrl).toBe(`postgres://postgres@127.0.0.1:5432/${name}`);
    expect(dataFolderDatabase(b)).toMatch(/^cg_checkout_b_data_[0-9a-f]{8}$/);
    // The same folder name elsewhere differs by its hash.
    const elsewhere = folder("other", "checkout-a", ".data");
    expect(dataFolderDatabase(elsewhere)).not.toBe(name);
    expect(dataFolderDatabase(elsewhere)).toMatch(/^cg_checkout_a_data_[0-9a-f]{8}$/);
  });

  it("is recorded in the folder the first time, so a moved folder keeps its database", () => {
    const dir = folder("moving", ".data");
    const name = dataFolderDatabase(dir);
    const record = path.join(dir, DATABASE_RECORD);
    expect(readFileSync(record, "utf8")).toBe(`${name}\n`);
    expect(statSync(record).mode & 0o777).toBe(0o600);
    const moved = path.join(root, "moved");
    renameSync(path.dirname(dir), moved);
    expect(dataFolderDatabase(path.join(moved, ".data"))).toBe(name);
  });

  it("fits PostgreSQL's 63 bytes with `_docs` appended, however long the folder's name", () => {
    const dir = folder("a".repeat(80), "Ünïcode data folder!");
    const name = dataFolderDatabase(dir);
    expect(name).toMatch(new RegExp(`^cg_${"a".repeat(46)}_[0-9a-f]{8}$`));
    expect(Buffer.byteLength(`${name}_docs`)).toBe(63);
    expect(dataFolderDatabase(folder("Ünïcode data folder!"))).toMatch(/^cg_cg_dbname_\w+_n_code_data_folder_[0-9a-f]{8}$/);
  });

  it("stays `postgres` for a folder an earlier version's npm start used, where its jobs and keys are", () => {
    for (const mark of ["ferretdb", "s3", "emulators"]) {
      const dir = folder(`earlier-${mark}`, ".data");
      mkdirSync(path.join(dir, mark));
      expect(dataFolderDatabase(dir), mark).toBe("postgres");
      expect(readFileSync(path.join(dir, DATABASE_RECORD), "utf8")).toBe("postgres\n");
    }
    // Once recorded, the servers' folders this version makes later change nothing.
    const fresh = folder("fresh", ".data");
    const name = dataFolderDatabase(fresh);
    mkdirSync(path.join(fresh, "s3"));
    expect(dataFolderDatabase(fresh)).toBe(name);
  });

  it("is neither made nor recorded when DATABASE_URL is set", () => {
    const dir = folder("explicit", ".data");
    const c = loadConfig({ DATA_DIR: dir, DATABASE_URL: "postgres://u@db.example/mine" });
    expect(c).toMatchObject({ databaseUrl: "postgres://u@db.example/mine", databaseFrom: "DATABASE_URL" });
    expect(() => statSync(path.join(dir, DATABASE_RECORD))).toThrow(/ENOENT/);
  });

  it("a record that names no database is one line naming the file", () => {
    const dir = folder("broken", ".data");
    writeFileSync(path.join(dir, DATABASE_RECORD), "a; drop table x\n");
    expect(() => loadConfig({ DATA_DIR: dir })).toThrow(/database-name must hold a PostgreSQL database name \(got "a; drop table x"\)$/);
  });
});
