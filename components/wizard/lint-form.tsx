"use client";

// Lints pasted overrides as the agent types; lintOverrides is pure, so no server round trip.
import { useState } from "react";
import { Badge, type BadgeTone } from "@/components/ui/badge.tsx";
import { Card } from "@/components/ui/card.tsx";
import { Field, inputClass } from "@/components/ui/field.tsx";
import type { TargetIssue } from "@/lib/remediation/catalog.ts";
import { lintOverrides, type LintSeverity } from "@/lib/remediation/lint.ts";
import { lintRequestSchema } from "@/lib/remediation/schema.ts";
import { DeviceFields, type Device } from "./device-fields.tsx";

const SEVERITY: Record<LintSeverity, { label: string; tone: BadgeTone }> = {
  error: { label: "Error", tone: "red" },
  warning: { label: "Warning", tone: "amber" },
  info: { label: "Info", tone: "slate" },
};

function count(n: number, word: string) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

export function LintForm() {
  const [device, setDevice] = useState<Device>({ vendor: "", model: "", firmware: "" });
  const [text, setText] = useState("");
  const parsed = device.vendor ? lintRequestSchema.safeParse({ vendor: device.vendor, model: device.model || undefined, firmware: device.firmware, text }) : undefined;
  const issues = parsed?.error?.issues ?? [];
  const deviceIssues = issues.flatMap((i): TargetIssue[] => (i.path[0] === "model" || i.path[0] === "firmware" ? [{ path: i.path[0], message: i.message }] : []));
  const textError = issues.find((i) => i.path[0] === "text")?.message;
  const result = parsed?.success && text.trim() ? lintOverrides(parsed.data) : undefined;
  const errors = result?.findings.filter((f) => f.severity === "error").length ?? 0;
  const warnings = result?.findings.filter((f) => f.severity === "warning").length ?? 0;

  return (
    <div className="space-y-6">
      <Card title="Phone">
        <DeviceFields value={device} onChange={setDevice} issues={deviceIssues} showErrors={false} />
      </Card>
      <Card title="Overrides">
        <Field label="Override text" error={textError} hint={'One setting per line, as key="value" (or the vendor\'s key = value). Lines starting with # are ignored.'}>
          {(props) => (
            <textarea
              {...props}
              rows={10}
              spellCheck={false}
              className={`${inputClass} font-mono`}
              value={text}
              onChange={(e) => setText(e.target.value)}
            />
          )}
        </Field>
      </Card>
      <Card title="Findings">
        <p role="status" className="text-sm text-slate-700">
          {deviceIssues.length > 0 || !device.vendor
            ? "Choose the vendor, model and firmware first."
            : !result
              ? "Paste the overrides above."
              : result.findings.length === 0
                ? "No findings: every line is a known key with a hardening value for this phone."
                : `${count(errors, "error")}, ${count(warnings, "warning")}.`}
        </p>
        {result && result.findings.length > 0 ? (
          <ol className="mt-3 divide-y divide-slate-200 rounded-md ring-1 ring-slate-200">
            {result.findings.map((finding, i) => (
              <li key={i} className="flex gap-3 p-3 text-sm">
                <span className="w-16 shrink-0 font-mono text-xs text-slate-600">line {finding.line}</span>
                <div className="min-w-0 flex-1">
                  <Badge tone={SEVERITY[finding.severity].tone} className="mr-2">
                    {SEVERITY[finding.severity].label}
                  </Badge>
                  <span className="text-slate-800">{finding.message}</span>
                  {finding.suggestion ? (
                    <div className="mt-2">
                      <span className="text-xs text-slate-600">Suggested:</span>
                      <pre className="mt-1 whitespace-pre-wrap break-all rounded bg-slate-50 p-2 font-mono text-xs text-slate-900 ring-1 ring-slate-200">{finding.suggestion}</pre>
                    </div>
                  ) : null}
                </div>
              </li>
            ))}
          </ol>
        ) : null}
      </Card>
    </div>
  );
}
