/** The desk's lists of places, sources and actors, each linking to its editor. */
import type { ReactNode } from 'react';
import type { Lang } from '@/lib/i18n/messages';

const recordLink = (kind: string, id: string, lang: Lang) => `/editor/records/${kind}/${encodeURIComponent(id)}?lang=${lang}`;

/** One kind of record: its heading, a link to make a new one, and what follows. */
export function RecordSection({
  kind,
  heading,
  newLabel,
  lang,
  children,
}: {
  kind: string;
  heading: string;
  newLabel: string;
  lang: Lang;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={`${kind}s-h`} className="mt-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={`${kind}s-h`} className="text-lg font-semibold">
          {heading}
        </h2>
        <a
          href={recordLink(kind, 'new', lang)}
          className="rounded border border-slate-500 bg-white px-2 py-1 text-sm font-medium hover:bg-slate-100"
        >
          + {newLabel}
        </a>
      </div>
      {children}
    </section>
  );
}

/** Records of one kind, each with what it is and a link to its editor. */
export function RecordList({
  kind,
  lang,
  edit,
  items,
}: {
  kind: string;
  lang: Lang;
  edit: string;
  items: { id: string; name: string; about: string }[];
}) {
  return (
    <ul className="mt-2 divide-y divide-slate-200 rounded border border-slate-300 bg-white" data-testid={`${kind}s-list`}>
      {items.map((x) => (
        <li key={x.id} className="flex flex-wrap items-baseline justify-between gap-2 px-3 py-2 text-sm">
          <span>
            <bdi className="font-medium">{x.name}</bdi> <span className="text-slate-600">· {x.about}</span>
          </span>
          <a href={recordLink(kind, x.id, lang)} className="text-blue-800 underline" aria-label={`${edit} ${x.name}`}>
            {edit}
          </a>
        </li>
      ))}
    </ul>
  );
}
