import { authedProcedure, router } from "../../init.js";
import { searchTranscriptsInput } from "./schemas.js";
import { searchTranscriptsHandler } from "./search.handler.js";

export const transcriptsRouter = router({
  search: authedProcedure.input(searchTranscriptsInput).query(searchTranscriptsHandler),
});
