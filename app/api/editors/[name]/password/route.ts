import { resetAccount } from '@/lib/accounts/accounts';
import { otherMethods } from '@/lib/api/problem';

export const dynamic = 'force-dynamic';

export const { GET, PUT, PATCH, DELETE } = otherMethods('POST');

/** A new one-time password for the account (administrators), which is enabled again; shown this once. */
export const POST = resetAccount;
