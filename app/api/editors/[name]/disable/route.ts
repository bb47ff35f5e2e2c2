import { disableAccount } from '@/lib/accounts/accounts';
import { otherMethods } from '@/lib/api/problem';

export const dynamic = 'force-dynamic';

export const { GET, PUT, PATCH, DELETE } = otherMethods('POST');

/** Disables the account (administrators; not one's own): it can no longer sign in, its sessions end. */
export const POST = disableAccount;
