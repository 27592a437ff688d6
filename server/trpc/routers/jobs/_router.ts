import { createJobInput, jobIdInput, rerunJobInput, retrainJobInput } from "../../../../shared/jobs/input.js";
import { askJobInput, renameSpeakersInput, translateJobInput } from "../../../../shared/jobs/transcript-inputs.js";
import { authedProcedure, router } from "../../init.js";
import { cancelHandler } from "./cancel.handler.js";
import { createHandler } from "./create.handler.js";
import { deleteHandler } from "./delete.handler.js";
import { getHandler } from "./get.handler.js";
import { listHandler } from "./list.handler.js";
import { listJobsInput } from "./list.schema.js";
import { askHandler, regenerateNotesHandler } from "./meeting.handler.js";
import { renameSpeakersHandler } from "./rename-speakers.handler.js";
import { rerunHandler } from "./rerun.handler.js";
import { retrainHandler } from "./retrain.handler.js";
import { shareHandler } from "./share.handler.js";
import { translateHandler } from "./translate.handler.js";
import { watchHandler } from "./watch.handler.js";

/** Thin procedures over the jobs domain (`jobs/`): parse, call, return. */
export const jobsRouter = router({
  create: authedProcedure.input(createJobInput).mutation(createHandler),
  get: authedProcedure.input(jobIdInput).query(getHandler),
  list: authedProcedure.input(listJobsInput).query(listHandler),
  cancel: authedProcedure.input(jobIdInput).mutation(cancelHandler),
  rerun: authedProcedure.input(rerunJobInput).mutation(rerunHandler),
  retrain: authedProcedure.input(retrainJobInput).mutation(retrainHandler),
  delete: authedProcedure.input(jobIdInput).mutation(deleteHandler),
  share: authedProcedure.input(jobIdInput).mutation(shareHandler),
  translate: authedProcedure.input(translateJobInput).mutation(translateHandler),
  renameSpeakers: authedProcedure.input(renameSpeakersInput).mutation(renameSpeakersHandler),
  watch: authedProcedure.input(jobIdInput).subscription(watchHandler),
  ask: authedProcedure.input(askJobInput).mutation(askHandler),
  regenerateNotes: authedProcedure.input(jobIdInput).mutation(regenerateNotesHandler),
});
