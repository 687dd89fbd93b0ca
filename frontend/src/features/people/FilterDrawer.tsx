import { useEffect, useRef, type ReactNode } from "react";

interface Props {
  /** Closes the drawer; the opener takes focus back. */
  onClose: () => void;
  /** The label of the button that closes the drawer to show the results ("Show 12 people"). */
  showLabel: string;
  children: ReactNode;
}

/**
 * The filters as a modal drawer on narrow screens: focus moves into it when it
 * opens, Escape, the close buttons and a click beside it close it.
 */
export function FilterDrawer({ onClose, showLabel, children }: Props) {
  const dialog = useRef<HTMLDivElement>(null);
  useEffect(() => {
    dialog.current?.focus();
  }, []);
  return (
    <div className="drawer-backdrop" onClick={onClose}>
      <div
        ref={dialog}
        className="drawer"
        role="dialog"
        aria-modal="true"
        aria-labelledby="filter-drawer-title"
        tabIndex={-1}
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === "Escape") {
            e.stopPropagation();
            onClose();
          }
        }}
      >
        <div className="drawer-head">
          <h2 id="filter-drawer-title">Filters</h2>
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
        <div className="drawer-body">{children}</div>
        <div className="drawer-foot">
          <button type="button" className="primary" onClick={onClose}>
            {showLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
