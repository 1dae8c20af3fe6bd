/** Runs the `hepatica` CLI from the TypeScript sources in a child process (tests only). */
import { main } from "../../cli/main.js";

main(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 70;
  },
);
