"use client";

import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { Badge, type BadgeTone } from "@/components/ui/badge.tsx";
import { Button } from "@/components/ui/button.tsx";
import { inputClass } from "@/components/ui/field.tsx";
import { ACTIONS } from "@/lib/remediation/vocabulary.ts";
import { isUncertain } from "@/lib/remediation/catalog.ts";
import type { Confidence, Reboot } from "@/lib/remediation/catalog-schema.ts";
import type { FirewallRules } from "@/lib/remediation/firewall.ts";
import type { RemediationResponse } from "@/lib/remediation/generate.ts";
import { SYNTAXES, type RemediationRequest, type Syntax } from "@/lib/remediation/schema.ts";
import { summarizeRemediation } from "@/lib/remediation/summary.ts";

const CONFIDENCE_TONE: Record<Confidence, BadgeTone> = {
  high: "green",
  medium: "sky",
  low: "amber",
  unverified: "red",
};

export function ConfidenceBadge({ confidence }: { confidence: Confidence }) {
  return (
    <Badge tone={CONFIDENCE_TONE[confidence]}>
      {confidence === "unverified" ? "Unverified" : `${confidence[0]?.toUpperCase()}${confidence.slice(1)} confidence`}
    </Badge>
  );
}

export const REBOOT_LABEL: Record<Reboot, string> = {
  required: "Restart required",
  recommended: "Restart recommended",
  unknown: "Restart not documented",
};

const SYNTAX_LABEL: Record<Syntax, { label: string; hint: string }> = {
  override: { label: "Override syntax", hint: 'key="value" lines for the provisioning override box' },
  native: { label: "Native file", hint: "the vendor's own configuration file format" },
};

// The response does not say which syntax was rendered (native falls back to override lines where a
// vendor has none, and the reverse), so the file type is read off the text itself.
function fileExtension(text: string): "xml" | "cfg" | "txt" {
  if (text.startsWith("<")) return "xml";
  if (text.startsWith("#!version")) return "cfg";
  return "txt";
}

function download(text: string, filename: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.click();
  // Revoking in the same task can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

function CopyButton({ text }: { text: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), 2500);
    return () => clearTimeout(timer);
  }, [state]);
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      // No clipboard API outside a secure context, or permission denied.
      setState("failed");
    }
  }
  return (
    <>
      <Button type="button" onClick={copy}>
        {state === "copied" ? "Copied" : "Copy"}
      </Button>
      <span role="status" className={state === "failed" ? "text-sm text-red-700" : "sr-only"}>
        {state === "copied" ? "Copied to the clipboard." : state === "failed" ? "The browser blocked the clipboard: select the text and copy it by hand." : ""}
      </span>
    </>
  );
}

const FIREWALL_TABS = [
  { id: "iptables", label: "iptables" },
  { id: "nftables", label: "nftables" },
  { id: "plain", label: "Plain language" },
] as const satisfies readonly { id: keyof FirewallRules; label: string }[];

