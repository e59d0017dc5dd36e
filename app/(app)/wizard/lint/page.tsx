import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button.tsx";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { LintForm } from "@/components/wizard/lint-form.tsx";
import { requireUser } from "@/lib/auth/session.ts";

export const metadata: Metadata = { title: "Lint overrides" };

export default async function LintPage() {
  await requireUser();
  return (
    <>
      <PageHeader
        title="Lint existing overrides"
        description="Paste the overrides a phone already has. Each line is checked against the keys sourced for its vendor, model and firmware: a wrong key does nothing, or makes the phone skip other settings."
        actions={
          <Link href="/wizard" className={buttonClass("secondary")}>
            Back to the wizard
          </Link>
        }
      />
      <LintForm />
    </>
  );
}
