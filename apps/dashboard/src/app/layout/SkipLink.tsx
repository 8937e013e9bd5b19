import type { MouseEvent } from 'react';

export const MAIN_CONTENT_ID = 'main-content';

/** First focusable element: jumps keyboard users past the header and navigation. */
export function SkipLink() {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    const main = document.getElementById(MAIN_CONTENT_ID);
    if (main === null) return;
    // Focus directly instead of changing the URL hash, which the router would treat as a navigation.
    event.preventDefault();
    main.focus();
    main.scrollIntoView?.();
  };

  return (
    <a className="skip-link" href={`#${MAIN_CONTENT_ID}`} onClick={handleClick}>
      Skip to main content
    </a>
  );
}
