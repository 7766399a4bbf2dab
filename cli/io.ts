/** Where the CLI writes, injected so tests capture output and the progress bar knows if it is on a terminal. */
export type Io = { out: (s: string) => void; err: (s: string) => void; isTty: boolean };
