import { localPorts } from "../infra/ports.js";
import type { Config } from "../shared/config.js";

/**
 * Where the CLI reaches the API: API_URL (or PORT) when set; otherwise the port the data
 * folder's own `npm start` took, which is not 3000 when another stack held it first.
 */
export function apiUrlOf(config: Config): string {
  const derived = !config.portSet && config.cli.apiUrl === `http://127.0.0.1:${config.port}`;
  const noted = derived ? localPorts(config.dataDir).web : undefined;
  return noted ? `http://127.0.0.1:${noted}` : config.cli.apiUrl;
}