function FirewallTabs({ rules }: { rules: FirewallRules }) {
  const [active, setActive] = useState(0);
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  const id = useId();
  // WAI-ARIA tabs pattern: arrow keys move between tabs, Home/End jump to the ends.
  function onKeyDown(event: KeyboardEvent) {
    const last = FIREWALL_TABS.length - 1;
    const next = { ArrowRight: active === last ? 0 : active + 1, ArrowLeft: active === 0 ? last : active - 1, Home: 0, End: last }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    setActive(next);
    tabs.current[next]?.focus();
  }
  const tab = FIREWALL_TABS[active] ?? FIREWALL_TABS[0];
  return (
    <div>
      <div role="tablist" aria-label="Firewall rule format" className="flex gap-1 border-b border-slate-200">
        {FIREWALL_TABS.map((t, i) => (
          <button
            key={t.id}
            ref={(el) => {
              tabs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`${id}-tab-${t.id}`}
            aria-selected={i === active}
            aria-controls={`${id}-panel`}
            tabIndex={i === active ? 0 : -1}
            onClick={() => setActive(i)}
            onKeyDown={onKeyDown}
            className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${
              i === active ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"
            }`}
          >
            {t.label}
          </button>
        ))}
      </div>
      <pre
        role="tabpanel"
        id={`${id}-panel`}
        aria-labelledby={`${id}-tab-${tab.id}`}
        tabIndex={0}
        className={`mt-3 max-h-80 overflow-auto rounded-md bg-slate-50 p-3 text-xs ring-1 ring-slate-200 ${tab.id === "plain" ? "font-sans whitespace-pre-wrap" : ""}`}
      >
        {rules[tab.id]}
      </pre>
    </div>
  );
}

export function OutputPanel({
  request,
  response,
  onSyntaxChange,
}: {
  request: RemediationRequest;
  response: RemediationResponse;
  onSyntaxChange: (syntax: Syntax) => void;
}) {
  const titleId = useId();
  const extension = fileExtension(response.text);
  // Uncertain lines get their caveat next to the line itself, so the list below skips them.
  const warnings = response.warnings.filter((w) => w.code !== "uncertain-line");
  const summary = summarizeRemediation(request, response);

  return (
    <div className="space-y-8">
      <section>
        <div className="flex flex-wrap items-end justify-between gap-4">
          <div>
            <h3 id={titleId} className="text-base font-semibold text-slate-900">
              Override lines
            </h3>
            <p className="text-sm text-slate-600">Paste these into the phone's provisioning (or upload the downloaded file).</p>
          </div>
          <fieldset className="flex items-center gap-3">
            <legend className="sr-only">Syntax</legend>
            <span aria-hidden className="text-sm font-medium text-slate-700">
              Syntax
            </span>
            <div className="inline-flex rounded-md bg-slate-100 p-1">
              {SYNTAXES.map((syntax) => (
                <label
                  key={syntax}
                  title={SYNTAX_LABEL[syntax].hint}
                  className="cursor-pointer rounded px-3 py-1 text-sm font-medium text-slate-700 has-checked:bg-white has-checked:text-brand-700 has-checked:shadow-xs has-focus-visible:outline-2 has-focus-visible:outline-brand-500"
                >
                  <input
                    type="radio"
                    name="syntax"
                    value={syntax}
                    checked={request.syntax === syntax}
                    onChange={() => onSyntaxChange(syntax)}
                    className="sr-only"
                  />
                  {SYNTAX_LABEL[syntax].label}
                </label>
              ))}
            </div>
          </fieldset>
        </div>

        {response.text ? (
          <>
            <pre
              role="region"
              aria-labelledby={titleId}
              tabIndex={0}
              className="mt-3 max-h-96 overflow-auto rounded-md bg-slate-900 p-4 font-mono text-sm text-slate-50"
            >
              {response.text}
            </pre>
            <div className="mt-3 flex flex-wrap items-center gap-3">
              <CopyButton text={response.text} />
              <Button type="button" variant="secondary" onClick={() => download(response.text, `ghostline-${request.vendor}-overrides.${extension}`)}>
                Download .{extension}
              </Button>
            </div>
          </>
        ) : (
          <p className="mt-3 rounded-md border border-dashed border-slate-300 p-4 text-sm text-slate-600">
            No phone setting to change: none of the chosen actions has a sourced key for this phone and firmware.
          </p>
        )}
      </section>

      {response.lines.length > 0 ? (
        <section>
          <h3 className="text-base font-semibold text-slate-900">
            What each line does
          </h3>
          <ul className="mt-3 divide-y divide-slate-200 rounded-md ring-1 ring-slate-200">
            {response.lines.map((line) => {
              const uncertain = isUncertain(line.confidence);
              return (
                <li key={line.key} className={`p-3 text-sm ${uncertain ? "border-l-4 border-amber-500 bg-amber-50" : ""}`}>
                  <div className="flex flex-wrap items-center gap-2">
                    <code className="font-mono font-medium text-slate-900">
                      {line.key} = {line.value}
                    </code>
                    <ConfidenceBadge confidence={line.confidence} />
                    <span className="text-xs text-slate-600">{REBOOT_LABEL[line.reboot]}</span>
                  </div>
                  <p className="mt-1 text-slate-700">{ACTIONS[line.action].title}</p>
                  {line.note ? (
                    <p className={`mt-1 ${uncertain ? "font-medium text-amber-900" : "text-slate-600"}`}>
                      {uncertain ? `${line.confidence.toUpperCase()}: lab-test on one phone before rolling out. ` : ""}
                      {line.note}
                    </p>
                  ) : null}
                  <p className="mt-1 text-xs text-slate-600">
                    Sources:{" "}
                    {line.sources.map((source, i) => (
                      <span key={source.id}>
                        {i > 0 ? "; " : ""}
                        {source.url ? (
                          <a href={source.url} target="_blank" rel="noreferrer" className="text-brand-700 underline">
                            [{source.id}] {source.title}
                          </a>
                        ) : (
                          `[${source.id}] ${source.title}`
                        )}
                      </span>
                    ))}
                  </p>
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}

      {warnings.length > 0 ? (
        <section>
          <h3 className="text-base font-semibold text-slate-900">
            Warnings
          </h3>
          <ul className="mt-3 space-y-2">
            {warnings.map((warning) => (
              <li key={`${warning.code}:${warning.message}`} className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
                {warning.message}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {response.firewall ? (
        <section>
          <h3 className="text-base font-semibold text-slate-900">
            Firewall rules
          </h3>
          <p className="mb-3 text-sm text-slate-600">For the router in front of the phones, not the phones themselves.</p>
          <FirewallTabs rules={response.firewall} />
        </section>
      ) : null}

      <section>
        <h3 id={`${titleId}-summary`} className="text-base font-semibold text-slate-900">
          Ticket summary
        </h3>
        <p id={`${titleId}-summary-hint`} className="text-sm text-slate-600">
          Plain-language note for the ticket: what changed, what to expect, how to verify.
        </p>
        <textarea
          aria-labelledby={`${titleId}-summary`}
          aria-describedby={`${titleId}-summary-hint`}
          readOnly
          value={summary}
          rows={Math.min(20, summary.split("\n").length)}
          className={`${inputClass} font-mono text-xs`}
        />
      </section>
    </div>
  );
}
