import { defineConfig } from "drizzle-kit";

/** PostgreSQL's migrations, generated from its twin schema (`npm run db:generate` runs both configs). */
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/store/schema-pg.ts",
  out: "./db/migrations-pg",
});
