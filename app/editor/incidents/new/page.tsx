import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { IncidentForm } from '@/components/desk/IncidentForm';
import { deskSession } from '@/lib/auth/page-session';
import { editorChoices } from '@/lib/desk/page-data';
import { formText } from '@/lib/i18n/incident-form';
import { negotiateLang } from '@/lib/i18n/negotiate';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'New incident · Conflict incident map', robots: { index: false } };

type Search = Promise<Record<string, string | string[] | undefined>>;

/** A new incident, made in the browser by a signed-in editor. */
export default async function NewIncident({ searchParams }: { searchParams: Search }) {
  const sp = await searchParams;
  const lang = negotiateLang(typeof sp.lang === 'string' ? sp.lang : null, (await headers()).get('accept-language'));
  const session = await deskSession('/editor/incidents/new', lang);
  const { sources, actors } = await editorChoices();
  const t = formText(lang);
  return (
    <main className="mx-auto max-w-6xl px-4 py-8">
      <p className="mb-4 text-sm">
        <a href={`/editor?lang=${lang}`} className="text-blue-800 underline">
          {t('backToDesk')}
        </a>
      </p>
      <IncidentForm
        lang={lang}
        csrf={session.csrf}
        initial={null}
        initialRevision={null}
        initialPlace={null}
        sources={sources}
        actors={actors}
      />
    </main>
  );
}
