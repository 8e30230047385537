import { useEffect, useReducer } from 'react';
import { useSession } from '../../auth/session';
import { streamVaultKeys, type KeyRow } from '../../azure/listVaultKeys';

export interface VaultKeysState {
  rows: KeyRow[];
  /** Types from Resource Manager's list, by key name (that list pages on its own). */
  types: Map<string, { kty: string; keySize?: number; curve?: string }>;
  pages: number;
  loading: boolean;
  error?: unknown;
  /** When the first keys arrived (performance.now()), for the picker benchmark. */
  firstRowsAt?: number;
  doneAt?: number;
}

type Action =
  | { type: 'reset' }
  | { type: 'keys'; rows: KeyRow[] }
  | { type: 'types'; types: Map<string, { kty: string; keySize?: number; curve?: string }> }
  | { type: 'done' }
  | { type: 'error'; error: unknown }
  | { type: 'add'; row: KeyRow };

const EMPTY: VaultKeysState = { rows: [], types: new Map(), pages: 0, loading: false };

function reducer(state: VaultKeysState, a: Action): VaultKeysState {
  switch (a.type) {
    case 'reset':
      return { ...EMPTY, types: new Map(), loading: true };
    case 'keys': {
      const rows = a.rows.map((r) => ({ ...r, ...state.types.get(r.name) }));
      return { ...state, rows: state.rows.concat(rows), pages: state.pages + 1, firstRowsAt: state.firstRowsAt ?? performance.now() };
    }
    case 'types':
      return {
        ...state,
        types: new Map([...state.types, ...a.types]),
        rows: state.rows.map((r) => (a.types.has(r.name) ? { ...r, ...a.types.get(r.name) } : r)),
      };
    case 'done':
      return { ...state, loading: false, doneAt: performance.now() };
    case 'error':
      return { ...state, loading: false, error: a.error };
    case 'add':
      return { ...state, rows: [a.row, ...state.rows.filter((r) => r.name.toLowerCase() !== a.row.name.toLowerCase())] };
  }
}

/** A vault's keys, streamed page by page; choosing another vault cancels the previous vault's requests. */
export function useVaultKeys(vault: { vaultUri: string; name: string; resourceGroup: string; subscriptionId: string } | undefined) {
  const { env, credential } = useSession();
  const [state, dispatch] = useReducer(reducer, EMPTY);
  const key = vault ? `${vault.subscriptionId}/${vault.name}` : '';
  useEffect(() => {
    if (!vault) return;
    const controller = new AbortController();
    dispatch({ type: 'reset' });
    streamVaultKeys(env, credential, vault, {
      keys: (rows) => !controller.signal.aborted && dispatch({ type: 'keys', rows }),
      types: (t) => !controller.signal.aborted && dispatch({ type: 'types', types: t }),
    }, controller.signal)
      .then(() => !controller.signal.aborted && dispatch({ type: 'done' }))
      .catch((error: unknown) => !controller.signal.aborted && dispatch({ type: 'error', error }));
    return () => controller.abort();
    // The vault is identified by `key`; a new object for the same vault must not restart the stream.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, env, credential]);
  return { ...(vault ? state : EMPTY), add: (row: KeyRow) => dispatch({ type: 'add', row }) };
}
