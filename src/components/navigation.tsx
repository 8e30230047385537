import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle } from '@fluentui/react-components';

/**
 * Portal-style hash routes (`#/…`) with a guard: a page with unsaved input can ask before the route
 * changes, whether by a link, a command or the browser's Back button.
 */
interface Guard {
  title: string;
  message: string;
  /** Called when the user leaves anyway. */
  onLeave?: () => void;
}

interface NavigationValue {
  route: string;
  navigate(route: string): void;
  setGuard(guard: Guard | null): void;
}

const NavigationContext = createContext<NavigationValue | null>(null);

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};
const currentHashRoute = () => window.location.hash.replace(/^#/, '') || '/';

export function NavigationProvider({ children }: { children: ReactNode }) {
  const hashRoute = useSyncExternalStore(subscribe, currentHashRoute);
  const [route, setRoute] = useState(hashRoute);
  const guard = useRef<Guard | null>(null);
  const [pending, setPending] = useState<{ target: string; guard: Guard } | null>(null);

  useEffect(() => {
    if (hashRoute === route) return;
    if (guard.current) {
      // Put the address back while the user decides (as a new entry: the one left behind stays in history).
      window.history.pushState(null, '', `#${route}`);
      setPending({ target: hashRoute, guard: guard.current });
      return;
    }
    setRoute(hashRoute);
  }, [hashRoute, route]);

  const navigate = useCallback((target: string) => {
    window.location.hash = target;
  }, []);
  const setGuard = useCallback((g: Guard | null) => {
    guard.current = g;
  }, []);

  const leave = () => {
    if (!pending) return;
    pending.guard.onLeave?.();
    guard.current = null;
    setPending(null);
    window.history.pushState(null, '', `#${pending.target}`);
    setRoute(pending.target);
  };

  const value = useMemo(() => ({ route, navigate, setGuard }), [route, navigate, setGuard]);
  return (
    <NavigationContext.Provider value={value}>
      {children}
      <Dialog open={pending !== null} onOpenChange={(_, d) => !d.open && setPending(null)} modalType="alert">
        <DialogSurface>
          <DialogBody>
            <DialogTitle>{pending?.guard.title}</DialogTitle>
            <DialogContent>{pending?.guard.message}</DialogContent>
            <DialogActions>
              <Button appearance="primary" onClick={() => setPending(null)}>Stay</Button>
              <Button onClick={leave}>Leave</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </NavigationContext.Provider>
  );
}

export function useNavigation(): NavigationValue {
  const value = useContext(NavigationContext);
  if (!value) throw new Error('useNavigation is used outside NavigationProvider.');
  return value;
}

/** While `when` holds, leaving the page asks first (in the app and, for closing the tab, in the browser). */
export function useLeaveGuard(when: boolean, guard: Guard): void {
  const { setGuard } = useNavigation();
  const latest = useRef(guard);
  latest.current = guard;
  useEffect(() => {
    if (!when) return;
    setGuard({ ...latest.current, onLeave: () => latest.current.onLeave?.() });
    const beforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
    };
    window.addEventListener('beforeunload', beforeUnload);
    return () => {
      setGuard(null);
      window.removeEventListener('beforeunload', beforeUnload);
    };
  }, [when, setGuard]);
}
