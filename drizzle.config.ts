import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: ["./shared/db/sql/schema.ts", "./shared/db/sql/organize-schema.ts"],
  out: "./shared/db/sql/migrations",
});
