/** Class names the client's forms share: one look for every text field and select. */
export const fieldClass = 'mt-0.5 w-full rounded border border-slate-400 bg-white px-2 py-1 text-sm focus:outline-2 focus:outline-blue-600';
