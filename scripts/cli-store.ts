/**
 * The store, opened by a command (npm run editor, import, db:prepare, data:synthetic). A PGlite
 * directory has one owner process: while the server runs, a command cannot open it. It then says
 * so in one line, with what to do instead, and exits with 1: never a stack trace.
 */
import path from 'node:path';
import { readSetupLink, serverOrigin, setupLinkFile } from '../lib/auth/setup';
import { DirectoryLockedError } from '../lib/db/lock';
import { configFromEnv, type Db, openStore } from '../lib/db/store';

/**
 * `command`: how the user called it; `instead`: what they can do while the server runs, if anything
 * ("{origin}" stands for the server's). Exits the process when the store cannot be opened.
 */
export async function openStoreFor(command: string, instead: string | null): Promise<Db> {
  const config = configFromEnv();
  try {
    return await openStore(config);
  } catch (err) {
    if (err instanceof DirectoryLockedError) {
      const where = path.relative(process.cwd(), err.dir) || '.';
      console.error(
        `${command}: the server (process ${err.ownerPid}) is using the store at ${where}, and only one process may open it: ${instead ? `${instead.replace('{origin}', serverOrigin())}, or stop` : 'stop'} the server and run this again.`,
      );
      const link = readSetupLink(setupLinkFile(config));
      if (link) console.error(`No editor account yet: make the first administrator at ${link}`);
    } else {
      console.error(`${command}: cannot open the store: ${err instanceof Error ? err.message : String(err)}`);
    }
    process.exit(1);
  }
}
