import type { MeResponse } from '@lantian/contract';
import { createContext, useContext } from 'react';

/** The signed-in user inside the workspace (the layout renders pages only once it is known). */
export const MeContext = createContext<MeResponse | null>(null);

export function useCurrentUser(): MeResponse {
  const me = useContext(MeContext);
  if (!me) throw new Error('useCurrentUser outside the signed-in layout');
  return me;
}
