import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { AppError } from '../http/app-error';

/** A problem the CLI reports as one clear message (exit code 1, no stack trace). */
export class CliError extends Error {}

/** Parses `--name value` options; `--password` is refused (argv is visible to every user). */
export function cliOptions<K extends string>(names: readonly K[], usage: string): Record<K, string> {
  if (process.argv.some((a) => a === '--password' || a.startsWith('--password=')))
    throw new CliError(
      `never pass a password on the command line; pipe it to stdin or set ADMIN_PASSWORD\n${usage}`,
    );
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: process.argv.slice(2),
      options: Object.fromEntries(names.map((n) => [n, { type: 'string' as const }])),
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${usage}`);
  }
  const missing = names.filter((n) => typeof values[n] !== 'string' || !(values[n] as string).trim());
  if (missing.length > 0) throw new CliError(`missing ${missing.map((m) => `--${m}`).join(', ')}\n${usage}`);
  return values as Record<K, string>;
}

/**
 * The new password: ADMIN_PASSWORD, else stdin — typed at a prompt without echo (twice) on a
 * terminal, or piped (one trailing newline dropped).
 */
export async function readPassword(): Promise<string> {
  const fromEnv = process.env.ADMIN_PASSWORD;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks)
      .toString('utf8')
      .replace(/\r?\n$/, '');
    if (!text) throw new CliError('no password: pipe it to stdin or set ADMIN_PASSWORD');
    return text;
  }
  const first = await prompt('New password: ');
  const second = await prompt('Repeat it: ');
  if (first !== second) throw new CliError('the two passwords differ');
  return first;
}

function prompt(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    // Echo nothing of what is typed.
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
      if (s.includes(question)) process.stdout.write(question);
    };
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
  });
}

/** Prints an error the way the CLIs do (details of a 400 one per line) and sets exit code 1. */
export function reportCliError(error: unknown): void {
  if (error instanceof AppError) {
    console.error(error.message);
    for (const d of error.details ?? []) console.error(`  ${d.path}: ${d.message}`);
  } else if (error instanceof CliError) {
    console.error(error.message);
  } else {
    console.error(`failed: ${(error as Error)?.message ?? error}`);
  }
  process.exitCode = 1;
}
