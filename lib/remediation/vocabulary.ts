// The remediation vocabulary shared by every vendor: the wizard, the API and the CLI speak in these
// ids, and each vendor file maps them to its own keys. Isomorphic (no Node imports).
import * as z from "zod";

// Order = the order the wizard offers them in: strongest phone-side control first
// (vendor-parameters.md §0: source filtering beats port changes, which are "last resort").
export const ACTION_IDS = [
  "accept-server-only",
  "disable-ip-calls",
  "listen-port",
  "check-user-id",
  "reject-anonymous",
  "firewall",
] as const;

export type ActionId = (typeof ACTION_IDS)[number];

export const actionIdSchema = z.enum(ACTION_IDS, {
  error: `unknown action; expected one of ${ACTION_IDS.join(", ")}`,
});

export interface ActionInfo {
  title: string;
  /** One line: what the setting does against ghost calls. */
  does: string;
  /** One line: what it costs or breaks. */
  costs: string;
  /** Offered pre-selected by the wizard (still subject to the vendor having a trustworthy key). */
  recommended: boolean;
}

export const ACTIONS: Record<ActionId, ActionInfo> = {
  "accept-server-only": {
    title: "Accept SIP only from the SIP server",
    does: "The phone ignores SIP requests that do not come from its own SIP server or proxy, so a scanner's INVITE never rings.",
    costs: "Calls from any address the phone does not know as its server (another SBC node, a failover server, direct IP calls) are refused.",
    recommended: true,
  },
  "disable-ip-calls": {
    title: "Disable direct IP calls",
    does: "The phone refuses calls addressed to its IP address instead of to a registered account.",
    costs: "Nobody can call the phone by IP address any more; hosted setups rarely need that.",
    recommended: true,
  },
  "listen-port": {
    title: "Move the local SIP port off 5060",
    does: "The phone listens for SIP on another port, so scanners that only try 5060/5061 miss it.",
    costs: "Obscurity only: a scanner that walks every port still finds the phone, and firewall rules must follow the new port.",
    recommended: false,
  },
  "check-user-id": {
    title: "Check the SIP user ID of incoming INVITEs",
    does: "The phone rejects INVITEs whose Request-URI user is not the account's SIP user ID.",
    costs: "Breaks inbound calls when the PBX sends INVITEs to a DID or another user part instead of the SIP user ID.",
    recommended: false,
  },
  "reject-anonymous": {
    title: "Reject anonymous calls",
    does: "The phone rejects calls that carry no caller ID.",
    costs: "Rarely stops ghost calls, which show numbers like 100 or 1000, and it also blocks genuine callers who withhold their number.",
    recommended: false,
  },
  firewall: {
    title: "Firewall: SIP only from the SIP servers",
    does: "The customer's router lets SIP reach the phones only from the SIP servers' addresses.",
    costs: "Needs the provider's complete list of signalling addresses; a new provider server is blocked until the rule is updated.",
    recommended: true,
  },
};
