import type { ReactNode } from 'react';

/**
 * A wide table that scrolls sideways on a phone instead of widening the page: focusable, so a
 * keyboard can scroll it (WCAG 2.1.1), and named for screen readers.
 */
export function ScrollRegion({
  label,
  className = '',
  children,
}: {
  label: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scroll region must take focus (WCAG 2.1.1)
    <section className={`scroll-region ${className}`.trim()} tabIndex={0} aria-label={label}>
      {children}
    </section>
  );
}
