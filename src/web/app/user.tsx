import { createContext, useContext } from "react";
import type { User } from "./api.js";

export const UserContext = createContext<User | null>(null);

export function useUser(): User {
  const u = useContext(UserContext);
  if (!u) throw new Error("useUser outside a signed-in page");
  return u;
}

/** Researchers read de-identified data and do not write. */
export function canEdit(u: User): boolean {
  return u.role !== "researcher";
}
