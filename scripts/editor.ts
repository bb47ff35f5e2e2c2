/**
 * npm run editor -- add NAME [--role editor|admin]
 * npm run editor -- reset NAME
 * npm run editor -- disable NAME
 * npm run editor -- list
 *
 * Editor accounts in the configured store (PGlite at PGLITE_DIR, or DATABASE_URL). `add` and
 * `reset` read the password from standard input when it is piped (`echo … | npm run editor -- add
 * ana`); otherwise they make a one-time password and print it once, for the editor to change.
 * `reset` also enables a disabled account again. Exit status 0 when done, 1 otherwise (the reason
 * on standard error).
 */
import { parseArgs } from 'node:util';
import { hashPassword, oneTimePassword, passwordProblem } from '../lib/auth/passwords';
import {
  EditorExistsError,
  ROLES,
  type Role,
  addEditor,
  disableEditor,
  findEditor,
  listEditors,
  setEditorPassword,
} from '../lib/db/editors';
import { migrate } from '../lib/db/migrate';
import { openStoreFor } from './cli-store';

const USAGE = `usage: npm run editor -- add NAME [--role editor|admin]
       npm run editor -- reset NAME
       npm run editor -- disable NAME
       npm run editor -- list
The password is read from standard input when it is piped; otherwise a one-time password is printed.`;

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}
/** A refusal once the store is open: reported, and the store closed (a PGlite directory keeps its lock otherwise). */
class Refused extends Error {}
function refuse(message: string): never {
  throw new Refused(message);
}

let args: ReturnType<typeof parse>;
function parse() {
  return parseArgs({ allowPositionals: true, options: { role: { type: 'string', default: 'editor' }, help: { type: 'boolean' } } });
}
try {
  args = parse();
} catch (e) {
  fail(`${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
}
const [command, name, ...extra] = args.positionals;
if (args.values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!command || !['add', 'reset', 'disable', 'list'].includes(command)) fail(USAGE);
if (command !== 'list' && !name) fail(`${command}: which editor?\n${USAGE}`);
if (extra.length) fail(`unexpected: ${extra.join(' ')}\n${USAGE}`);
const role = args.values.role as Role;
if (!ROLES.includes(role)) fail(`--role: ${role} is not a role (editor or admin)`);

/** The password piped in (its last line break dropped), or a new one-time one, and whether it was made here. */
async function password(): Promise<{ password: string; made: boolean }> {
  if (process.stdin.isTTY) return { password: oneTimePassword(), made: true };
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  const given = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  if (given === '') return { password: oneTimePassword(), made: true };
  const problem = passwordProblem(given);
  if (problem) refuse(`password: ${problem}`);
  return { password: given, made: false };
}

const db = await openStoreFor(
  `npm run editor -- ${command}`,
  'an administrator manages accounts on the desk at {origin}/editor/accounts while it runs',
);
try {
  await migrate(db);
  if (command === 'list') {
    for (const e of await listEditors(db))
      console.log(`${e.name}\t${e.role}\t${e.disabledAt ? `disabled ${e.disabledAt}` : 'active'}\tpassword set ${e.passwordSetAt}`);
  } else if (command === 'add') {
    const p = await password();
    const editor = await addEditor(db, { name: name!, role, passwordHash: await hashPassword(p.password), oneTime: p.made });
    console.log(`added ${editor.name} (${editor.role})`);
    if (p.made)
      console.log(`one-time password: ${p.password}\n(shown once; give it to ${editor.name} in person, to be changed at first sign-in)`);
  } else if (command === 'reset') {
    if (!(await findEditor(db, name!))) refuse(`reset: no editor named ${name}`);
    const p = await password();
    await setEditorPassword(db, name!, await hashPassword(p.password), { oneTime: p.made });
    console.log(`new password set for ${name}`);
    if (p.made) console.log(`one-time password: ${p.password}\n(shown once)`);
  } else if (command === 'disable') {
    if (!(await disableEditor(db, name!))) refuse(`disable: no editor named ${name}`);
    console.log(`disabled ${name}: it can no longer sign in (npm run editor -- reset ${name} enables it again)`);
  }
} catch (e) {
  if (!(e instanceof Refused || e instanceof EditorExistsError || e instanceof RangeError)) throw e;
  console.error(e.message);
  process.exitCode = 1;
} finally {
  await db.close();
}
