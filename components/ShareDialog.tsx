'use client';
import { fieldClass } from './styles';
import ModalDialog from './ModalDialog';
import { useEffect, useMemo, useState } from 'react';
import { useEditorSession } from '@/lib/hooks';
import type { Lang, Translate } from '@/lib/i18n/messages';
import type { ViewState } from '@/lib/state';
import type { BBox } from './IncidentMap';

interface Props {
  state: ViewState;
  bounds: BBox | null;
  lang: Lang;
  t: Translate;
  onClose(): void;
}

const field = fieldClass;

function CopyField({
  label,
  value,
  t,
  multiline = false,
  testId,
}: {
  label: string;
  value: string;
  t: Translate;
  multiline?: boolean;
  testId: string;
}) {
  const [copied, setCopied] = useState(false);
  return (
    <label className="block">
      <span className="text-xs font-semibold text-slate-700">{label}</span>
      <span className="mt-0.5 flex gap-2">
        {multiline ? (
          <textarea
            readOnly
            value={value}
            rows={5}
            // code and addresses read left to right, in an Arabic page too
            dir="ltr"
            className={`${field} font-mono text-xs`}
            data-testid={testId}
            onFocus={(e) => e.target.select()}
          />
        ) : (
          <input readOnly value={value} dir="ltr" className={field} data-testid={testId} onFocus={(e) => e.target.select()} />
        )}
        <button
          type="button"
          className="shrink-0 self-start rounded border border-slate-500 px-2 py-1 text-sm focus:outline-2 focus:outline-blue-600"
          onClick={async () => {
            await navigator.clipboard?.writeText(value).catch(() => undefined);
            setCopied(true);
          }}
        >
          {copied ? t('copied') : t('copy')}
        </button>
      </span>
    </label>
  );
}

/**
 * "Share / Embed": the link to this view for anyone, and for a signed-in editor a saved, embeddable
 * view made from what the map shows now (written with the editor's session, as every write of the
 * pages is), with a live preview of the embed. A reader who is not signed in is told what they can
 * do, with a way to sign in that comes back to this dialog.
 */
const round = (n: number) => Math.round(n * 1e4) / 1e4;

