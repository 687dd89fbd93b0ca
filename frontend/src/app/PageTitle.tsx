import { useEffect, useRef, type ReactNode } from "react";

/**
 * The page's h1: sets document.title and takes focus when the page opens, so
 * keyboard and screen-reader users land at the top of the new page.
 */
export function PageTitle({ children, title }: { children: ReactNode; title?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const text = title ?? (typeof children === "string" ? children : "");
  useEffect(() => {
    if (text) document.title = `${text} · OfficeTogether`;
  }, [text]);
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} className="page-title">
      {children}
    </h1>
  );
}
