/**
 * In the browser, zod validates without compiling code: its check for whether it may (a caught
 * `new Function`) is reported as a Content-Security-Policy violation on our pages, whose policy
 * forbids eval. The server keeps zod's faster compiled checks (imports validate many rows).
 */
import { z } from 'zod';

if (typeof window !== 'undefined') z.config({ jitless: true });
