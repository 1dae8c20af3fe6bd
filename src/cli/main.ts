/**
 * `hepatica` — the command line. One file per command; each is loaded only when invoked.
 */
import { type Command, EXIT, type Io, UsageError } from "./io.js";

const COMMANDS: Readonly<Record<string, { summary: string; load: () => Promise<Command> }>> = {
  serve: {
    summary: "serve the HTTP API (REST, OpenAPI, FHIR, CDS Hooks) on SQLite or PostgreSQL (DATABASE_URL)",
    load: async () => (await import("./serve.js")).serveCommand,
  },
  demo: {
    summary: "write a synthetic demo cohort: demo --patients N [--seed S]",
    load: async () => (await import("./demo.js")).demoCommand,
  },
  user: {
    summary: "manage accounts: user add --username U --role clinician|researcher|admin (password on stdin)",
    load: async () => (await import("./user.js")).userCommand,
  },
  assess: {
    summary: "assess one case (or many with --ndjson / --csv): liver function, burden, BCLC + CNLC + AJCC 8",
    load: async () => (await import("./assess.js")).assessCommand,
  },
  survival: {
    summary: "Kaplan–Meier, log-rank and Cox regression on a CSV (exact to R's survival package)",
    load: async () => (await import("./survival.js")).survivalCommand,
  },
  response: {
    summary: "response over a course of scans: RECIST 1.1 + mRECIST side by side, BOR, first progression",
    load: async () => (await import("./response.js")).responseCommand,
  },
  imaging: {
    summary: "liver and tumour volumes, RECIST diameters from a DICOM SEG or NIfTI segmentation",
    load: async () => (await import("./imaging.js")).imagingCommand,
  },
  sources: {
    summary: "the sources the rules cite, with how each was checked (verified / recalled / secondary)",
    load: async () => (await import("./sources.js")).sourcesCommand,
  },
  plan: {
    summary: "treatment plan: BCLC + CNLC options with eligibility (intl | cn), combinations, doses, Y-90",
    load: async () => (await import("./plan.js")).planCommand,
  },
};

export const HELP = `hepatica — clinical decision support for interventional treatment of liver cancer (HCC).
Suggestions with reasons and sources for clinicians; not a substitute for their judgement.

Usage: hepatica <command> [options]     (hepatica <command> --help for details)

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`)
  .join("\n")}

Exit codes: 0 ok, 1 invalid input, 2 usage error.
`;

export async function main(argv: readonly string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.stdout.write(HELP);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr.write(`hepatica: unknown command "${name}"\n\n${HELP}`);
    return EXIT.usage;
  }
  try {
    return await (await command.load())(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`hepatica ${name}: ${e.message}\n(see hepatica ${name} --help)\n`);
      return EXIT.usage;
    }
    throw e;
  }
}
