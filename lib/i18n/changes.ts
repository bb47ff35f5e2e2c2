/** The words of a pinned view's "what changed since publication" page (server-rendered only). */
import type { Lang } from './messages';
import { type Translator, translatorOf } from './translate';

const en = {
  title: 'What changed since publication',
  published: 'This map was published on {date}, pinned as it was then. Below, how today’s data differs.',
  nothing: 'Nothing has changed since publication.',
  changed: 'Corrected since',
  added: 'Added since',
  removed: 'No longer on the map',
  removedNote: 'deleted, or no longer matching the map’s filters',
  field: 'Field',
  before: 'As published',
  after: 'Today',
  absent: '(absent)',
  none: '(none)',
  asPublished: 'The map as published',
  current: 'The map with today’s data',
  notPinned: 'This map is not pinned: it always shows the current data.',
};
type Key = keyof typeof en;
const fr: Record<Key, string> = {
  title: 'Ce qui a changé depuis la publication',
  published: 'Cette carte a été publiée le {date}, figée telle qu’alors. Ci-dessous, ce qui diffère dans les données d’aujourd’hui.',
  nothing: 'Rien n’a changé depuis la publication.',
  changed: 'Corrigés depuis',
  added: 'Ajoutés depuis',
  removed: 'Plus sur la carte',
  removedNote: 'supprimés, ou ne correspondant plus aux filtres de la carte',
  field: 'Champ',
  before: 'À la publication',
  after: 'Aujourd’hui',
  absent: '(absent)',
  none: '(aucun)',
  asPublished: 'La carte telle que publiée',
  current: 'La carte avec les données d’aujourd’hui',
  notPinned: 'Cette carte n’est pas figée : elle montre toujours les données à jour.',
};
const ar: Record<Key, string> = {
  title: 'ما الذي تغيّر منذ النشر',
  published: 'نُشرت هذه الخريطة في {date}، مثبَّتة كما كانت حينها. أدناه ما يختلف في بيانات اليوم.',
  nothing: 'لم يتغيّر شيء منذ النشر.',
  changed: 'صُحّحت منذ ذلك الحين',
  added: 'أضيفت منذ ذلك الحين',
  removed: 'لم تعد على الخريطة',
  removedNote: 'حُذفت، أو لم تعد تطابق مرشّحات الخريطة',
  field: 'الحقل',
  before: 'عند النشر',
  after: 'اليوم',
  absent: '(غير موجود)',
  none: '(لا شيء)',
  asPublished: 'الخريطة كما نُشرت',
  current: 'الخريطة ببيانات اليوم',
  notPinned: 'هذه الخريطة غير مثبَّتة: تعرض دائماً البيانات الحالية.',
};
const dictionaries: Record<Lang, Record<Key, string>> = { en, fr, ar };

export function changesText(lang: Lang): Translator<Key> {
  const d = dictionaries[lang];
  return translatorOf(d);
}
