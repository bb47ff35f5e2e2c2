/** The desk forms' submit button: its words while a save is under way, and not pressable then. */
export function SaveButton({ saving, label, savingLabel }: { saving: boolean; label: string; savingLabel: string }) {
  return (
    <button
      type="submit"
      disabled={saving}
      className="rounded bg-blue-800 px-4 py-2 font-semibold text-white hover:bg-blue-900 disabled:opacity-60 focus:outline-2 focus:outline-offset-2 focus:outline-blue-700"
    >
      {saving ? savingLabel : label}
    </button>
  );
}
