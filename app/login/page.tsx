import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/session.ts";
import { LoginForm } from "./login-form.tsx";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage() {
  if (await getCurrentUser()) redirect("/");
  return (
    <main className="grid min-h-screen place-items-center px-6">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <p className="text-2xl font-semibold tracking-tight text-brand-900">Ghostline</p>
          <h1 className="mt-1 text-sm text-slate-600">Sign in to triage ghost calls</h1>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-xs">
          <LoginForm />
        </div>
        <p className="mt-4 text-center text-xs text-slate-600">
          No account? An admin creates one on the Admin page or with <code>npx ghostline user create</code>.
        </p>
      </div>
    </main>
  );
}
