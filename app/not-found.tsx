import Link from "next/link";
import { buttonClass } from "@/components/ui/button.tsx";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl px-6 py-24 text-center">
      <p className="text-sm font-semibold text-slate-600">404</p>
      <h1 className="mt-2 text-2xl font-semibold">Nothing here</h1>
      <Link href="/" className={`${buttonClass("secondary")} mt-6`}>
        Back to the overview
      </Link>
    </main>
  );
}
