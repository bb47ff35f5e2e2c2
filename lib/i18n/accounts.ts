/** The words of the desk's accounts page (administrators; editor's pages only). */
import type { Lang } from './messages';

/** The words the accounts table and form show. */
export interface AccountLabels {
  name: string;
  role: string;
  role_editor: string;
  role_admin: string;
  status: string;
  active: string;
  disabledOn: string;
  passwordSetOn: string;
  actions: string;
  add: string;
  adding: string;
  newPassword: string;
  disable: string;
  confirmDisable: string;
  cancel: string;
  yourself: string;
  passwordShown: string;
  failed: string;
  nameHint: string;
}

type Words = AccountLabels & { title: string; intro: string; onlyAdmins: string; back: string; link: string };

const en: Words = {
  title: 'Accounts',
  intro:
    'Editors change data and views; administrators also manage accounts. A password made here is shown once: give it to its editor by a safe channel.',
  onlyAdmins: 'Only administrators manage accounts. Ask one of them.',
  back: 'Back to the desk',
  link: 'Accounts',
  name: 'Name',
  role: 'Role',
  role_editor: 'editor',
  role_admin: 'administrator',
  status: 'Status',
  active: 'active',
  disabledOn: 'disabled on {date}',
  passwordSetOn: 'password set on {date}',
  actions: 'Actions',
  add: 'Add the account',
  adding: 'Adding…',
  newPassword: 'New password',
  disable: 'Disable',
  confirmDisable: 'Disable for good',
  cancel: 'Cancel',
  yourself: 'you',
  passwordShown: 'The password of {name}, shown this once:',
  failed: 'That did not work',
  nameHint: 'Letters, digits, . _ - (64 at most).',
};
const fr: Words = {
  title: 'Comptes',
  intro:
    'Les rédacteurs modifient données et vues ; les administrateurs gèrent aussi les comptes. Un mot de passe créé ici n’est montré qu’une fois : transmettez-le par un canal sûr.',
  onlyAdmins: 'Seuls les administrateurs gèrent les comptes. Demandez à l’un d’eux.',
  back: 'Retour au bureau',
  link: 'Comptes',
  name: 'Nom',
  role: 'Rôle',
  role_editor: 'rédacteur',
  role_admin: 'administrateur',
  status: 'État',
  active: 'actif',
  disabledOn: 'désactivé le {date}',
  passwordSetOn: 'mot de passe du {date}',
  actions: 'Actions',
  add: 'Ajouter le compte',
  adding: 'Ajout…',
  newPassword: 'Nouveau mot de passe',
  disable: 'Désactiver',
  confirmDisable: 'Désactiver pour de bon',
  cancel: 'Annuler',
  yourself: 'vous',
  passwordShown: 'Le mot de passe de {name}, montré cette seule fois :',
  failed: 'Cela n’a pas fonctionné',
  nameHint: 'Lettres, chiffres, . _ - (64 au plus).',
};
const ar: Words = {
  title: 'الحسابات',
  intro:
    'يعدّل المحررون البيانات والعروض، ويدير المشرفون الحسابات أيضًا. كلمة المرور المنشأة هنا تُعرض مرة واحدة: سلّمها لصاحبها عبر قناة آمنة.',
  onlyAdmins: 'لا يدير الحسابات إلا المشرفون. اطلب ذلك من أحدهم.',
  back: 'العودة إلى المكتب',
  link: 'الحسابات',
  name: 'الاسم',
  role: 'الدور',
  role_editor: 'محرر',
  role_admin: 'مشرف',
  status: 'الحالة',
  active: 'نشط',
  disabledOn: 'معطّل منذ {date}',
  passwordSetOn: 'كلمة المرور منذ {date}',
  actions: 'الإجراءات',
  add: 'إضافة الحساب',
  adding: 'جارٍ الإضافة…',
  newPassword: 'كلمة مرور جديدة',
  disable: 'تعطيل',
  confirmDisable: 'تعطيل نهائي',
  cancel: 'إلغاء',
  yourself: 'أنت',
  passwordShown: 'كلمة مرور {name}، تُعرض هذه المرة فقط:',
  failed: 'لم ينجح ذلك',
  nameHint: 'أحرف لاتينية وأرقام و. _ - (64 على الأكثر).',
};

export function accountWords(lang: Lang): Words {
  return { en, fr, ar }[lang];
}

