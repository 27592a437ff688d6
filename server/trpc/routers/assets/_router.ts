import { authedProcedure, router } from "../../init.js";
import { downloadUrlHandler } from "./download-url.handler.js";
import { listAssetsHandler } from "./list.handler.js";
import { downloadUrlInput, listAssetsInput, searchAssetsInput, statsInput, uploadUrlInput } from "./schemas.js";
import { searchAssetsHandler } from "./search.handler.js";
import { statsHandler } from "./stats.handler.js";
import { uploadUrlHandler } from "./upload-url.handler.js";

export const assetsRouter = router({
  list: authedProcedure.input(listAssetsInput).query(listAssetsHandler),
  search: authedProcedure.input(searchAssetsInput).query(searchAssetsHandler),
  stats: authedProcedure.input(statsInput).query(statsHandler),
  downloadUrl: authedProcedure.input(downloadUrlInput).query(downloadUrlHandler),
  uploadUrl: authedProcedure.input(uploadUrlInput).mutation(uploadUrlHandler),
});
