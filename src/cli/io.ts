/** Where a command writes; tests pass collectors, the real CLI passes the process streams. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => Promise<string>;
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
/** Bad input: unreadable file, bad JSON, invalid answers, unknown flags. */
export const EXIT_USAGE = 2;

export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text.endsWith("\n") ? text : `${text}\n`),
    stderr: (text) => process.stderr.write(text.endsWith("\n") ? text : `${text}\n`),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString("utf8");
    },
  };
}
