import { signOutAction } from "@/lib/auth/actions.ts";
import { roleLabel } from "@/lib/auth/roles.ts";
import type { Actor } from "@/lib/auth/session.ts";
import { showBidiControls } from "@/lib/bidi.ts";
import { UntrustedText } from "@/components/ui/untrusted-text.tsx";

export function UserMenu({ user }: { user: Actor }) {
  return (
    <details className="relative">
      <summary className="flex cursor-pointer list-none items-center gap-2 rounded-md px-2 py-1.5 text-sm hover:bg-slate-100">
        <span className="grid size-7 place-items-center rounded-full bg-brand-100 text-xs font-semibold text-brand-900" aria-hidden>
          {showBidiControls(user.name).slice(0, 1).toUpperCase()}
        </span>
        <span className="hidden sm:block">
          <span className="block font-medium leading-tight"><UntrustedText text={user.name} /></span>
          <span className="block text-xs leading-tight text-slate-600">{roleLabel[user.role]}</span>
        </span>
      </summary>
      <div className="absolute right-0 z-10 mt-2 w-56 rounded-md border border-slate-200 bg-white p-2 shadow-lg">
        <p className="truncate px-2 py-1 text-xs text-slate-600">Signed in as {user.email}</p>
        <form action={signOutAction}>
          <button type="submit" className="w-full rounded px-2 py-1.5 text-left text-sm hover:bg-slate-100">
            Sign out
          </button>
        </form>
      </div>
    </details>
  );
}
