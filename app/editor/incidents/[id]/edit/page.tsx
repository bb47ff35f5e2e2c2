import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { IncidentForm } from '@/components/desk/IncidentForm';
import { parseId } from '@/lib/api/params';
import { deskSession } from '@/lib/auth/page-session';
import { editorChoices, incidentToEdit } from '@/lib/desk/page-data';
import { formText } from '@/lib/i18n/incident-form';
import { negotiateLang } from '@/lib/i18n/negotiate';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Edit an incident · Conflict incident map', robots: { index: false } };

type Search = Promise<Record<string, string | string[] | undefined>>;

/** An incident and its claims, corrected in the browser by a signed-in editor. */
export default async function EditIncident({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Search }) {
  const sp = await searchParams;
  const lang = negotiateLang(typeof sp.lang === 'string' ? sp.lang : null, (await headers()).get('accept-language'));
  const id = parseId((await params).id);
  if (!id.ok) notFound();
  const session = await deskSession(`/editor/incidents/${id.value}/edit`, lang);
  const [found, { sources, actors }] = await Promise.all([incidentToEdit(id.value), editorChoices()]);
  if (!found) notFound();
  const t = formText(lang);
  return (
    <main className="mx-auto max-w-6xl px-4 py-8">
      <p className="mb-4 text-sm">
        <a href={`/editor?lang=${lang}`} className="text-blue-800 underline">
          {t('backToDesk')}
        </a>
        {' · '}
        <a href={`/editor/incidents/${encodeURIComponent(id.value)}?lang=${lang}`} className="text-blue-800 underline">
          {t('viewHistory')}
        </a>
      </p>
      <IncidentForm
        lang={lang}
        csrf={session.csrf}
        initial={found.incident}
        initialRevision={found.revision}
        initialPlace={found.place}
        sources={sources}
        actors={actors}
      />
    </main>
  );
}
