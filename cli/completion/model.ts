import { type Command, type Flag, commandName, commands, commandsUnder, globalFlags, topWords } from "../spec/index.js";

/**
 * What the three shells' scripts are made of, read off the command table: the first words, the
 * groups with their commands (and the one a group's word alone runs), and per command its flags.
 */
export const model = {
  topWords,
  groups: topWords
    .map((word) => ({ word, under: commandsUnder(word) }))
    .filter((g) => g.under.length > 1 || g.under[0]?.path.length === 2)
    .map((g) => ({
      word: g.word,
      subs: g.under.map((c) => c.path[1] as string),
      fallback: g.under.find((c) => c.isDefault)?.path[1],
    })),
  commands,
  globalFlags,
};

export const nameOf = commandName;
export const spellings = (f: Flag) => [`--${f.name}`, ...(f.short ? [`-${f.short}`] : [])];
/** The values to offer after a flag: its choices, else its offers. */
export const valuesOf = (f: Flag) => f.choices ?? f.offers;
export const takesValue = (f: Flag) => f.kind !== "boolean";
export const allFlags = (c: Command) => [...c.flags, ...globalFlags];

/** A string in single quotes for bash and zsh. */
export const shQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
