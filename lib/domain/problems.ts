/** What is wrong with one input of a form, as a code the form has words for (lib/i18n/incident-form.ts). */
export type ProblemCode =
  | 'required'
  | 'tooLong'
  | 'wholeNumber'
  | 'number'
  | 'notNegative'
  | 'tooLarge'
  | 'tooSmall'
  | 'lowAboveHigh'
  | 'date'
  | 'dateRange'
  | 'id'
  | 'pickOne'
  | 'subType'
  | 'countedInSelf'
  | 'other';
