import { createServer } from "node:net";
import path from "node:path";
import { type Config, DATABASE_RECORD } from "../shared/config.js";
import { databaseNameOf, ensureDatabase } from "../shared/db/sql/ensure-database.js";
import { freePort } from "./child-process.js";
import { holdDataFolder } from "./data-folder-lock.js";
import { claimPort } from "./port-claims.js";
import { localPorts } from "./ports.js";

/** Whether the web process could listen on `port` as it does (every interface). */
function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen({ port, host: "0.0.0.0", exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

/**
 * What `npm start` settles before it starts anything, so that stacks of two data folders run
 * side by side: its PostgreSQL database, made when missing (DATABASE_URL's, or the data
 * folder's own), and, with PORT unset and 3000 taken (another stack, most likely), a free port
 * instead, said in one line with the URL. The embedded servers and the emulators pick free
 * ports on their own.
 */
export async function prepareLocalStart(config: Config, log: (msg: string) => void): Promise<Config> {
  if (config.env !== "production") await holdDataFolder(path.resolve(config.dataDir));
  const name = databaseNameOf(config.databaseUrl);
  const fromDataDir = config.databaseFrom === "DATA_DIR";
  const created = await ensureDatabase(config.databaseUrl, { label: fromDataDir ? `the data folder's database` : "DATABASE_URL" });
  const where = fromDataDir ? `, named in ${path.resolve(config.dataDir, DATABASE_RECORD)}` : "";
  log(`PostgreSQL database ${name} (${created ? "created" : "found"}${where})`);
  if (config.portSet || ((await claimPort(config.port)) && (await canListen(config.port)))) return config;
  // The port this folder's stack took last time, when it is free again, so its links keep working.
  const last = localPorts(config.dataDir).web;
  const port = last && last !== config.port && (await claimPort(last)) && (await canListen(last)) ? last : await freePort();
  const url = `http://127.0.0.1:${port}`;
  log(
    `port ${config.port} is taken (another stack?): this one listens on ${url} (the CLI run with this data folder finds it); set PORT to choose`,
  );
  const apiUrl = config.cli.apiUrl === `http://127.0.0.1:${config.port}` ? url : config.cli.apiUrl;
  return { ...config, port, cli: { ...config.cli, apiUrl }, chat: { ...config.chat, apiUrl } };
}
