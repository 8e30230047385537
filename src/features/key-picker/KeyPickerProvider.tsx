import { lazy, Suspense, useCallback, useRef, useState, type ReactNode } from 'react';
import { KeyPickerContext, type KeyPickerRequest } from '../../components/keyPicker';

const KeyPickerDrawer = lazy(() => import('./KeyPickerDrawer'));

/** Makes "Select from key vault" available to every page; the drawer itself loads on first use. */
export function KeyPickerProvider({ children }: { children: ReactNode }) {
  const [request, setRequest] = useState<KeyPickerRequest | null>(null);
  const [opened, setOpened] = useState(false);
  const opener = useRef<HTMLElement | null>(null);
  const open = useCallback((r: KeyPickerRequest) => {
    // Focus goes back to what opened the picker (the "Select from key vault" link) when it closes.
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setOpened(true);
    setRequest(r);
  }, []);
  const close = useCallback(() => {
    setRequest(null);
    const target = opener.current;
    setTimeout(() => target?.isConnected && target.focus(), 0);
  }, []);
  return (
    <KeyPickerContext.Provider value={open}>
      {children}
      {opened && (
        <Suspense fallback={null}>
          <KeyPickerDrawer request={request} onClose={close} />
        </Suspense>
      )}
    </KeyPickerContext.Provider>
  );
}
