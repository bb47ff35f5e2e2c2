'use client';
import { type ReactNode, useEffect, useRef } from 'react';

/**
 * A modal dialog with a title and a close button: the native <dialog>, so focus is trapped and
 * Escape closes it without more code; `onClose` when it closes, however.
 */
export default function ModalDialog({
  id,
  title,
  closeLabel,
  width,
  testId,
  onClose,
  children,
}: {
  id: string;
  title: string;
  closeLabel: string;
  /** a Tailwind width class, e.g. w-[min(96vw,760px)] */
  width: string;
  testId: string;
  onClose(): void;
  children: ReactNode;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  return (
    <dialog
      ref={dialog}
      onClose={onClose}
      aria-labelledby={`${id}-title`}
      className={`m-auto ${width} rounded-lg p-0 text-slate-900 backdrop:bg-black/50`}
      data-testid={testId}
    >
      <div className="flex items-center justify-between border-b border-slate-200 px-4 py-2">
        <h2 id={`${id}-title`} className="text-lg font-semibold">
          {title}
        </h2>
        <button
          type="button"
          onClick={() => dialog.current?.close()}
          className="rounded px-2 py-1 hover:bg-slate-100 focus:outline-2 focus:outline-blue-600"
          aria-label={closeLabel}
        >
          ✕
        </button>
      </div>
      {children}
    </dialog>
  );
}
