import { authedProcedure, router } from "../../init.js";
import { usageHandler } from "./get.handler.js";
import { usageHistoryInput, usageInput } from "../../../../shared/usage/input.js";
import { usageHistoryHandler } from "./history.handler.js";

export const usageRouter = router({
  get: authedProcedure.input(usageInput).query(usageHandler),
  history: authedProcedure.input(usageHistoryInput).query(usageHistoryHandler),
});
