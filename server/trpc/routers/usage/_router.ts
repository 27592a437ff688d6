import { authedProcedure, router } from "../../init.js";
import { usageHandler } from "./get.handler.js";
import { usageInput } from "./get.schema.js";
import { usageHistoryHandler } from "./history.handler.js";
import { usageHistoryInput } from "./history.schema.js";

export const usageRouter = router({
  get: authedProcedure.input(usageInput).query(usageHandler),
  history: authedProcedure.input(usageHistoryInput).query(usageHistoryHandler),
});