/** The words of the page where editors change their own password. */
export function passwordWords(lang: Lang) {
  const all = {
    en: {
      title: 'Change my password',
      intro: 'Your other sessions end when the password changes; this one stays open.',
      required: 'You signed in with a one-time password. Choose your own to go on: nothing else can be done until then.',
      link: 'Change my password',
      back: 'Back to the desk',
      current: 'Current password',
      next: 'New password',
      again: 'New password again',
      hint: 'At least 12 characters.',
      save: 'Change the password',
      saving: 'Changing…',
      done: 'Your password has been changed.',
      mismatch: 'The two new passwords differ.',
      wrong: 'That is not your current password.',
      failed: 'That did not work',
    },
    fr: {
      title: 'Changer mon mot de passe',
      intro: 'Vos autres sessions prennent fin au changement ; celle-ci reste ouverte.',
      required:
        'Vous vous êtes connecté avec un mot de passe à usage unique. Choisissez le vôtre pour continuer : rien d’autre n’est possible d’ici là.',
      link: 'Changer mon mot de passe',
      back: 'Retour au bureau',
      current: 'Mot de passe actuel',
      next: 'Nouveau mot de passe',
      again: 'Nouveau mot de passe, à nouveau',
      hint: '12 caractères au moins.',
      save: 'Changer le mot de passe',
      saving: 'Changement…',
      done: 'Votre mot de passe a été changé.',
      mismatch: 'Les deux nouveaux mots de passe diffèrent.',
      wrong: 'Ce n’est pas votre mot de passe actuel.',
      failed: 'Cela n’a pas fonctionné',
    },
    ar: {
      title: 'تغيير كلمة المرور',
      intro: 'تنتهي جلساتك الأخرى عند التغيير، وتبقى هذه مفتوحة.',
      required: 'دخلت بكلمة مرور لمرة واحدة. اختر كلمة مرورك الخاصة للمتابعة، فلا شيء آخر متاح قبل ذلك.',
      link: 'تغيير كلمة المرور',
      back: 'العودة إلى المكتب',
      current: 'كلمة المرور الحالية',
      next: 'كلمة المرور الجديدة',
      again: 'كلمة المرور الجديدة مرة أخرى',
      hint: '12 حرفًا على الأقل.',
      save: 'تغيير كلمة المرور',
      saving: 'جارٍ التغيير…',
      done: 'تغيّرت كلمة مرورك.',
      mismatch: 'كلمتا المرور الجديدتان مختلفتان.',
      wrong: 'هذه ليست كلمة مرورك الحالية.',
      failed: 'لم ينجح ذلك',
    },
  } as const;
  return all[lang];
}

/** The words of the page that makes the first administrator with the server's one-time link. */
export function setupWords(lang: Lang) {
  const all = {
    en: {
      title: 'Make the first administrator',
      intro:
        'This store has no editor account yet. Choose the name and password of its first administrator: you will be signed in at once, and can then add your colleagues’ accounts on the desk.',
      name: 'Your name on the desk',
      nameHint: 'Letters, digits, . _ - (64 at most), starting with a letter or a digit.',
      password: 'Password',
      again: 'Password again',
      hint: 'At least 12 characters.',
      submit: 'Make the account and sign in',
      used: 'The first administrator exists already: this link no longer works. Sign in, or ask an administrator for an account.',
      signIn: 'Sign in',
      unknown: 'This is not the setup link the server printed last. Restart the server: it prints a new link while no account exists.',
      error_name: 'That name will not do: letters, digits, . _ - only, starting with a letter or a digit.',
      error_weak: 'The password needs at least 12 characters.',
      error_mismatch: 'The two passwords differ.',
    },
    fr: {
      title: 'Créer le premier administrateur',
      intro:
        'Ce stockage n’a encore aucun compte d’éditeur. Choisissez le nom et le mot de passe de son premier administrateur : vous serez connecté aussitôt et pourrez ensuite créer les comptes de vos collègues depuis le bureau.',
      name: 'Votre nom au bureau',
      nameHint: 'Lettres, chiffres, . _ - (64 au plus), en commençant par une lettre ou un chiffre.',
      password: 'Mot de passe',
      again: 'Mot de passe, à nouveau',
      hint: '12 caractères au moins.',
      submit: 'Créer le compte et se connecter',
      used: 'Le premier administrateur existe déjà : ce lien ne fonctionne plus. Connectez-vous, ou demandez un compte à un administrateur.',
      signIn: 'Se connecter',
      unknown:
        'Ce n’est pas le dernier lien de configuration affiché par le serveur. Redémarrez le serveur : il en affiche un nouveau tant qu’aucun compte n’existe.',
      error_name: 'Ce nom ne convient pas : lettres, chiffres, . _ - seulement, en commençant par une lettre ou un chiffre.',
      error_weak: 'Le mot de passe doit compter au moins 12 caractères.',
      error_mismatch: 'Les deux mots de passe diffèrent.',
    },
    ar: {
      title: 'إنشاء المشرف الأول',
      intro:
        'لا يوجد في هذا المخزن أي حساب محرر بعد. اختر اسم مشرفه الأول وكلمة مروره: ستدخل فورًا، ويمكنك بعدها إنشاء حسابات زملائك من المكتب.',
      name: 'اسمك في المكتب',
      nameHint: 'أحرف لاتينية وأرقام و. _ - (64 على الأكثر)، يبدأ بحرف أو رقم.',
      password: 'كلمة المرور',
      again: 'كلمة المرور مرة أخرى',
      hint: '12 حرفًا على الأقل.',
      submit: 'إنشاء الحساب والدخول',
      used: 'المشرف الأول موجود بالفعل، ولم يعد هذا الرابط يعمل. سجّل الدخول، أو اطلب حسابًا من أحد المشرفين.',
      signIn: 'تسجيل الدخول',
      unknown: 'ليس هذا آخر رابط إعداد طبعه الخادم. أعد تشغيل الخادم: فهو يطبع رابطًا جديدًا ما دام لا يوجد أي حساب.',
      error_name: 'هذا الاسم غير مقبول: أحرف لاتينية وأرقام و. _ - فقط، ويبدأ بحرف أو رقم.',
      error_weak: 'يجب أن تتكون كلمة المرور من 12 حرفًا على الأقل.',
      error_mismatch: 'كلمتا المرور مختلفتان.',
    },
  } as const;
  return all[lang];
}
