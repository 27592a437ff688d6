import { type InputText, inputText } from "./locale/refusals.js";

/**
 * A refusal made before calling the API (a size, a LoRA or a trigger word that cannot be), in
 * each of the bots' languages; its message is the English one, which the CLI prints.
 */
export class CommandInputError extends Error {
  override name = "CommandInputError";
  constructor(readonly say: (t: InputText) => string) {
    super(say(inputText.en));
  }
}
