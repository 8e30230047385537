import { createContext, useContext } from 'react';

/** What a page asks of the key picker: where to start, and what to do with the chosen key URI. */
export interface KeyPickerRequest {
  subscriptionId?: string;
  onSelect(keyUri: string): void;
}

/** Opens the key picker drawer; provided by the app (the picker is its own feature). */
export type OpenKeyPicker = (request: KeyPickerRequest) => void;

export const KeyPickerContext = createContext<OpenKeyPicker | null>(null);

export function useKeyPicker(): OpenKeyPicker | null {
  return useContext(KeyPickerContext);
}
