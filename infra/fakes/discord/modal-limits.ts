/**
 * What Discord refuses in a modal (interaction response type 9), from its docs (Component
 * reference: Text Input, Label, Action Row; Receiving and Responding: the modal's fields).
 */

import { type DiscordRefusal, Errors, type Json, invalidFormBody, isObject, length, maxLength } from "./form-errors.js";

/** A text input of a modal, as the fake keeps it to check what the user submits. */
export interface ModalInput {
  customId: string;
  required: boolean;
  minLength: number;
  maxLength: number;
  /** Shown in a Label (type 18), so submitted in one; else in an action row (type 1). */
  inLabel: boolean;
}

const ACTION_ROW = 1;
const TEXT_INPUT = 4;
const TEXT_DISPLAY = 10;
const LABEL = 18;

/** A text input's own rules: a custom_id of 1-100, style 1 or 2, lengths within 0-4000, a value of 4000 and a placeholder of 100 at most. */
function checkTextInput(errors: Errors, at: Array<string | number>, input: Json, needsLabel: boolean) {
  if (length(input.custom_id) < 1) errors.add([...at, "custom_id"], "BASE_TYPE_REQUIRED", "This field is required");
  maxLength(errors, [...at, "custom_id"], input.custom_id, 100);
  // In an action row the input carries its label; in a Label the Label does.
  if (needsLabel && length(input.label) < 1) errors.add([...at, "label"], "BASE_TYPE_REQUIRED", "This field is required");
  maxLength(errors, [...at, "label"], input.label, 45);
  if (input.style !== 1 && input.style !== 2) errors.add([...at, "style"], "BASE_TYPE_CHOICES", "Value must be one of (1, 2).");
  for (const key of ["min_length", "max_length"] as const) {
    const v = input[key];
    if (v !== undefined && (typeof v !== "number" || v < (key === "min_length" ? 0 : 1) || v > 4000))
      errors.add([...at, key], "NUMBER_TYPE_MAX", "Must be between 0 and 4000.");
  }
  maxLength(errors, [...at, "value"], input.value, 4000);
  maxLength(errors, [...at, "placeholder"], input.placeholder, 100);
}

/**
 * A modal's refusal (interaction response type 9): a title of 1-45 characters, a custom_id of
 * 1-100, one to five top-level components, each a Label (type 18: a label of 1-45, a description
 * of 100 at most, one component; Discord recommends it over text inputs in action rows), an action
 * row holding exactly one text input (type 1, the older form, still taken), or a Text Display
 * (type 10). Of a Label's children this fake knows text inputs only, and refuses the others.
 * Paths are the modal's own; Discord reports them under `data`.
 */
export function modalRefusal(data: Json): DiscordRefusal | undefined {
  const errors = new Errors();
  if (length(data.title) < 1) errors.add(["title"], "BASE_TYPE_REQUIRED", "This field is required");
  maxLength(errors, ["title"], data.title, 45);
  if (length(data.custom_id) < 1) errors.add(["custom_id"], "BASE_TYPE_REQUIRED", "This field is required");
  maxLength(errors, ["custom_id"], data.custom_id, 100);
  const top = Array.isArray(data.components) ? data.components : [];
  if (top.length < 1 || top.length > 5) errors.add(["components"], "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 5 in length.");
  top.forEach((c, r) => {
    const at = ["components", r];
    if (isObject(c) && c.type === LABEL) {
      if (length(c.label) < 1) errors.add([...at, "label"], "BASE_TYPE_REQUIRED", "This field is required");
      maxLength(errors, [...at, "label"], c.label, 45);
      maxLength(errors, [...at, "description"], c.description, 100);
      if (!isObject(c.component) || c.component.type !== TEXT_INPUT)
        errors.add([...at, "component"], "COMPONENT_TYPE_INVALID", "This fake's Label holds a text input only.");
      else checkTextInput(errors, [...at, "component"], c.component, false);
      return;
    }
    if (isObject(c) && c.type === TEXT_DISPLAY) {
      if (length(c.content) < 1) errors.add([...at, "content"], "BASE_TYPE_REQUIRED", "This field is required");
      maxLength(errors, [...at, "content"], c.content, 4000);
      return;
    }
    const inputs = isObject(c) && Array.isArray(c.components) ? c.components : [];
    if (!isObject(c) || c.type !== ACTION_ROW || inputs.length !== 1) {
      errors.add(at, "COMPONENT_LAYOUT_WIDTH_EXCEEDED", "An action row in a modal holds exactly one text input.");
      return;
    }
    const input = inputs[0];
    if (!isObject(input) || input.type !== TEXT_INPUT) {
      errors.add([...at, "components", 0], "COMPONENT_TYPE_INVALID", "A modal's action row takes a text input only.");
      return;
    }
    checkTextInput(errors, [...at, "components", 0], input, true);
  });
  return invalidFormBody(errors);
}

/** The text inputs of a modal that passed modalRefusal, in order, each as it was shown. */
export function modalInputs(data: Json): ModalInput[] {
  return (data.components as Json[]).flatMap((c): ModalInput[] => {
    const inLabel = c.type === LABEL;
    const input = inLabel ? (c.component as Json) : c.type === ACTION_ROW ? ((c.components as Json[])[0] ?? {}) : undefined;
    if (!input) return [];
    return [
      {
        customId: String(input.custom_id),
        required: input.required !== false,
        minLength: Number(input.min_length ?? 0),
        maxLength: Number(input.max_length ?? 4000),
        inLabel,
      },
    ];
  });
}
