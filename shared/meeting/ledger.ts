import type { Sql } from "../db/sql/client.js";
import { usageLedger } from "../db/sql/schema.js";

/**
 * One LLM Gateway call in the usage ledger, under a key of its own beside the job's row
 * (`<jobId>/notes.v<n>`, `<jobId>/ask/<id>`): the ledger's unique job id makes a retried write
 * charge once, and budgets (jobs/quota.ts) count it with the transcript.
 */
export async function recordGatewayUsage(
  sql: Sql,
  row: {
    key: string;
    workspaceId: string | undefined;
    userId: string;
    costUsd: number;
    usage: { input_tokens: number; output_tokens: number };
    channelId?: string | undefined;
  },
): Promise<void> {
  if (!row.workspaceId) return;
  await sql.db
    .insert(usageLedger)
    .values({
      workspaceId: row.workspaceId,
      userId: row.userId,
      jobId: row.key,
      jobType: "transcription",
      costUsd: row.costUsd.toFixed(6),
      units: { llmInputTokens: row.usage.input_tokens, llmOutputTokens: row.usage.output_tokens },
      ...(row.channelId ? { channelId: row.channelId } : {}),
    })
    .onConflictDoNothing({ target: usageLedger.jobId });
}
