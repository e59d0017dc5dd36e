"use client";

// A source's feed setup: its secret (made or replaced here, shown once), the quiet limit and the
// Asterisk manager connection (supervisors and admins; the actions check the role again), and
// the PBX's configuration snippets with a copy button, filled in with the secret just made.
import { useActionState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Field, inputClass } from "@/components/ui/field.tsx";
import { FormStatus, firstError } from "@/components/ui/form-status.tsx";
import { rotateFeedSecretAction, saveFeedSettingsAction } from "@/lib/feeds/actions.ts";
import { feedSnippets } from "@/lib/feeds/snippets.ts";
import { CopyButton } from "./copy-button.tsx";

export interface FeedSetupProps {
  source: string;
  baseUrl: string;
  canEdit: boolean;
  secretPrefix: string | null;
  quietMinutes: number;
  ami: { host: string; port: number; username: string } | null;
}

export function FeedSetup(props: FeedSetupProps) {
  const [secretState, rotate, rotating] = useActionState(rotateFeedSecretAction.bind(null, props.source), {});
  const [settingsState, save, saving] = useActionState(saveFeedSettingsAction.bind(null, props.source), {});
  const snippets = feedSnippets({ baseUrl: props.baseUrl, source: props.source, secret: secretState.secret ?? null, amiUsername: props.ami?.username ?? null });
  return (
    <div className="grid gap-6">
      <section aria-labelledby="feed-secret" className="grid gap-2">
        <h3 id="feed-secret" className="text-sm font-semibold text-slate-800">Feed secret</h3>
        <p className="text-sm text-slate-600">
          {props.secretPrefix === null ? "None yet: make one for FreeSWITCH's `cred` or a relay's Bearer token." : <>In use: <code>{props.secretPrefix}…</code> (an API token works too).</>}
        </p>
        {secretState.secret ? (
          <p className="flex flex-wrap items-center gap-2 text-sm">
            <code className="rounded bg-amber-50 px-2 py-1 ring-1 ring-amber-300" data-testid="feed-secret">{secretState.secret}</code>
            <CopyButton text={secretState.secret} label="the feed secret" />
          </p>
        ) : null}
        {props.canEdit ? (
          <form action={rotate} className="flex items-center gap-3">
            <Button type="submit" variant="secondary" disabled={rotating}>{props.secretPrefix === null ? "Make a feed secret" : "Replace the feed secret"}</Button>
            <FormStatus state={secretState} fields={[]} />
          </form>
        ) : null}
      </section>

      {props.canEdit ? (
        <form action={save} className="grid gap-4" aria-label="Feed settings">
          <div className="grid gap-4 sm:grid-cols-5">
            <Field label="Quiet limit (minutes)" hint="Longer than this without a CDR or heartbeat is a gap." error={firstError(settingsState, "quietMinutes")}>
              {(p) => <input {...p} name="quietMinutes" inputMode="numeric" defaultValue={props.quietMinutes} className={inputClass} />}
            </Field>
            <Field label="AMI host" hint="Blank: no manager connection." error={firstError(settingsState, "amiHost")}>
              {(p) => <input {...p} name="amiHost" defaultValue={props.ami?.host ?? ""} className={inputClass} placeholder="pbx.example.net" />}
            </Field>
            <Field label="AMI port" error={firstError(settingsState, "amiPort")}>
              {(p) => <input {...p} name="amiPort" inputMode="numeric" defaultValue={props.ami?.port ?? 5038} className={inputClass} />}
            </Field>
            <Field label="AMI user" error={firstError(settingsState, "amiUsername")}>
              {(p) => <input {...p} name="amiUsername" defaultValue={props.ami?.username ?? ""} className={inputClass} placeholder="ghostline" />}
            </Field>
            <Field label="AMI secret" hint={props.ami ? "Blank: keep the saved one." : undefined} error={firstError(settingsState, "amiSecret")}>
              {(p) => <input {...p} name="amiSecret" type="password" autoComplete="off" className={inputClass} />}
            </Field>
          </div>
          <div className="flex items-center gap-3">
            <Button type="submit" disabled={saving}>Save feed settings</Button>
            <FormStatus state={settingsState} fields={["quietMinutes", "amiHost", "amiPort", "amiUsername", "amiSecret"]} />
          </div>
        </form>
      ) : null}

      <section aria-labelledby="pbx-config" className="grid gap-4">
        <h3 id="pbx-config" className="text-sm font-semibold text-slate-800">Configure the PBX</h3>
        {snippets.map((s) => (
          <div key={s.id} className="grid gap-1">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h4 className="text-sm font-medium text-slate-800">{s.title}</h4>
              <CopyButton text={s.text} label={s.title} />
            </div>
            <p className="text-xs text-slate-600">{s.file}</p>
            {/* Focusable: a scrolling region must be reachable by keyboard (WCAG 2.1.1, axe scrollable-region-focusable). */}
            <pre tabIndex={0} aria-label={`${s.title}: ${s.file}`} className="overflow-x-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100" data-snippet={s.id}>{s.text}</pre>
            <p className="text-xs text-slate-600">{s.note}</p>
          </div>
        ))}
      </section>
    </div>
  );
}