export default function ShareDialog({ state, bounds, lang, t, onClose }: Props) {
  const [titleFr, setTitleFr] = useState('');
  const [titleEn, setTitleEn] = useState('');
  const [titleAr, setTitleAr] = useState('');
  const [caption, setCaption] = useState('');
  const [theme, setTheme] = useState<'light' | 'dark' | 'auto'>('auto');
  const [timeBar, setTimeBar] = useState(false);
  const [inset, setInset] = useState(true);
  const [pin, setPin] = useState(true);
  const session = useEditorSession();
  const editor = session.data?.editor ?? null;
  const [status, setStatus] = useState<
    { kind: 'idle' | 'saving' } | { kind: 'error'; message: string } | { kind: 'saved'; id: string; html: string; page: string }
  >({ kind: 'idle' });

  const link = typeof window === 'undefined' ? '' : window.location.href;
  const spec = useMemo(
    () => ({
      title: {
        ...(titleFr.trim() ? { fr: titleFr.trim() } : {}),
        ...(titleEn.trim() ? { en: titleEn.trim() } : {}),
        ...(titleAr.trim() ? { ar: titleAr.trim() } : {}),
        ...(!titleFr.trim() && !titleEn.trim() && !titleAr.trim() ? { [lang]: t('appTitle') } : {}),
      },
      caption: caption.trim() ? { [lang]: caption.trim() } : {},
      bounds: bounds ? (bounds.map(round) as BBox) : null,
      filters: {
        ...(state.from ? { from: state.from } : {}),
        ...(state.to ? { to: state.to } : {}),
        ...(state.types.length ? { types: state.types } : {}),
        ...(state.actor ? { actors: [state.actor] } : {}),
      },
      highlighted: state.incident ? [state.incident] : [],
      lang,
      theme,
      timeBar,
      inset,
    }),
    [titleFr, titleEn, titleAr, caption, bounds, state, lang, theme, timeBar, inset, t],
  );
  // the preview is the URL-configured embed with the same options, so it shows exactly what will be saved
  const previewUrl = useMemo(() => {
    const sp = new URLSearchParams({ lang, theme, title: spec.title[lang] ?? Object.values(spec.title)[0] ?? '' });
    const caption = spec.caption[lang];
    if (caption) sp.set('caption', caption);
    if (spec.bounds) sp.set('bounds', spec.bounds.join(','));
    if (spec.filters.from) sp.set('from', spec.filters.from);
    if (spec.filters.to) sp.set('to', spec.filters.to);
    if (spec.filters.types) sp.set('type', spec.filters.types.join(','));
    if (spec.filters.actors) sp.set('actor', spec.filters.actors.join(','));
    if (spec.highlighted.length) sp.set('highlight', spec.highlighted.join(','));
    if (spec.timeBar) sp.set('timebar', '1');
    if (!spec.inset) sp.set('inset', '0');
    return `/embed?${sp.toString()}`;
  }, [spec, lang, theme]);
  const [shownPreview, setShownPreview] = useState(previewUrl);
  useEffect(() => {
    const id = setTimeout(() => setShownPreview(previewUrl), 400);
    return () => clearTimeout(id);
  }, [previewUrl]);

  // where signing in (or choosing one's password) comes back to: this view, this dialog open
  const back = typeof window === 'undefined' ? '/' : `${window.location.pathname}${window.location.search || '?'}&share=1`;
  const signInHref = `/editor/sign-in?${new URLSearchParams({ next: back, lang })}`;
  const passwordHref = `/editor/password?${new URLSearchParams({ next: back, lang })}`;

  async function save() {
    setStatus({ kind: 'saving' });
    const headers = { 'content-type': 'application/json', 'x-csrf-token': session.data?.csrf ?? '' };
    try {
      const created = await fetch('/api/views', { method: 'POST', headers, body: JSON.stringify(spec) });
      if (created.status === 401) {
        // the session ended since the dialog asked: say so, and offer to sign in again
        await session.mutate();
        return setStatus({ kind: 'error', message: t('sessionEnded') });
      }
      const view = await created.json();
      if (!created.ok)
        return setStatus({ kind: 'error', message: t('saveFailed', { reason: view.detail ?? view.title ?? created.status }) });
      const published = await fetch(`/api/views/${view.id}/publish`, { method: 'POST', headers, body: JSON.stringify({ pin }) });
      if (!published.ok) return setStatus({ kind: 'error', message: t('saveFailed', { reason: published.status }) });
      const oembed = await (await fetch(`/api/oembed?url=${encodeURIComponent(view.links.embed)}&format=json`)).json();
      setStatus({ kind: 'saved', id: view.id, html: oembed.html, page: view.links.page });
    } catch (e) {
      setStatus({ kind: 'error', message: t('saveFailed', { reason: e instanceof Error ? e.message : String(e) }) });
    }
  }

  return (
    <ModalDialog
      id="share"
      title={t('shareTitle')}
      closeLabel={t('close')}
      width="w-[min(96vw,960px)]"
      testId="share-dialog"
      onClose={onClose}
    >
      <div className="grid gap-4 p-4 md:grid-cols-2">
        <div className="space-y-3 text-sm">
          <CopyField label={t('plainLink')} value={link} t={t} testId="share-link" />
          <h3 className="pt-2 font-semibold">{t('embedSettings')}</h3>
          <label className="block">
            <span className="text-xs text-slate-700">{t('titleFr')}</span>
            <input className={field} value={titleFr} onChange={(e) => setTitleFr(e.target.value)} maxLength={160} name="title-fr" />
          </label>
          <label className="block">
            <span className="text-xs text-slate-700">{t('titleEn')}</span>
            <input className={field} value={titleEn} onChange={(e) => setTitleEn(e.target.value)} maxLength={160} name="title-en" />
          </label>
          <label className="block">
            <span className="text-xs text-slate-700">{t('titleAr')}</span>
            <input
              className={field}
              value={titleAr}
              onChange={(e) => setTitleAr(e.target.value)}
              maxLength={160}
              name="title-ar"
              lang="ar"
              dir="rtl"
            />
          </label>
          <label className="block">
            <span className="text-xs text-slate-700">{t('caption')}</span>
            <textarea
              className={field}
              value={caption}
              onChange={(e) => setCaption(e.target.value)}
              maxLength={600}
              rows={2}
              name="caption"
            />
          </label>
          <label className="block">
            <span className="text-xs text-slate-700">{t('theme')}</span>
            <select className={field} value={theme} onChange={(e) => setTheme(e.target.value as typeof theme)} name="theme">
              <option value="auto">{t('themeAuto')}</option>
              <option value="light">{t('themeLight')}</option>
              <option value="dark">{t('themeDark')}</option>
            </select>
          </label>
          <Check checked={timeBar} onChange={setTimeBar} name="time-bar" label={t('timeBarLabel')} />
          <Check checked={inset} onChange={setInset} name="inset" label={t('insetOption')} />
          <Check checked={pin} onChange={setPin} name="pin" label={t('pinLabel')} />
          {session.isLoading ? (
            <p role="status" className="text-slate-700">
              {t('checkingSession')}
            </p>
          ) : !editor ? (
            <p className="rounded border border-slate-300 bg-slate-50 p-2 text-slate-800" data-testid="share-signed-out">
              {t('shareSignedOut')}{' '}
              <a href={signInHref} className="font-semibold text-blue-800 underline">
                {t('signInToPublish')}
              </a>
            </p>
          ) : session.data?.mustChangePassword ? (
            <p className="rounded border border-amber-600 bg-amber-50 p-2 text-amber-950" data-testid="share-password-first">
              {t('sharePasswordFirst')}{' '}
              <a href={passwordHref} className="font-semibold text-blue-800 underline">
                {t('choosePassword')}
              </a>
            </p>
          ) : (
            <>
              <p className="text-xs text-slate-700" data-testid="share-signed-in">
                {t('publishingAs', { name: editor.name })}
              </p>
              <button
                type="button"
                disabled={status.kind === 'saving'}
                onClick={save}
                className="rounded bg-slate-900 px-3 py-1.5 text-sm text-white disabled:bg-slate-500 focus:outline-2 focus:outline-blue-600"
              >
                {status.kind === 'saving' ? t('saving') : t('createEmbed')}
              </button>
            </>
          )}
          {status.kind === 'error' && (
            <p role="alert" className="text-red-800">
              {status.message}
              {!editor && (
                <>
                  {' '}
                  <a href={signInHref} className="font-semibold underline">
                    {t('signInToPublish')}
                  </a>
                </>
              )}
            </p>
          )}
          {status.kind === 'saved' && (
            <div role="status" className="space-y-2">
              <p>{t('savedAs', { id: status.id })}</p>
              <CopyField label={t('embedCode')} value={status.html} t={t} multiline testId="embed-code" />
              <CopyField label={t('savedPageLink')} value={status.page} t={t} testId="saved-page-link" />
            </div>
          )}
        </div>
        <div>
          <p className="text-xs font-semibold text-slate-700">{t('preview')}</p>
          <iframe
            src={shownPreview}
            title={t('preview')}
            className="mt-0.5 h-[520px] w-full rounded border border-slate-300"
            data-testid="share-preview"
          />
        </div>
      </div>
    </ModalDialog>
  );
}

/** One of the dialog's options: a box and its label, the whole line clickable. */
function Check({ checked, onChange, name, label }: { checked: boolean; onChange(v: boolean): void; name: string; label: string }) {
  return (
    <label className="flex items-start gap-2 py-1">
      <input
        type="checkbox"
        className="mt-0.5 h-5 w-5 shrink-0"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        name={name}
      />
      <span>{label}</span>
    </label>
  );
}
