import type { Metadata, Viewport } from 'next';
import { headers } from 'next/headers';
import { dirOf } from '@/lib/i18n/messages';
import { negotiateLang } from '@/lib/i18n/negotiate';
import './globals.css';

export const metadata: Metadata = {
  title: 'Conflict incident map',
  description: 'Incidents, who claims what, and the tolls each source gives, side by side.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const h = await headers();
  const lang = negotiateLang(h.get('x-lang'), h.get('accept-language'));
  return (
    // the direction is the body's, not the root's: the map draws its label glyphs on canvases that take the
    // root's direction, and a right-to-left root turns their brackets round ("Al-Nayrab )Idlib(")
    <html lang={lang}>
      <body dir={dirOf(lang)} className="bg-slate-50 font-sans text-slate-900 antialiased">
        {children}
      </body>
    </html>
  );
}
