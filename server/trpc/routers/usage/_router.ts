import { authedProcedure, router } from "../../init.js";
import { usageHandler } from "./get.handler.js";
import { usageInput } from "./get.schema.js";

export const usageRouter = router({
  get: authedProcedure.input(usageInput).query(usageHandler),
});
