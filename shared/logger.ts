import { pino, type Logger } from "pino";
import type { Config } from "./config.js";

export type { Logger };

/**
 * Keys whose values never reach a log line, wherever they appear in a logged object:
 * credentials, tokens, and presigned URLs (their query string is a bearer credential).
 */
const secretKeys = [
  "authorization",
  "cookie",
  "password",
  "secret",
  "secretAccessKey",
  "accessKeyId",
  "apiKey",
  "token",
  "falKey",
  "assemblyAiKey",
  "botToken",
  "signingSecret",
  "signedUrl",
  "presignedUrl",
];

export const redactPaths = [
  ...secretKeys,
  ...secretKeys.map((k) => `*.${k}`),
  ...secretKeys.map((k) => `*.*.${k}`),
  'req.headers["x-slack-signature"]',
  'req.headers["x-api-key"]',
];

export function createLogger(config: Pick<Config, "env" | "logLevel">, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level: config.logLevel,
    redact: { paths: redactPaths, censor: "[redacted]" },
    base: { service: "content-generation" },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  if (destination) return pino(options, destination);
  if (config.env === "development") {
    // The transport's own thread sees no terminal, so whether ours is one is decided here: colours
    // for a person at a terminal, plain text in a file or a pipe.
    const colorize = process.stdout.isTTY === true;
    return pino({ ...options, transport: { target: "pino-pretty", options: { colorize, ignore: "pid,hostname,service" } } });
  }
  return pino(options);
}
