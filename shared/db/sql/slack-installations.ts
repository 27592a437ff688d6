import { and, eq, lt, sql } from "drizzle-orm";
import { open, seal } from "../../crypto/sealed.js";
import type { SqlDb } from "./client.js";
import { slackInstallations } from "./schema.js";

export interface SlackInstallationInput {
  teamId: string;
  teamName?: string | undefined;
  enterpriseId?: string | undefined;
  appId?: string | undefined;
  botId?: string | undefined;
  botUserId?: string | undefined;
  botToken: string;
  botScopes: string[];
  installerUserId?: string | undefined;
}

export type SlackInstallation =
  | {
      state: "installed";
      teamId: string;
      botToken: string;
      botId: string | null;
      botUserId: string | null;
      botScopes: string[];
      appId: string | null;
      enterpriseId: string | null;
      teamName: string | null;
      installerUserId: string | null;
    }
  | { state: "uninstalled"; teamId: string; at: Date };

/** The team id binds the sealed token to its row: a token copied into another team's row does not open. */
const sealContext = (teamId: string) => `slack-bot-token:${teamId}`;

/** Records an install (or a reinstall, which replaces the token and scopes and undoes an uninstall). */
export async function saveSlackInstallation(db: SqlDb, key: Buffer, i: SlackInstallationInput): Promise<void> {
  const values = {
    teamName: i.teamName ?? null,
    enterpriseId: i.enterpriseId ?? null,
    appId: i.appId ?? null,
    botId: i.botId ?? null,
    botUserId: i.botUserId ?? null,
    botTokenSealed: seal(key, i.botToken, sealContext(i.teamId)),
    botScopes: i.botScopes,
    installerUserId: i.installerUserId ?? null,
  };
  await db
    .insert(slackInstallations)
    .values({ teamId: i.teamId, ...values })
    .onConflictDoUpdate({
      target: slackInstallations.teamId,
      set: { ...values, installedAt: sql`now()`, uninstalledAt: null, updatedAt: sql`now()` },
    });
}

/** The team's installation with its token opened; undefined when the app was never installed there. */
export async function findSlackInstallation(db: SqlDb, key: Buffer, teamId: string): Promise<SlackInstallation | undefined> {
  const [row] = await db.select().from(slackInstallations).where(eq(slackInstallations.teamId, teamId));
  if (!row) return undefined;
  if (!row.botTokenSealed) return { state: "uninstalled", teamId, at: row.uninstalledAt ?? row.updatedAt };
  return {
    state: "installed",
    teamId,
    botToken: open(key, row.botTokenSealed, sealContext(teamId)),
    botId: row.botId,
    botUserId: row.botUserId,
    botScopes: row.botScopes,
    appId: row.appId,
    enterpriseId: row.enterpriseId,
    teamName: row.teamName,
    installerUserId: row.installerUserId,
  };
}

/**
 * Forgets the team's token (Slack revoked it): deliveries to the team stop, saying why. `at` is
 * when Slack says it happened: an event Slack retries after the app was installed again does not
 * undo that install. False when there was no installation from before then.
 */
export async function markSlackUninstalled(db: SqlDb, teamId: string, at = new Date()): Promise<boolean> {
  const rows = await db
    .update(slackInstallations)
    .set({ botTokenSealed: null, uninstalledAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(slackInstallations.teamId, teamId), lt(slackInstallations.installedAt, at)))
    .returning({ teamId: slackInstallations.teamId });
  return rows.length === 1;
}
