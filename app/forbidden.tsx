import Link from "next/link";
import { buttonClass } from "@/components/ui/button.tsx";

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-xl px-6 py-24 text-center">
      <p className="text-sm font-semibold text-red-700">403 · Not allowed</p>
      <h1 className="mt-2 text-2xl font-semibold">Your role cannot open this page</h1>
      <p className="mt-2 text-slate-600">Ask an admin for a role with access, or go back to your work.</p>
      <Link href="/" className={`${buttonClass("secondary")} mt-6`}>
        Back to the overview
      </Link>
    </main>
  );
}
