/**
 * `hepatica sources [--json]` — the registry of sources the rules cite (src/clinical/evidence/),
 * with how each was checked: verified in the primary text, recalled, or secondary.
 */
import { sourceList } from "../clinical/evidence/index.js";
import { type Command, EXIT } from "./io.js";
import { parseCommandArgs } from "./json-command.js";

export const sourcesCommand: Command = async (argv, io) => {
  const { values, positionals } = parseCommandArgs(argv);
  if (values.help || positionals.length > 0) {
    io.stdout.write(
      "Usage: hepatica sources [--json]   the sources every rule cites, with their verification status\n",
    );
    return values.help ? EXIT.ok : EXIT.usage;
  }
  const list = sourceList();
  if (values.json) io.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
  else {
    for (const s of list) io.stdout.write(`${s.id} [${s.verification}] ${s.label}\n    ${s.citation}\n`);
    const recalled = list.filter((s) => s.verification !== "verified").length;
    io.stdout.write(
      `\n${list.length} sources; ${recalled} not verified in a primary text (marked in every citation).\n`,
    );
  }
  return EXIT.ok;
};
