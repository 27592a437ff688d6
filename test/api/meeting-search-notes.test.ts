import { describe, expect, it } from "vitest";
import type { MeetingHit } from "../../jobs/search-meetings.js";
import { indexNotes } from "../../shared/meeting-search/index-transcript.js";
import type { NotesFile } from "../../shared/meeting/notes-schema.js";
import { type TestApi, startTestApi } from "../helpers/api.js";
import { dataOf, trpcCall } from "../helpers/http.js";
import { storedMeeting } from "../helpers/stored-meetings.js";
import { useFixture } from "../helpers/use-fixture.js";

type Hit = MeetingHit;

/**
 * transcripts.search over a meeting's notes as well as its transcript (a hit says which), and with
 * the names the team gave the speakers instead of AssemblyAI's labels.
 */
describe("search across meetings: notes and named speakers", () => {
  const api = useFixture<TestApi>(() => startTestApi());
  const search = async (key: string, query: string) =>
    dataOf<{ hits: Hit[] }>(await trpcCall(api.app, key, "transcripts.search", { query }, "query")).hits;

  it("finds what the notes say, as a hit from notes.md at the moment the notes point to, and shows the speakers' names", async () => {
    const alice = await api.member("notesco", "alice");
    const meeting = await storedMeeting(
      api,
      alice,
      [
        ["A", "Welcome to the roadmap review."],
        ["B", "I will send the lighthouse budget on friday."],
      ],
      { fileName: "roadmap.wav" },
    );
    const job = await api.deps.jobs.get(meeting.jobId);
    if (!job) throw new Error("the stored meeting is missing");
    const before = await search(alice.key, "lighthouse budget");
    expect(before.map((h) => [h.source, h.speaker, h.speakerName])).toEqual([["transcript", "B", null]]);

    const quote = { text: "I will send the lighthouse budget on friday.", speaker: "B", start: 2000, end: 5200 };
    const notes: NotesFile = {
      revision: 1,
      promptVersion: "notes.v1",
      model: "claude-haiku-4-5-20251001",
      createdAt: new Date().toISOString(),
      summary: "The team reviewed the roadmap and its cartography spend.",
      actionItems: [{ text: "Send the lighthouse budget", owner: "B", quote }],
      decisions: [],
      chapters: [{ start: 0, end: 5200, title: "Roadmap review", summary: "Cartography spend and who sends it." }],
      droppedQuotes: 0,
    };
    expect(await indexNotes(api.deps.jobs, job, notes)).toBe(3);

    // A word only the notes hold: hits from notes.md, the summary at 0 and the chapter over its span.
    const onlyNotes = await search(alice.key, "cartography");
    expect(onlyNotes.map((h) => [h.fileName, h.source, h.start])).toEqual([
      ["notes.md", "notes", 0],
      ["notes.md", "notes", 0],
    ]);
    // Named: hits in both sources show the name, and keep the label.
    expect(
      (await trpcCall(api.app, alice.key, "jobs.renameSpeakers", { jobId: meeting.jobId, names: { B: "Bea Lind" } }, "mutation")).status,
    ).toBe(200);
    const both = await search(alice.key, "lighthouse budget");
    // A meeting's hits in passage order: its notes, then its transcript.
    expect(both.map((h) => [h.source, h.speaker, h.speakerName, h.start])).toEqual([
      ["notes", "B", "Bea Lind", quote.start],
      ["transcript", "B", "Bea Lind", quote.start],
    ]);
    expect(both[0]?.quote).toContain("Send the lighthouse budget");

    // Regenerated notes replace the source as a whole: the old item is no longer found in them.
    expect(await indexNotes(api.deps.jobs, job, { ...notes, revision: 2, actionItems: [], chapters: [] })).toBe(1);
    expect((await search(alice.key, "lighthouse budget")).map((h) => h.source)).toEqual(["transcript"]);

    // The gallery's meetings page shows the name, not "Speaker B".
    const link = new URL(dataOf<{ url: string }>(await trpcCall(api.app, alice.key, "gallery.signInLink", undefined, "mutation")).url);
    const redeemed = await api.app.request("/app/sign-in", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token: link.searchParams.get("token") ?? "" }).toString(),
    });
    const cookie = (redeemed.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const page = await (await api.app.request(`/app/meetings?q=lighthouse`, { headers: { cookie } })).text();
    expect(page).toContain('<span class="speaker">Bea Lind</span>');
  });
});
