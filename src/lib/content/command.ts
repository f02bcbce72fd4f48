/** Runs an authoring command: prints its lines, or its error on one line naming the command, and exits 1. */
export function runCommand(name: string, run: () => string[]): void {
  try {
    for (const line of run()) console.log(line);
  } catch (error) {
    console.error(`npm run ${name}: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}
