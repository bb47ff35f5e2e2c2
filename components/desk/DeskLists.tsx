/** The desk home's lists: the saved views with their status and actions, and the latest changes. */
import { ViewActions, type ViewActionLabels } from '@/components/desk/ViewActions';
import type { RecentChange } from '@/lib/desk/page-data';
import type { View } from '@/lib/domain/view';
import { formatDay, formatTimeUtc } from '@/lib/format';
import { authorWords, type DeskKey, type deskText } from '@/lib/i18n/desk';
import type { Lang } from '@/lib/i18n/messages';

export function ViewTable({
  views,
  lang,
  title,
  status,
  t,
  csrf,
}: {
  views: View[];
  lang: Lang;
  title: (v: View) => string;
  status: (v: View) => string;
  t: ReturnType<typeof deskText>;
  csrf: string;
}) {
  const labels: ViewActionLabels = {
    publish: t('actPublish'),
    publishPinned: t('actPublishPinned'),
    unpublish: t('actUnpublish'),
    delete: t('actDelete'),
    confirmDelete: t('actConfirmDelete'),
    cancel: t('actCancel'),
    failed: t('actFailed'),
    working: t('actWorking'),
  };
  return (
    // on a phone each view is a block of its own, its actions in reach (no table to scroll sideways)
    <div className="mt-3">
      <table className="w-full border-collapse text-start text-sm max-sm:block" data-testid="views-table">
        <thead className="max-sm:sr-only">
          <tr className="border-b border-slate-400 text-start">
            <th scope="col" className="py-2 pe-4 text-start font-semibold">
              {t('viewTitle')}
            </th>
            <th scope="col" className="py-2 pe-4 text-start font-semibold">
              {t('viewStatus')}
            </th>
            <th scope="col" className="py-2 pe-4 text-start font-semibold">
              {t('viewUpdated')}
            </th>
            <th scope="col" className="py-2 pe-4 text-start font-semibold">
              {t('viewLinks')}
            </th>
            <th scope="col" className="py-2 text-start font-semibold">
              {t('viewActions')}
            </th>
          </tr>
        </thead>
        <tbody className="max-sm:block">
          {views.map((v) => (
            <tr key={v.id} className="border-b border-slate-200 align-top max-sm:block max-sm:py-2">
              <td className="py-2 pe-4 max-sm:block max-sm:py-0.5 max-sm:font-semibold">{title(v)}</td>
              <td className="py-2 pe-4 max-sm:block max-sm:py-0.5">{status(v)}</td>
              <td className="py-2 pe-4 whitespace-nowrap max-sm:block max-sm:py-0.5 max-sm:text-slate-600">
                {formatDay(v.updatedAt.slice(0, 10), lang)}
              </td>
              <td className={`py-2 pe-4 whitespace-nowrap max-sm:block max-sm:py-0.5 ${v.publishedAt === null ? 'max-sm:hidden' : ''}`}>
                {/* a view not yet published has no public page or embed to open */}
                {v.publishedAt === null ? (
                  '—'
                ) : (
                  <>
                    <a href={`/views/${v.id}`} className="text-blue-800 underline">
                      {t('viewPage')}
                    </a>
                    {' · '}
                    <a href={`/embed/${v.id}`} className="text-blue-800 underline">
                      {t('viewEmbed')}
                    </a>
                  </>
                )}
              </td>
              <td className="py-2 max-sm:block max-sm:pt-1.5">
                <ViewActions id={v.id} title={title(v)} published={v.publishedAt !== null} csrf={csrf} labels={labels} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function RecentItem({ c, lang, t }: { c: RecentChange; lang: Lang; t: ReturnType<typeof deskText> }) {
  const name = (c.title && (c.title[lang] || c.title.en || c.title.fr || c.title.ar)) || c.entityId;
  const quoted = lang === 'fr' ? `« ${name} »` : `“${name}”`;
  const who = authorWords(c.author, t);
  return (
    <li>
      <span>
        {t(`action_${c.action}` as DeskKey, { seq: String(c.restoredFrom ?? '') })} {t(`kind_${c.kind}` as DeskKey)} {quoted}
      </span>
      <span className="text-slate-600">
        {' · '}
        {formatDay(c.at.slice(0, 10), lang)} {formatTimeUtc(c.at, lang)} UTC{' · '}
        {who}
      </span>
      {c.kind === 'incident' && (
        <>
          {' · '}
          <a href={`/editor/incidents/${encodeURIComponent(c.entityId)}?lang=${lang}`} className="text-blue-800 underline">
            {t('seeHistory')}
          </a>
        </>
      )}
      {(c.kind === 'place' || c.kind === 'source' || c.kind === 'actor') && (
        <>
          {' · '}
          <a href={`/editor/records/${c.kind}/${encodeURIComponent(c.entityId)}?lang=${lang}`} className="text-blue-800 underline">
            {t('seeHistory')}
          </a>
        </>
      )}
    </li>
  );
}
