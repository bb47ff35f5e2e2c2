import { addAccount } from '@/lib/accounts/accounts';
import { otherMethods } from '@/lib/api/problem';

export const dynamic = 'force-dynamic';

export const { GET, PUT, PATCH, DELETE } = otherMethods('POST');

/** A new editor account (administrators): `{name, role}` → 201 with its one-time password, shown this once. */
export const POST = addAccount;
