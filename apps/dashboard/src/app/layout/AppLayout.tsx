import { useEffect, useRef, type RefObject } from 'react';
import { Outlet, useLocation, useMatches } from 'react-router-dom';
import { useDocumentTitle } from '../../shared/hooks/useDocumentTitle';
import { usePlatformName } from '../../shared/platform/usePlatform';
import { findPageTitle } from '../routeHandle';
import { Footer } from './Footer';
import { Header } from './Header';
import { MainNav } from './MainNav';
import { PlatformStatusBanner } from './PlatformStatusBanner';
import { MAIN_CONTENT_ID, SkipLink } from './SkipLink';

/** Moves focus to <main> after client-side navigation, so screen readers start at the new page. */
function useFocusMainOnNavigate(mainRef: RefObject<HTMLElement | null>): void {
  const { pathname } = useLocation();
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    mainRef.current?.focus();
  }, [pathname, mainRef]);
}

export function AppLayout() {
  const platformName = usePlatformName();
  const pageTitle = findPageTitle(useMatches());
  const mainRef = useRef<HTMLElement>(null);

  useDocumentTitle(pageTitle === undefined ? platformName : `${pageTitle} · ${platformName}`);
  useFocusMainOnNavigate(mainRef);

  return (
    <div className="app-shell">
      <SkipLink />
      <Header />
      <MainNav />
      <PlatformStatusBanner />
      <main id={MAIN_CONTENT_ID} ref={mainRef} tabIndex={-1} className="main">
        <Outlet />
      </main>
      <Footer />
    </div>
  );
}
