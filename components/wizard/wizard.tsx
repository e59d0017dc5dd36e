"use client";

// The remediation wizard. The catalog and generator are pure and isomorphic, so every step is
// computed here as the agent types, with the same zod schema the API applies.
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Field, inputClass } from "@/components/ui/field.tsx";
import type { ActionId } from "@/lib/remediation/vocabulary.ts";
import { availableActions, type ActionAvailability } from "@/lib/remediation/catalog.ts";
import { generateOverrides } from "@/lib/remediation/generate.ts";
import { remediationRequestSchema, type Syntax } from "@/lib/remediation/schema.ts";
import { DeviceFields, type Device } from "./device-fields.tsx";
import { ConfidenceBadge, OutputPanel, REBOOT_LABEL } from "./output.tsx";
import { SaveToCase, type CaseCustomer } from "./save-to-case.tsx";

const STEPS = ["Device", "Actions", "Parameters", "Output"] as const;
type Step = 0 | 1 | 2 | 3;

export interface KnownPhone extends Device {
  label: string;
}

// Digits become a number; anything else goes to the schema as typed, so the agent reads
// "port must be a whole number" rather than a message about NaN.
function integer(value: string): number | string | undefined {
  const trimmed = value.trim();
  if (trimmed === "") return undefined;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

function serverLines(text: string): string[] {
  return text.split("\n").map((line) => line.trim()).filter(Boolean);
}

function ActionOption({ action, checked, onToggle }: { action: ActionAvailability; checked: boolean; onToggle: (checked: boolean) => void }) {
  const id = `action-${action.id}`;
  return (
    <li className={`flex gap-3 rounded-lg border p-4 ${checked ? "border-brand-500 bg-brand-50" : "border-slate-200 bg-white"}`}>
      <input
        id={id}
        type="checkbox"
        checked={checked}
        disabled={!action.available}
        aria-describedby={`${id}-details`}
        onChange={(e) => onToggle(e.target.checked)}
        className="mt-1 size-4 accent-brand-600"
      />
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-center gap-2">
          <label htmlFor={id} className={`font-medium ${action.available ? "cursor-pointer text-slate-900" : "text-slate-700"}`}>
            {action.title}
          </label>
          {action.recommended ? <span className="rounded-full bg-brand-100 px-2 py-0.5 text-xs font-medium text-brand-900">Recommended</span> : null}
          {action.available ? null : <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700">Not available</span>}
          {action.confidence ? <ConfidenceBadge confidence={action.confidence} /> : null}
          {action.reboot ? <span className="text-xs text-slate-600">{REBOOT_LABEL[action.reboot]}</span> : null}
        </div>
        <div id={`${id}-details`} className="mt-1 space-y-1 text-sm">
          <p className="text-slate-700">{action.does}</p>
          <p className="text-slate-600">Cost: {action.costs}</p>
          {action.keys.length > 0 ? (
            <p className="text-slate-600">
              Sets <code className="font-mono text-slate-800">{action.keys.join(", ")}</code>
            </p>
          ) : null}
          {action.reason ? (
            <p className={action.available ? "text-amber-900" : "font-medium text-slate-700"}>
              {action.available ? "Note: " : "Why not: "}
              {action.reason}
            </p>
          ) : null}
        </div>
      </div>
    </li>
  );
}

export function Wizard({
  initial,
  phones = [],
  customer,
}: {
  initial: { device: Device; account: string };
  phones?: KnownPhone[];
  /** Opened for a customer: the output can be saved to their case. */
  customer?: CaseCustomer | undefined;
}) {
  const [step, setStep] = useState<Step>(0);
  const [device, setDevice] = useState<Device>(initial.device);
  // The agent's choice, remembered for the device it was made for; a new device starts again
  // from that device's recommended actions.
  const [chosen, setChosen] = useState<{ device: string; ids: ActionId[] } | null>(null);
  const [port, setPort] = useState("");
  const [account, setAccount] = useState(initial.account);
  const [servers, setServers] = useState("");
  const [syntax, setSyntax] = useState<Syntax>("override");
  const [attempted, setAttempted] = useState<ReadonlySet<Step>>(new Set());

  const headingRef = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);
  useEffect(() => {
    // Move focus to the new step's heading so keyboard and screen-reader users land on it.
    if (moved.current) headingRef.current?.focus();
  }, [step]);

  const accountValue = integer(account);
  const availability = device.vendor
    ? availableActions({
        vendor: device.vendor,
        model: device.model || undefined,
        firmware: device.firmware,
        account: typeof accountValue === "number" && accountValue >= 1 ? accountValue : undefined,
      })
    : undefined;
  const actions = availability?.ok ? availability.actions : [];
  const deviceKey = `${device.vendor}|${device.model}|${device.firmware.trim()}`;
  const wanted = new Set(chosen?.device === deviceKey ? chosen.ids : actions.filter((a) => a.recommended).map((a) => a.id));
  // Catalog order, which is also the order the generator emits lines in.
  const selected = actions.filter((a) => a.available && wanted.has(a.id)).map((a) => a.id);
  const usesPort = selected.includes("listen-port") || selected.includes("firewall");
  const usesServers = selected.includes("firewall");

  // Not typed as the schema input: port and account go in as typed for the schema to judge.
  const input = device.vendor
    ? {
        vendor: device.vendor,
        model: device.model || undefined,
        firmware: device.firmware,
        actions: selected,
        // Hidden fields are not sent: a stale port must not block or warn about an action not chosen.
        params: {
          account: accountValue,
          ...(usesPort ? { port: integer(port) } : {}),
          ...(usesServers ? { servers: serverLines(servers) } : {}),
        },
        syntax,
      }
    : undefined;
  const parsed = input ? remediationRequestSchema.safeParse(input) : undefined;
  const response = parsed?.success ? generateOverrides(parsed.data) : undefined;

  const paramError = (field: "port" | "account" | "servers") => {
    if (!attempted.has(2) || !parsed || parsed.success) return undefined;
    const issues = parsed.error.issues.filter((i) => i.path[0] === "params" && i.path[1] === field);
    if (field !== "servers") return issues[0]?.message;
    const lines = serverLines(servers);
    const messages = issues.map((i) => (typeof i.path[2] === "number" ? `${lines[i.path[2]]}: ${i.message}` : i.message));
    return messages.length > 0 ? messages.join("; ") : undefined;
  };

  const reachable: Record<Step, boolean> = {
    0: true,
    1: availability?.ok === true,
    2: availability?.ok === true && selected.length > 0,
    3: parsed?.success === true,
  };
  const canOpen = (target: Step) => ([0, 1, 2, 3] as const).every((s) => s > target || reachable[s]);

  function go(target: Step) {
    moved.current = true;
    setStep(target);
  }
  function next() {
    const target = (step + 1) as Step;
    if (canOpen(target)) go(target);
    else setAttempted((prev) => new Set(prev).add(step));
  }

  return (
    <div className="space-y-6">
      <nav aria-label="Wizard steps">
        <ol className="grid grid-cols-4 gap-2">
          {STEPS.map((name, i) => {
            const s = i as Step;
            const current = s === step;
            const done = s < step;
            return (
              <li key={name}>
                <button
                  type="button"
                  onClick={() => go(s)}
                  disabled={!canOpen(s)}
                  aria-current={current ? "step" : undefined}
                  className={`flex w-full items-center gap-3 rounded-lg border px-4 py-3 text-left text-sm font-medium ${
                    current
                      ? "border-brand-600 bg-white text-brand-700 shadow-xs"
                      : done
                        ? "border-slate-200 bg-white text-slate-800 hover:border-brand-500"
                        : "border-slate-200 bg-slate-50 text-slate-600"
                  }`}
                >
                  <span
                    aria-hidden
                    className={`grid size-7 shrink-0 place-items-center rounded-full text-xs font-semibold ${
                      current ? "bg-brand-600 text-white" : done ? "bg-brand-100 text-brand-900" : "bg-slate-200 text-slate-700"
                    }`}
                  >
                    {done ? "✓" : i + 1}
                  </span>
                  <span>
                    <span className="sr-only">Step {i + 1}: </span>
                    {name}
                  </span>
                </button>
              </li>
            );
          })}
        </ol>
      </nav>

      <section aria-labelledby="wizard-step-heading" className="rounded-lg border border-slate-200 bg-white p-6 shadow-xs">
        <h2 id="wizard-step-heading" ref={headingRef} tabIndex={-1} className="text-lg font-semibold text-slate-900 focus:outline-none">
          {STEPS[step]}
        </h2>

        {step === 0 ? (
          <div className="mt-4 space-y-6">
            <p className="text-sm text-slate-600">Which phone rang? The firmware decides which keys exist, so copy it exactly from the phone's status page.</p>
            {phones.length > 0 ? (
              <div>
                <h3 className="text-sm font-semibold text-slate-800">Phones on file</h3>
                <ul className="mt-2 flex flex-wrap gap-2">
                  {phones.map((phone) => (
                    <li key={phone.label}>
                      <Button type="button" variant="secondary" onClick={() => setDevice({ vendor: phone.vendor, model: phone.model, firmware: phone.firmware })}>
                        Use {phone.label}
                      </Button>
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            <DeviceFields value={device} onChange={setDevice} issues={availability && !availability.ok ? availability.issues : []} showErrors={attempted.has(0)} />
          </div>
        ) : null}

        {step === 1 ? (
          <fieldset className="mt-4">
            <legend className="text-sm text-slate-600">
              Recommended actions are preselected. Actions with no sourced key for this phone and firmware cannot be chosen.
            </legend>
            <ul className="mt-4 space-y-3">
              {actions.map((action) => (
                <ActionOption
                  key={action.id}
                  action={action}
                  checked={selected.includes(action.id)}
                  onToggle={(checked) =>
                    setChosen({ device: deviceKey, ids: checked ? [...selected, action.id] : selected.filter((id) => id !== action.id) })
                  }
                />
              ))}
            </ul>
            {attempted.has(1) && selected.length === 0 ? (
              <p role="alert" className="mt-3 text-sm text-red-700">
                Choose at least one action.
              </p>
            ) : null}
          </fieldset>
        ) : null}

        {step === 2 ? (
          <div className="mt-4 grid max-w-2xl gap-5">
            {usesPort ? (
              <Field
                label="Port"
                error={paramError("port")}
                hint={
                  selected.includes("listen-port")
                    ? "The new SIP port for the phone: 1024–65535, not 5060 or 5061. The firewall rules follow it."
                    : "The SIP port the phones listen on, if it is not the standard one; the firewall rules cover it. Leave empty for 5060 and 5061."
                }
              >
                {(props) => (
                  <input {...props} inputMode="numeric" autoComplete="off" className={`${inputClass} max-w-40 font-mono`} value={port} onChange={(e) => setPort(e.target.value)} />
                )}
              </Field>
            ) : null}
            <Field
              label="Account"
              error={paramError("account")}
              hint="The account (line) on the phone that rang; empty means 1. Per-account settings are written for this account only."
            >
              {(props) => (
                <input {...props} inputMode="numeric" autoComplete="off" className={`${inputClass} max-w-40 font-mono`} value={account} onChange={(e) => setAccount(e.target.value)} />
              )}
            </Field>
            {usesServers ? (
              <Field
                label="SIP server addresses"
                error={paramError("servers")}
                hint="One IPv4 or IPv6 address or CIDR range per line: every address the provider sends SIP from."
              >
                {(props) => (
                  <textarea
                    {...props}
                    rows={4}
                    spellCheck={false}
                    className={`${inputClass} font-mono`}
                    placeholder={"203.0.113.10\n198.51.100.0/24"}
                    value={servers}
                    onChange={(e) => setServers(e.target.value)}
                  />
                )}
              </Field>
            ) : null}
          </div>
        ) : null}

        {step === 3 && parsed?.success && response ? (
          <div className="mt-4">
            <OutputPanel request={parsed.data} response={response} onSyntaxChange={setSyntax} />
            {customer ? (
              <div className="mt-8">
                {/* A new request is new overrides: saving starts over. */}
                <SaveToCase key={JSON.stringify(parsed.data)} customer={customer} request={parsed.data} />
              </div>
            ) : null}
          </div>
        ) : null}

        <div className="mt-8 flex items-center justify-between border-t border-slate-200 pt-4">
          {step > 0 ? (
            <Button type="button" variant="secondary" onClick={() => go((step - 1) as Step)}>
              Back
            </Button>
          ) : (
            <span />
          )}
          {step < 3 ? (
            <Button type="button" onClick={next}>
              {step === 2 ? "Show the overrides" : "Next"}
            </Button>
          ) : null}
        </div>
      </section>
    </div>
  );
}
