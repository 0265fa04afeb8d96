import type { ReactNode } from 'react';

/** Line icons drawn inline (no emoji: not every device has an emoji font). */
function Icon({ size, children }: { size: number; children: ReactNode }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      className="eval-icon"
    >
      {children}
    </svg>
  );
}

/** 巡查: a walked route. */
export const PatrolIcon = ({ size = 32 }: { size?: number }) => (
  <Icon size={size}>
    <circle cx="6" cy="19" r="2" />
    <circle cx="18" cy="5" r="2" />
    <path d="M8 19h8.5a3.5 3.5 0 0 0 0-7h-9a3.5 3.5 0 0 1 0-7H16" />
  </Icon>
);

/** 入户走访: a house. */
export const VisitIcon = ({ size = 32 }: { size?: number }) => (
  <Icon size={size}>
    <path d="M3 10.5 12 3l9 7.5" />
    <path d="M5 9.5V21h14V9.5" />
    <path d="M10 21v-6h4v6" />
  </Icon>
);

/** A map pin (the record carries a position). */
export const PinIcon = ({ size = 14 }: { size?: number }) => (
  <Icon size={size}>
    <path d="M12 21s-7-6.2-7-11a7 7 0 0 1 14 0c0 4.8-7 11-7 11z" />
    <circle cx="12" cy="10" r="2.5" />
  </Icon>
);

/** A padlock (a frozen ranking). */
export const LockIcon = ({ size = 14 }: { size?: number }) => (
  <Icon size={size}>
    <rect x="5" y="11" width="14" height="10" rx="2" />
    <path d="M8 11V7a4 4 0 0 1 8 0v4" />
  </Icon>
);
